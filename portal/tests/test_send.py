"""Gửi ý kiến: consent, anonymous opinions, honeypot, size and rate limits, receipt; the office accepts or rejects."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from petitions import casework
from petitions.casework import PetitionerData
from petitions.enums import Channel, Outcome
from petitions.models import Attachment, Petition
from petitions.tests.helpers import agency, field
from portal import submissions
from portal.models import SubmissionStatus, WebSubmission

from .public_helpers import anh, announced, planned, sent, staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form(**changes) -> dict:
    data = {
        "unit": "31-HONGAN",
        "content": "Đề nghị sửa cống thoát nước trước chợ Hồng An",
        "kind": "person",
        "full_name": "Nguyễn Thị Ánh",
        "phone": "0987654321",
        "address": "Tổ 5",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def opened(demo):
    """Hồng An has an announced dialogue, so the public can write to it."""
    return announced()


def test_an_opinion_with_consent_gets_a_code_and_a_receipt(client, opened):
    response = client.post(reverse("portal:send"), form())
    submission = WebSubmission.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("portal:receipt", args=[submission.code])
    assert submission.status == SubmissionStatus.PENDING and submission.consent_at is not None
    receipt = client.get(response["Location"]).content.decode()
    assert submission.code in receipt and "Nguyễn Thị Ánh" not in receipt and "0987654321" not in receipt


def test_without_consent_nothing_is_kept(client, opened):
    response = client.post(reverse("portal:send"), form(consent=None))
    assert response.status_code == 400
    assert "Cần có sự đồng ý" in response.content.decode()
    assert not WebSubmission.objects.exists()


def test_without_content_nothing_is_kept(client, opened):
    response = client.post(reverse("portal:send"), form(content="   "))
    assert response.status_code == 400 and not WebSubmission.objects.exists()


def test_too_long_content_is_refused(client, opened):
    response = client.post(reverse("portal:send"), form(content="x" * (submissions.MAX_CONTENT + 1)))
    assert response.status_code == 400 and not WebSubmission.objects.exists()


def test_a_named_person_must_leave_a_phone_or_email(client, opened):
    response = client.post(reverse("portal:send"), form(phone=""))
    assert response.status_code == 400
    assert "số điện thoại hoặc thư điện tử" in response.content.decode()
    assert not WebSubmission.objects.exists()


def test_anonymous_needs_no_contact_and_keeps_none(client, opened):
    response = client.post(reverse("portal:send"), form(kind="unknown", full_name="Ai đó", phone=""))
    submission = WebSubmission.objects.get()
    assert response.status_code == 302
    assert submission.anonymous and submission.full_name == "" and submission.address == ""
    assert "không thể gửi văn bản trả lời" in client.get(response["Location"]).content.decode()


def test_honeypot_thanks_the_robot_and_keeps_nothing(client, opened):
    response = client.post(reverse("portal:send"), form(website="http://spam.example"))
    assert response.status_code == 200 and "Cảm ơn" in response.content.decode()
    assert not WebSubmission.objects.exists()


def test_rate_limit_per_address(client, opened, settings):
    settings.RATELIMIT_PUBLIC_OPINION = "2/m"
    for _ in range(2):
        assert client.post(reverse("portal:send"), form()).status_code == 302
    response = client.post(reverse("portal:send"), form())
    assert response.status_code == 429
    assert WebSubmission.objects.count() == 2
    assert client.get(reverse("portal:send")).status_code == 200  # reading the form is never limited


def test_a_disguised_file_is_refused_and_nothing_kept(client, opened):
    fake = SimpleUploadedFile("don.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("portal:send"), {**form(), "attachment": fake})
    assert response.status_code == 400 and not WebSubmission.objects.exists()


def test_a_file_over_the_public_limit_is_refused(client, opened, settings):
    settings.PUBLIC_UPLOAD_MAX_BYTES = 20
    response = client.post(reverse("portal:send"), {**form(), "attachment": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 400 and not WebSubmission.objects.exists()


def test_opinion_for_a_draft_or_another_units_dialogue_is_refused(opened):
    draft = planned()
    with pytest.raises(submissions.SubmissionError):
        sent(dialogue=draft)
    assert not WebSubmission.objects.exists()


def test_staff_accepts_into_the_intake_under_the_same_code(client, opened):
    submission = sent(dialogue=opened)
    client.force_login(staff())
    listing = client.get(reverse("portal:web_intake")).content.decode()
    assert submission.code in listing and "Nguyễn Thị Ánh" not in listing  # identity only after acceptance
    response = client.post(reverse("portal:accept", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    petition = Petition.objects.get(tracking_code=submission.code)
    assert submission.status == SubmissionStatus.ACCEPTED and submission.petition == petition
    assert petition.channel == Channel.WEB_FORM and petition.dialogue == opened
    assert petition.petitioner.full_name == "Nguyễn Thị Ánh" and petition.petitioner.phone == "0987654321"
    received = petition.case.events.get(action="received")
    assert received.detail["petition"] == submission.code, "the event shows the code the citizen holds"
    assert petition.history.count() == 1, "created under its code, not renamed afterwards"
    again = client.post(reverse("portal:accept", args=[submission.pk]))
    assert again.status_code == 400 and Petition.objects.count() == 1


def test_the_attachment_follows_the_opinion(client, opened):
    client.post(reverse("portal:send"), {**form(), "attachment": SimpleUploadedFile("anh chup.pdf", PDF)})
    submission = WebSubmission.objects.get()
    assert submission.attachment_name
    petition = submissions.accept(submission, staff())
    stored = Attachment.objects.get(petition=petition)
    assert stored.file.read() == PDF


def test_rejecting_needs_a_reason_the_citizen_then_sees(client, opened):
    submission = sent()
    client.force_login(staff())
    assert client.post(reverse("portal:reject", args=[submission.pk]), {"reason": "bogus"}).status_code == 400
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING
    client.post(reverse("portal:reject", args=[submission.pk]), {"reason": "out_of_scope", "note": "Thuộc thẩm quyền tòa án"})
    client.logout()
    page = client.get(reverse("portal:track"), {"ma": submission.code}).content.decode()
    assert "Không thuộc phạm vi đối thoại" in page and "Thuộc thẩm quyền tòa án" in page
    assert not Petition.objects.exists()


@pytest.mark.parametrize("username", ["canbo", "chutri", "mattran"])
def test_only_the_advising_office_decides(client, opened, username):
    submission = sent()
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("portal:web_intake")).status_code == 403
    assert client.post(reverse("portal:accept", args=[submission.pk])).status_code == 403
    assert client.post(reverse("portal:reject", args=[submission.pk]), {"reason": "spam"}).status_code == 403
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING and not Petition.objects.exists()


def test_visitors_are_sent_to_login_for_the_staff_screen(client, opened):
    assert client.get(reverse("portal:web_intake")).status_code == 302


def test_tracking_in_plain_words_through_to_the_answer(client, opened):
    submission = sent()
    url = reverse("portal:track")
    assert "đang chờ văn phòng tiếp nhận" in client.get(url, {"ma": submission.code}).content.decode()
    petition = submissions.accept(submission, staff())
    assert "đang phân loại" in client.get(url, {"ma": submission.code.lower()}).content.decode()
    casework.classify(petition.case, staff(), field("kinh_te"), "within")
    case = casework.assign(petition.case, staff(), agency(), datetime.date(2026, 1, 5))
    page = client.get(url, {"ma": submission.code}).content.decode()
    assert case.agency.name in page and "05/01/2026" in page and "đã quá hạn" in page
    casework.draft_answer(case, User.objects.get(username="canbo"), Outcome.RESOLVED, "Đã đưa vào kế hoạch nạo vét quý I.")
    assert "chờ lãnh đạo duyệt" in client.get(url, {"ma": submission.code}).content.decode()
    casework.approve(case, User.objects.get(username="lanhdao"))
    page = client.get(url, {"ma": submission.code}).content.decode()
    assert "Đã đưa vào kế hoạch nạo vét quý I." in page and "trả lời sau thời hạn" in page


def test_an_unknown_code_is_not_found(client, opened):
    response = client.get(reverse("portal:track"), {"ma": "YK-KHONGCO1"})
    assert response.status_code == 404 and "Không có ý kiến, kiến nghị nào có mã theo dõi này" in response.content.decode()


def test_the_advising_office_finds_the_screen_from_its_home_page(client, opened):
    client.force_login(staff())
    assert reverse("portal:web_intake") in client.get("/").content.decode()


def test_an_organisation_keeps_its_representative(opened):
    sender = PetitionerData(
        "organization", organization_name="Hợp tác xã Rau Hồng An", representative="Lê Văn Tâm", phone="0911222333"
    )
    petition = submissions.accept(sent(sender=sender), staff())
    assert (
        petition.petitioner.organization_name == "Hợp tác xã Rau Hồng An" and petition.petitioner.representative == "Lê Văn Tâm"
    )


def test_the_notification_box_is_optional_and_stored(client, opened):
    client.post(reverse("portal:send"), form(notify="on"))
    client.post(reverse("portal:send"), form())
    client.post(reverse("portal:send"), form(kind="unknown", notify="on"))  # anonymous: no contact to notify
    assert list(WebSubmission.objects.order_by("pk").values_list("notify_consent", flat=True)) == [True, False, False]
    page = client.get(reverse("portal:send")).content.decode()
    assert "Tôi đồng ý nhận thông báo về ý kiến này qua email/điện thoại đã cung cấp" in page


def test_acceptance_passes_the_consent_to_notifications(opened):
    """Issue 15: the citizen who ticked the box is recorded as consenting (notifications.consent.record_consent)."""
    from notifications.models import PetitionerConsent

    petition = submissions.accept(
        submissions.submit(opened.unit, "Đề nghị sửa cống", anh(email="anh@example.vn"), consent=True, notify=True), staff()
    )
    submissions.accept(sent("Không đánh dấu"), staff())
    assert PetitionerConsent.objects.count() == 1
    assert PetitionerConsent.objects.get().petition == petition


def test_the_old_tracking_address_redirects_permanently(client, opened):
    submission = sent()
    response = client.get("/y-kien/tra-cuu/", {"ma": submission.code})
    assert response.status_code == 301 and response["Location"] == f"/tra-cuu/?ma={submission.code}"


def test_contact_details_unusable_for_notifications_are_refused_at_sending(opened):
    with pytest.raises(submissions.SubmissionError, match="Số điện thoại"):
        submissions.submit(opened.unit, "Đề nghị sửa cống", anh(phone="gọi tôi"), consent=True, notify=True)
    assert not WebSubmission.objects.exists()


def test_accepting_draws_no_code_of_its_own(opened, monkeypatch):
    """Luật 91/2025/QH15 purpose and domain §6 ("traceable"): the citizen's receipt code is the only code the
    opinion ever has; casework.receive is given it, so no temporary code is drawn and then replaced."""
    submission = sent(dialogue=opened)
    drawn = []
    monkeypatch.setattr(casework, "new_tracking_code", lambda: drawn.append("YK-TAMTHOI0") or "YK-TAMTHOI0")
    petition = submissions.accept(submission, staff())
    assert drawn == [] and petition.tracking_code == submission.code
    assert list(petition.history.values_list("tracking_code", flat=True)) == [submission.code]
    assert petition.case.events.get(action="received").detail["petition"] == submission.code
