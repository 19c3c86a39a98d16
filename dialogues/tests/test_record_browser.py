"""Browser test of the record screens: media checklist, the socio-economic report, changing the hosts."""

import datetime

import pytest

from dialogues import lifecycle
from portal.tests.browser import chromium_page, screenshot

from .record_world import commune, load_profiles, plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_record_the_media_the_report_and_a_new_host(live_server, tmp_path):
    load_profiles()
    place = commune("31-GIAVIEN", "Gia Viên", "gia-vien-2025")
    dialogue = plan(
        place,
        date=datetime.date(2025, 11, 5),
        hosts=[lifecycle.HostChoice(place.secretary)],
        notice_justification="Nhập lại hồ sơ năm 2025",
    )
    report = tmp_path / "bao-cao-kinh-te-xa-hoi.pdf"
    report.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    with chromium_page() as page:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("#id_username", place.staff.username)
        page.fill("#id_password", "matkhau-thu-nghiem")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}/doi-thoai/{dialogue.pk}/")
        assert page.locator("#media-checklist li.missing").count() == 3
        assert "Kênh bắt buộc chưa đưa tin" in page.inner_text("#missing-channels")
        page.click("#media summary")
        page.select_option("#media-form select[name=channel]", "bao_ptth_hai_phong")
        page.fill("#media-form input[name=on]", "2025-10-28")
        page.click("#media-form button[type=submit]")
        page.wait_for_selector("#media-checklist li.done[data-channel='bao_ptth_hai_phong']")
        assert page.locator("#media-checklist li.missing").count() == 2
        row = "tr[data-duty='socio_economic_report']"
        assert page.get_attribute(row, "data-state") == "overdue"  # the conference of 05/11/2025 has passed
        page.set_input_files(f"{row} input[type=file]", str(report))
        page.fill(f"{row} input[name=on]", "2025-11-03")
        page.click(f"{row} button[type=submit]")
        page.wait_for_selector(f"{row}[data-state='done']")
        screenshot(page, "doi-thoai-dua-tin-va-bao-cao")
        page.click("#change-hosts")
        page.select_option("#id_hosts", label=f"Chủ tịch UBND Phạm Minh Đức — {place.unit.name}")
        page.fill("#id_reason", "Bí thư đi công tác, Chủ tịch UBND chủ trì")
        screenshot(page, "doi-thoai-doi-chu-tri")
        page.click("#hosts-form button[type=submit]")
        page.wait_for_selector("#events")
        assert "Nguyễn Văn Hùng → Phạm Minh Đức. Lý do: Bí thư đi công tác, Chủ tịch UBND chủ trì" in page.inner_text("#events")
        page.goto(f"{live_server.url}/van-ban/doi-thoai/{dialogue.pk}/ho-so/")
        item = "#checklist tr[data-item='socio_economic_report']"
        assert page.get_attribute(item, "data-status") == "uploaded"
        assert "bao-cao-kinh-te-xa-hoi.pdf" in page.inner_text(item)
