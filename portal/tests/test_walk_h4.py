"""Walk-through findings on the public pages (h4), as a citizen on a phone would meet them."""

import pytest
from django.urls import reverse

from portal.models import WebSubmission

from .public_helpers import announced
from .test_send import form

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(demo):
    return announced()


def test_a_phone_that_is_not_a_number_is_refused_and_the_text_kept(client, opened):
    """Issue 14 (contact to answer the citizen): "abc" as the only contact is no way to reach the sender."""
    response = client.post(reverse("portal:send"), form(phone="abc"))
    html = response.content.decode()
    assert response.status_code == 400 and not WebSubmission.objects.exists()
    assert "Số điện thoại chỉ gồm chữ số" in html
    assert "Đề nghị sửa cống thoát nước trước chợ Hồng An" in html and "Nguyễn Thị Ánh" in html  # nothing retyped


@pytest.mark.parametrize("phone", ["0912 345 678", "+84 912.345.678", "0225-3842-123"])
def test_usual_ways_of_writing_a_phone_are_accepted(client, opened, phone):
    response = client.post(reverse("portal:send"), form(phone=phone))
    assert response.status_code == 302 and WebSubmission.objects.get().phone == phone


def test_anonymous_sender_is_not_held_up_by_a_phone_that_is_not_kept(client, opened):
    response = client.post(reverse("portal:send"), form(kind="unknown", phone="abc"))
    assert response.status_code == 302 and WebSubmission.objects.get().phone == ""


def test_phone_field_opens_the_number_keypad(client, opened):
    """On a phone the field should bring up digits, not the letter keyboard."""
    html = client.get(reverse("portal:send")).content.decode()
    assert 'type="tel"' in html and 'name="phone"' in html


def test_receipt_does_not_tell_a_phone_user_to_press_ctrl_p(client, opened):
    response = client.post(reverse("portal:send"), form())
    html = client.get(response["Location"]).content.decode()
    assert "Ctrl+P" not in html and "chụp màn hình" in html


@pytest.mark.django_db(transaction=True)
def test_not_accepting_an_opinion_asks_first_in_the_browser(demo_site):
    """Rejecting a citizen's opinion is final: a slip of the finger must not do it without a question."""
    import os

    from portal import submissions
    from portal.models import SubmissionStatus

    from .browser import chromium_page
    from .public_helpers import anh, hong_an
    from .test_browser import log_in

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    announced()
    submission = submissions.submit(hong_an(), "Đề nghị lắp đèn đường ngõ 7 Trần Phú", anh(), consent=True)
    asked = []
    with chromium_page() as page:
        log_in(page, demo_site, "vanphong")
        page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        page.goto(f"{demo_site}/tiep-nhan-truc-tuyen/")
        page.click("form[action$='/khong-tiep-nhan/'] button")
        page.wait_for_timeout(300)
        submission.refresh_from_db()
        assert asked and "không thể hoàn tác" in asked[0]
        assert submission.status == SubmissionStatus.PENDING  # dismissed: nothing written
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("form[action$='/khong-tiep-nhan/'] button")
        page.wait_for_load_state()
        page.wait_for_timeout(300)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REJECTED


def test_a_past_dialogue_no_longer_invites_opinions_beforehand(client, opened, monkeypatch):
    """After the day, "citizens may send opinions beforehand" misleads; before it, the page still says so."""
    import datetime

    from django.utils import timezone

    page = reverse("portal:dialogue", args=[opened.pk])
    assert "Người dân có thể gửi ý kiến trước hội nghị" in client.get(page).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *args: opened.date + datetime.timedelta(days=20))
    html = client.get(page).content.decode()
    assert "Người dân có thể gửi ý kiến trước hội nghị" not in html and "Gửi ý kiến cho hội nghị này" not in html
