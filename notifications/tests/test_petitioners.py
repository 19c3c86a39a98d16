"""Petitioners who gave an email or phone and consented are told: the receipt with the tracking code, the
answer approved (003 Điều 10.2), the conclusion notice concerning them (003 Điều 10.1). Without consent,
nothing (Luật 91/2025/QH15: a stated purpose, consent)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from common.tests.clock import today_is
from dialogues.enums import Status
from notifications import petitioners, poller
from notifications.channels import HEADER
from notifications.consent import ConsentError, record_consent, withdraw_consent
from notifications.models import Notification, NotificationChannel, NotificationState, PetitionerConsent
from petitions import casework
from petitions.enums import Outcome

from .world import assigned, dialogue, opinion

pytestmark = pytest.mark.django_db
D = datetime.date
EMAIL = "tranvanbinh@example.invalid"


def to_petitioners():
    return Notification.objects.filter(recipient__isnull=True)


def answer(ward, petition):
    casework.draft_answer(petition.case, ward.officer, Outcome.RESOLVED, "Phường đã nạo vét mương tổ 5 ngày 20/11/2026.")
    return casework.approve(petition.case, ward.head, D(2026, 11, 25))


def test_without_consent_a_petitioner_gets_nothing_even_with_email_and_phone(ward):
    """The petitioner gave an email and a phone on intake but did not consent: no receipt, no answer notice."""
    petition = assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 12, 30), email=EMAIL)
    answer(ward, petition)
    assert not to_petitioners().exists()
    assert not PetitionerConsent.objects.exists()


def test_consent_sends_the_receipt_with_the_tracking_code(ward, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    petition = opinion(ward, "Đề nghị lắp đèn chiếu sáng ngõ 7")
    record_consent(petition, email=EMAIL, phone="0912 000 111", source="web")
    rows = to_petitioners().filter(kind="petition_received")
    assert sorted(rows.values_list("channel", flat=True)) == [NotificationChannel.EMAIL, NotificationChannel.SMS]
    assert all(petition.tracking_code in row.subject for row in rows)
    assert "Trần Văn Bình" not in "".join(row.subject + row.body for row in rows)
    record_consent(petition, email=EMAIL, source="web")  # the same opinion again: no second receipt
    assert rows.count() == 2
    assert poller.run_once().sent == 2
    [sent] = mail.outbox
    assert sent.to == [EMAIL] and petition.tracking_code in sent.subject
    assert sent.extra_headers[HEADER] == str(rows.get(channel=NotificationChannel.EMAIL).pk)


def test_answer_approved_tells_the_consenting_petitioner_003_dieu_10_2(ward):
    petition = assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 12, 30))
    record_consent(petition, email=EMAIL)
    answer(ward, petition)
    [row] = to_petitioners().filter(kind="petition_answered")
    assert row.address == EMAIL and row.legally_required
    assert petition.tracking_code in row.subject and "nạo vét mương tổ 5" in row.body and "25/11/2026" in row.body


def test_conclusion_notice_tells_each_consenting_petitioner_what_concerns_them_003_dieu_10_1(ward):
    held = dialogue(ward, D(2026, 11, 10), status=Status.HELD)
    mine = assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 12, 30), found=held)
    other = opinion(ward, "Đề nghị sửa cổng trường tiểu học", held, email="khac@example.invalid")
    record_consent(mine, email=EMAIL)
    written = petitioners.conclusion_issued(held, D(2026, 11, 20))
    assert written == 1, "only the petitioner who consented; the other gave an email but no consent"
    [row] = to_petitioners().filter(kind="petition_conclusion")
    assert row.address == EMAIL and mine.tracking_code in row.subject
    assert "Phòng Kinh tế" in row.body and "30/12/2026" in row.body and "20/11/2026" in row.body
    assert other.tracking_code not in row.body and "cổng trường" not in row.body
    assert petitioners.conclusion_issued(held, D(2026, 11, 20)) == 0, "issued once, told once"


def test_withdrawn_consent_erases_the_contact_and_cancels_what_was_not_sent(ward):
    petition = assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 12, 30))
    record_consent(petition, email=EMAIL)
    assert withdraw_consent(petition)
    consent = PetitionerConsent.objects.get()
    assert consent.withdrawn_at and consent.email == "" and consent.phone == ""
    assert set(to_petitioners().values_list("state", "address")) == {(NotificationState.CANCELLED, "")}
    answer(ward, petition)
    assert not to_petitioners().filter(kind="petition_answered").exists()
    poller.run_once()
    assert set(to_petitioners().values_list("state", flat=True)) == {NotificationState.CANCELLED}


@pytest.mark.parametrize(
    "email, phone", [("khong-phai-email", ""), ("", "abc123"), ("", "12"), ("a@b", "")], ids=["email", "letters", "short", "host"]
)
def test_bad_contact_is_refused_in_vietnamese_and_nothing_is_written(ward, email, phone):
    petition = opinion(ward, "Đề nghị lắp đèn chiếu sáng ngõ 7")
    with pytest.raises(ConsentError, match="không hợp lệ"):
        record_consent(petition, email=email, phone=phone)
    assert not PetitionerConsent.objects.exists() and not Notification.objects.exists()


def test_staff_record_the_consent_given_at_the_desk(ward, client, monkeypatch):
    today_is(monkeypatch, D(2026, 11, 26))
    client.force_login(ward.staff)
    data = {
        "unit": ward.unit.pk,
        "channel": "letter",
        "received_on": "2026-11-26",
        "content": "Đề nghị lắp đèn chiếu sáng ngõ 7",
        "kind": "person",
        "full_name": "Lê Thị Hoa",
        "email": "lethihoa@example.invalid",
        "notify_consent": "on",
    }
    response = client.post(reverse("petitions:intake"), data)
    assert response.status_code == 302
    consent = PetitionerConsent.objects.get()
    assert consent.source == "staff" and consent.email == "lethihoa@example.invalid"
    assert to_petitioners().filter(kind="petition_received", channel=NotificationChannel.EMAIL).count() == 1


def test_staff_consent_without_any_contact_is_refused_with_400_and_nothing_written(ward, client, monkeypatch):
    today_is(monkeypatch, D(2026, 11, 26))
    client.force_login(ward.staff)
    data = {
        "unit": ward.unit.pk,
        "channel": "letter",
        "received_on": "2026-11-26",
        "content": "Đề nghị lắp đèn chiếu sáng ngõ 7",
        "kind": "person",
        "full_name": "Lê Thị Hoa",
        "notify_consent": "on",
    }
    response = client.post(reverse("petitions:intake"), data)
    assert response.status_code == 400
    assert "email" in response.content.decode()
    assert not PetitionerConsent.objects.exists() and not Notification.objects.exists()
    from petitions.models import Petition

    assert not Petition.objects.exists()


def test_retention_erases_the_contacts_given_for_notifications(ward, settings):
    """Luật 91/2025/QH15: once petitions.retention anonymises the matter, the consent's email and phone go too."""
    from notifications.consent import consent_retention
    from petitions.models import CaseEvent

    petition = assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 12, 30))
    record_consent(petition, email=EMAIL, phone="0912000111")
    assert consent_retention(D(2026, 11, 26)) == 0 and PetitionerConsent.objects.get().email == EMAIL
    CaseEvent.objects.create(case=petition.case, action="anonymised")
    consent_retention(D(2026, 11, 26))
    consent = PetitionerConsent.objects.get()
    assert (consent.email, consent.phone) == ("", "") and consent.withdrawn_at
    assert set(to_petitioners().values_list("address", flat=True)) == {""}


def test_the_admin_shows_a_petitioners_address_masked(ward, client):
    from django.contrib.auth.models import User

    petition = opinion(ward, "Đề nghị lắp đèn chiếu sáng ngõ 7")
    record_consent(petition, email=EMAIL)
    client.force_login(User.objects.create_superuser("vanhanh", "vanhanh@example.invalid", "mat-khau-van-hanh"))
    row = to_petitioners().get()
    listing = client.get(reverse("admin:notifications_notification_changelist")).content.decode()
    page = client.get(reverse("admin:notifications_notification_change", args=[row.pk])).content.decode()
    assert EMAIL not in listing and EMAIL not in page and "t***@example.invalid" in page
