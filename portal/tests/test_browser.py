"""Browser tests in headless Chromium: each role logs in and sees a Vietnamese home page that fits it."""

import os

import pytest

from organizations.demo import demo_data

from .browser import chromium_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROLE_TITLES = {
    "quantri": "Quản trị hệ thống",
    "vanphong": "Văn phòng tham mưu",
    "chutri": "Người chủ trì đối thoại",
    "canbo": "Cán bộ cơ quan",
    "lanhdao": "Lãnh đạo cơ quan",
    "mattran": "Giám sát của Mặt trận Tổ quốc",
    "thuky": "Thư ký hội nghị",
    "captren": "Theo dõi của cấp trên",
}


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo_data()["password"])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def test_each_role_sees_its_vietnamese_home_page(demo_site):
    with chromium_page() as page:
        page.goto(f"{demo_site}/")  # visitors get the People's home page, with the way in for staff
        page.click("text=Cán bộ đăng nhập")
        assert "Đăng nhập" in page.inner_text("h1")
        screenshot(page, "dang-nhap")
        for username, title in ROLE_TITLES.items():
            log_in(page, demo_site, username)
            panels = page.locator("section.role-panel h2")
            assert title in panels.first.inner_text()
            body = page.inner_text("body")
            assert "Trang chủ" in body and "Lịch ngày làm việc" in body
            assert "Xin chào" in page.inner_text("h1")
            screenshot(page, f"trang-chu-{username}")
            page.click("text=Đăng xuất")
            page.wait_for_url(f"{demo_site}/dang-nhap/")


def test_wrong_password_is_told_in_vietnamese(demo_site):
    with chromium_page() as page:
        page.goto(f"{demo_site}/dang-nhap/")
        page.fill("#id_username", "vanphong")
        page.fill("#id_password", "sai-mat-khau")
        page.click("button[type=submit]")
        assert "không đúng" in page.inner_text(".error")


def test_calendar_month_navigation_with_htmx(demo_site):
    with chromium_page() as page:
        log_in(page, demo_site, "vanphong")
        page.goto(f"{demo_site}/lich-lam-viec/?nam=2026&thang=1")
        assert page.get_attribute('td[data-date="2026-01-02"]', "data-status") == "off"
        assert page.get_attribute('td[data-date="2026-01-10"]', "data-status") == "worked"
        screenshot(page, "lich-thang-1-2026")
        page.click("text=Tháng sau")
        page.wait_for_selector('td[data-date="2026-02-17"]')
        assert "Tháng 2/2026" in page.inner_text("#month-title")
        assert page.get_attribute('td[data-date="2026-02-17"]', "data-status") == "off"
        assert "thang=2" in page.url


def test_profile_page_shows_rules_with_citations(demo_site):
    with chromium_page() as page:
        log_in(page, demo_site, "canbo")
        page.goto(f"{demo_site}/quy-dinh/tan-ky-2025/")
        row = page.locator('tr[data-code="announce"]').first  # the rules table (a reminders table follows)
        assert "002 IV.1" in row.inner_text()
        assert "5 ngày làm việc trước hội nghị" in row.inner_text()
        screenshot(page, "quy-dinh-tan-ky")
