"""In Chromium: an administrator is sent to set up TOTP, scans (reads) the key, turns it on, sees recovery codes.

Also checks the page runs under the site's Content-Security-Policy with no violation (the QR code is inline SVG).
"""

import base64
import os

import pytest
from django_otp.oath import totp

from portal.tests.browser import chromium_page, screenshot

from .helpers import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_administrator_sets_up_two_factor_in_the_browser(live_server, settings, hung):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    with chromium_page() as page:
        problems = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("#id_username", "hung")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/tai-khoan/bao-mat/**")
        assert "Bảo mật tài khoản" in page.inner_text("h1")
        page.click("text=Thiết lập xác thực hai lớp")
        page.wait_for_selector(".qr svg")
        secret = page.inner_text("p:has-text('Hoặc nhập khóa này') code")
        code = f"{totp(base64.b32decode(secret)):06d}"
        screenshot(page, "xac-thuc-hai-lop")
        page.fill("#id_token", code)
        page.click("button:has-text('Bật')")
        page.wait_for_selector("#recovery-codes")
        assert len(page.locator("#recovery-codes code").all()) == 10
        page.goto(f"{live_server.url}/tai-khoan/nhat-ky/")
        assert "Nhật ký bảo mật" in page.inner_text("h1")
        assert not [text for text in problems if "Content Security Policy" in text], problems
