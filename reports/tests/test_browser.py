"""The dashboard and Mẫu 1 in headless Chromium, as the demo's upper-level viewer (captren, Hải Phòng)."""

import datetime
import os

import pytest

from organizations.models import AdministrativeUnit
from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in

from .helpers import attend, dialogue, petitions

pytestmark = pytest.mark.django_db(transaction=True)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_the_upper_level_viewer_opens_the_city_dashboard_and_drills_down(demo_site):
    hong_an = AdministrativeUnit.objects.get(code="31-HONGAN")
    held = dialogue(
        hong_an, datetime.date(2026, 2, 10), "periodic", host="Nguyễn Thị Hạnh", title="Đối thoại quý I phường Hồng An"
    )
    attend(held, present=11)
    petitions(held, 4)
    with chromium_page() as page:
        log_in(page, demo_site, "captren")
        page.goto(f"{demo_site}/bao-cao/bang-dieu-khien/?don_vi=31&ky=2026-Q1")
        assert "Bảng điều khiển" in page.inner_text("h1")
        kinds = page.locator("#chart-kinds table").inner_text()
        assert "Định kỳ\t1" in kinds
        assert page.locator("#chart-kinds svg rect").count() == 3
        screenshot(page, "bao-cao-bang-dieu-khien")
        page.click("text=Mẫu 1 — Bảng tổng hợp kết quả đối thoại")
        total = page.locator("#mau1-total").inner_text()
        assert "Tổng số" in total and "11" in total
        page.click("#rollup >> text=Phường Hồng An")
        assert "Đối thoại quý I phường Hồng An" in page.inner_text("#mau1")
        screenshot(page, "bao-cao-mau-1")


def test_the_advising_office_writes_and_issues_the_annual_report(demo_site):
    """002 Phụ lục I Mẫu 2 in the browser: figures shown, parts written and saved as a version, issued with a number."""
    with chromium_page() as page:
        log_in(page, demo_site, "vanphong")
        page.goto(f"{demo_site}/bao-cao/mau-2/?don_vi=31-HONGAN&nam=2026")
        assert "Báo cáo năm (Mẫu 2)" in page.inner_text("h1")
        assert "Chỉ tiêu" in page.inner_text("#mau2-heads")
        for name in ("leadership", "propaganda", "inspection", "effectiveness", "strengths", "limits", "next_year", "proposals"):
            page.fill(f"#m2-{name}", f"Nội dung phần {name} của phường Hồng An.")
        page.fill("#m2-reason", "Soạn lần đầu")
        page.click("#mau2-form button[type=submit]")
        assert "Soạn lần đầu" in page.inner_text("#mau2-history")
        screenshot(page, "bao-cao-mau-2")
        page.click("#mau2-issue button[type=submit]")
        assert "BC" in page.inner_text("#mau2-issued")
        assert "Đang có hiệu lực" in page.inner_text("#mau2-issue")
