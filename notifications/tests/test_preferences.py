"""Per-user preferences: channels on or off and a daily digest instead of single mails — except legally
required notices, which always reach the inbox and the mailbox (notifications/kinds.py)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications import poller
from notifications.digests import bundle_held
from notifications.models import Notification, NotificationChannel, NotificationPreference, NotificationState
from notifications.outbox import notify
from notifications.preferences import PreferenceError, set_preferences

from .helpers import overdue, person

pytestmark = pytest.mark.django_db
APPROVED = {"case": {"summary": "Đề nghị nạo vét mương", "status": "closed"}, "agency": {"name": "Phòng Kinh tế"}}


def channels(rows) -> list[str]:
    return sorted(row.channel for row in rows)


def test_email_off_silences_an_optional_kind_but_not_a_legally_required_one():
    user = person()
    set_preferences(user, email=False, sms=False, zalo=False)
    assert channels(notify(user, "case_approved", context=APPROVED)) == ["in_app"]
    assert channels(overdue(user)) == ["email", "in_app"], "answer overdue (003 Điều 10.2) cannot be turned off"


def test_sms_and_zalo_when_switched_on_with_a_phone():
    user = person()
    set_preferences(user, email=True, sms=True, zalo=True, phone="0912 000 222")
    rows = notify(user, "case_approved", context=APPROVED)
    assert channels(rows) == ["email", "in_app", "sms", "zalo"]
    assert {row.address for row in rows if row.channel in ("sms", "zalo")} == {"0912 000 222"}


def test_sms_without_a_phone_is_refused_and_nothing_is_saved():
    user = person()
    with pytest.raises(PreferenceError, match="số điện thoại"):
        set_preferences(user, email=True, sms=True, zalo=False)
    assert not NotificationPreference.objects.exists()


def test_daily_digest_holds_mails_until_the_digest_time_then_sends_one(settings, monkeypatch):
    """Time frozen at 09:00 on 26/11/2026; the user's digest time is 17:00."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    morning = timezone.make_aware(datetime.datetime(2026, 11, 26, 9, 0))
    monkeypatch.setattr("django.utils.timezone.now", lambda: morning)
    user = person()
    set_preferences(user, email=True, sms=False, zalo=False, digest=True, digest_time=datetime.time(17, 0))
    notify(user, "case_approved", context=APPROVED)
    overdue(user)
    held = Notification.objects.filter(channel=NotificationChannel.EMAIL)
    assert set(held.values_list("state", flat=True)) == {NotificationState.HELD}
    assert Notification.objects.filter(channel=NotificationChannel.IN_APP, state=NotificationState.PENDING).count() == 2
    assert poller.run_once().sent == 2 and mail.outbox == [], "in-app at once, no mail before 17:00"
    evening = morning.replace(hour=17, minute=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: evening)
    assert poller.run_once().sent == 1
    [digest] = mail.outbox
    assert "2 thông báo" in digest.subject and "Dự thảo trả lời đã được duyệt" in digest.body and "Quá hạn" in digest.body
    assert set(held.exclude(kind="personal_digest").values_list("state", flat=True)) == {NotificationState.BUNDLED}
    assert bundle_held(evening) == 0, "bundled once"


def test_preferences_page_saves_through_the_verb(client):
    user = person()
    client.force_login(user)
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert page.status_code == 200 and "Quá hạn trả lời" in page.content.decode()
    response = client.post(url, {"email": "on", "digest": "on", "digest_time": "16:30", "phone": ""})
    assert response.status_code == 302
    saved = NotificationPreference.objects.get(user=user)
    assert saved.digest and saved.digest_time == datetime.time(16, 30) and not saved.sms


def test_preferences_page_refuses_bad_input_with_400_and_saves_nothing(client):
    user = person()
    client.force_login(user)
    url = reverse("notifications:preferences")
    for data in (
        {"sms": "on", "digest_time": "07:00"},
        {"phone": "không phải số", "digest_time": "07:00"},
        {"digest_time": "25:99"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
    assert not NotificationPreference.objects.exists()
