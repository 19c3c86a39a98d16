"""Browser test: an agency officer turns on the daily digest on the notification settings page (Vietnamese,
no CSP violation), and the platform operator reads a mail in the mail folder viewer."""

import datetime

import pytest
from django.contrib.auth.models import User

from notifications import poller
from notifications.models import NotificationPreference
from portal.tests.browser import chromium_page, screenshot

from .helpers import overdue

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "matkhau-thu-nghiem"


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_officer_chooses_the_daily_digest_and_operator_reads_the_mail(live_server, ward, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    base = live_server.url
    with chromium_page() as page:
        violations = []
        page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
        log_in(page, base, "canbo")
        page.goto(f"{base}/thong-bao/")
        page.click("text=Cài đặt thông báo")
        assert page.inner_text("h1") == "Cài đặt thông báo"
        assert "Quá hạn trả lời" in page.inner_text("main"), "the notices that cannot be turned off are listed"
        page.check("#id_digest")
        page.fill("#id_digest_time", "16:30")
        page.click("button.primary")
        page.wait_for_selector("text=Đã lưu cài đặt thông báo.")
        screenshot(page, "cai-dat-thong-bao")
        assert violations == []
    saved = NotificationPreference.objects.get(user__username="canbo")
    assert saved.digest and saved.digest_time == datetime.time(16, 30)

    User.objects.create_superuser("vanhanh", "vanhanh@example.invalid", "mat-khau-van-hanh-12")
    lanhdao = User.objects.get(username="lanhdao")
    lanhdao.email = "lanhdao@example.invalid"
    lanhdao.save()
    overdue(lanhdao, channel="email")
    assert poller.run_once().sent == 1
    with chromium_page() as page:
        log_in(page, base, "vanhanh", "mat-khau-van-hanh-12")
        page.goto(f"{base}/thong-bao/thu-da-gui/")
        page.click("td a")
        assert "Quá hạn trả lời ý kiến" in page.inner_text("main")
        screenshot(page, "thu-da-gui")
