"""Browser test: an upper-level viewer of Hải Phòng reads the year view across its communes — which held the
dialogue Luật 72/2025/QH15 Điều 43 requires once a year and which did not — and opens one commune."""

import pytest
from playwright.sync_api import expect

from portal.tests.browser import chromium_page, screenshot

from .test_year_area import YEAR, city, communes  # noqa: F401 - the `city` fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_upper_level_viewer_reads_the_year_view_of_the_city(live_server, city):  # noqa: F811
    communes(city, 0, 4)  # 0 and 2 held their periodic dialogue, 1 and 3 did not
    base = live_server.url
    with chromium_page() as page:
        page.goto(f"{base}/dang-nhap/")
        page.fill("#id_username", "captren")
        page.fill("#id_password", "matkhau-thu-nghiem")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/doi-thoai/theo-nam/?don_vi=31&nam={YEAR}")
        expect(page.locator("#area-totals")).to_contain_text("2/4 xã, phường đã tổ chức")
        rows = page.locator("#communes tbody tr")
        expect(rows).to_have_count(4)
        expect(rows.nth(0)).to_contain_text("đã tổ chức")
        expect(rows.nth(1)).to_contain_text("chưa tổ chức")
        expect(rows.nth(0)).to_contain_text("tóm tắt, chưa đối chiếu văn bản")
        expect(rows.nth(0)).to_contain_text("Bí thư Trần Văn Bí 0: 1/1")
        screenshot(page, "theo-nam-thanh-pho")
        rows.nth(1).locator("a").click()
        expect(page.locator("#statutory")).to_contain_text("chưa tổ chức")
        expect(page.locator("#heads")).to_contain_text("Phạm Thị Chủ 1")
        screenshot(page, "theo-nam-xa")
