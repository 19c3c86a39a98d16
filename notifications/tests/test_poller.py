"""The poller sends each due notification once, retries a failing channel with backoff, then gives up
with the error kept on the row; tests never reach a real address (Django's test mail outbox)."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from notifications import poller
from notifications.models import Notification, NotificationChannel, NotificationState
from notifications.outbox import notify

from .helpers import overdue, person

FAILING = "notifications.tests.helpers.FailingSMTP"


@pytest.mark.django_db
def test_email_and_in_app_are_sent_once():
    tuan = person()
    rows = overdue(tuan)
    assert {row.channel for row in rows} == {NotificationChannel.IN_APP, NotificationChannel.EMAIL}
    call_command("send_notifications")
    call_command("send_notifications")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tuan@example.invalid"]
    assert mail.outbox[0].subject.startswith("Quá hạn trả lời ý kiến")
    assert "003 Điều 10.2" in mail.outbox[0].body
    assert set(Notification.objects.values_list("state", flat=True)) == {NotificationState.SENT}


@pytest.mark.django_db
def test_a_future_notification_waits_for_its_time():
    overdue(person(), due_at=timezone.now() + datetime.timedelta(hours=1))
    assert poller.run_once().claimed == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_row_claimed_by_another_poller_is_left_alone_until_its_claim_is_stale():
    [row] = overdue(person(), channel=NotificationChannel.EMAIL)
    Notification.objects.filter(pk=row.pk).update(claimed_at=timezone.now(), claim="another")
    assert poller.run_once().claimed == 0
    Notification.objects.filter(pk=row.pk).update(claimed_at=timezone.now() - poller.STALE_CLAIM * 2)
    assert poller.run_once().sent == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failing_smtp_retries_with_backoff_then_fails_with_its_error(settings):
    settings.EMAIL_BACKEND = FAILING
    settings.NOTIFY_MAX_ATTEMPTS = 3
    [row] = overdue(person(), channel=NotificationChannel.EMAIL)
    outcome = poller.run_once()
    assert (outcome.claimed, outcome.retrying) == (1, 1)
    row.refresh_from_db()
    assert row.state == NotificationState.PENDING and row.attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    assert row.next_attempt_at > timezone.now() and row.claimed_at is None
    assert poller.run_once().claimed == 0, "not tried again before its backoff"
    for _attempt in range(2):
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        poller.run_once()
    row.refresh_from_db()
    assert row.state == NotificationState.FAILED and row.attempts == 3
    assert "Connection unexpectedly closed" in row.last_error
    assert poller.run_once().claimed == 0, "a failed row is not tried again by itself"
    assert mail.outbox == []


def test_backoff_grows_and_is_capped():
    waits = [poller.backoff(n) for n in range(1, 8)]
    assert waits == sorted(waits) and waits[0] == datetime.timedelta(minutes=1)
    assert waits[-1] == datetime.timedelta(days=1)


@pytest.mark.django_db
def test_a_missing_address_is_an_error_not_a_crash():
    nobody = person("khongthu", email="")
    [row] = overdue(nobody, channel=NotificationChannel.EMAIL)
    poller.run_once()
    row.refresh_from_db()
    assert row.attempts == 1 and "không có địa chỉ" in row.last_error


@pytest.mark.django_db
def test_sms_goes_to_the_logging_gateway_by_default():
    [row] = notify(person("sms"), "answer_overdue", context={"phone": "0912000111"}, channel=NotificationChannel.SMS)
    assert poller.run_once().sent == 1
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and mail.outbox == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent claims need PostgreSQL")
def test_two_pollers_at_once_send_each_notification_once():
    people = [person(f"nguoi{n}", f"nguoi{n}@example.invalid") for n in range(60)]
    for someone in people:
        overdue(someone, channel=NotificationChannel.EMAIL)
    start = threading.Barrier(2)
    outcomes = []

    def run():
        start.wait()
        try:
            outcomes.append(poller.run_once(batch=100))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(outcome.sent for outcome in outcomes) == 60
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert Notification.objects.filter(state=NotificationState.SENT).count() == 60
