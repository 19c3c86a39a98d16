"""Browser test: Form 4 with three opinions, a spreadsheet import, assign, answer, approve, track by code."""

import datetime

import pytest
from openpyxl import Workbook

from petitions.importing import COLUMNS
from petitions.models import Petition
from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in
from regulations.models import OpinionField

pytestmark = pytest.mark.django_db(transaction=True)


def log_out(page, base):
    page.click("form[action='/dang-xuat/'] button")
    page.wait_for_url(f"{base}/dang-nhap/")


def test_from_form_4_to_an_answer_the_petitioner_can_track(demo_site, tmp_path):
    fields = {field.code: field.pk for field in OpinionField.objects.filter(profile__code="tan-ky-2025")}
    sheet = tmp_path / "y-kien-mttq.xlsx"
    book = Workbook()
    book.active.append(list(COLUMNS.values()))
    book.active.append(
        ["Đề nghị lắp thêm đèn chiếu sáng ngõ 8 Lý Thường Kiệt", "Kinh tế", "front", "02/11/2026", "", "", "", "", ""]
    )
    book.active.append(
        ["Đề nghị xử lý tụ điểm đánh bạc ở vườn hoa", "Quốc phòng - An ninh", "front", "03/11/2026", "", "", "", "", ""]
    )
    book.save(sheet)
    with chromium_page() as page:
        log_in(page, demo_site, "vanphong")
        page.goto(f"{demo_site}/y-kien/phieu-mau-4/")
        page.fill("#id_full_name", "Đỗ Thị Hạnh")
        page.fill("#id_address", "Tổ dân phố số 2")
        page.fill(f"#id_field_{fields['kinh_te']}", "Đường ngõ 12 Lê Lợi xuống cấp, mưa là ngập")
        page.fill(f"#id_field_{fields['van_hoa_xa_hoi']}", "Trường mầm non Hồng An thiếu chỗ học")
        page.fill(f"#id_field_{fields['quoc_phong_an_ninh']}", "Trộm cắp xe máy ở tổ 6")
        screenshot(page, "y-kien-phieu-mau-4")
        page.click("#sheet-form button[type=submit]")
        page.wait_for_selector("ul.messages")
        assert Petition.objects.filter(sheet__isnull=False).count() == 3

        page.goto(f"{demo_site}/y-kien/nhap-tep/")
        page.set_input_files("#id_file", str(sheet))
        page.click("form[enctype] button[type=submit]")
        page.wait_for_selector("#import-preview")
        screenshot(page, "y-kien-nhap-tep-xem-truoc")
        page.click("#import-preview button")
        page.wait_for_selector("ul.messages")
        assert Petition.objects.count() == 5

        petition = Petition.objects.get(content__startswith="Đường ngõ 12")
        page.goto(f"{demo_site}/y-kien/vu-viec/{petition.case_id}/")
        page.select_option("#classify-form #id_jurisdiction", "within")
        page.click("#classify-form button")
        page.wait_for_selector("ul.messages")
        page.select_option("#assign-form #id_agency", label="Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An")
        page.fill("#assign-form #id_due", (datetime.date.today() + datetime.timedelta(days=20)).isoformat())
        page.click("#assign-form button")
        page.wait_for_selector("ul.messages")
        log_out(page, demo_site)

        log_in(page, demo_site, "canbo")
        page.goto(f"{demo_site}/y-kien/hop-thu/")
        page.click(f"a[href='/y-kien/vu-viec/{petition.case_id}/']")
        page.select_option("#answer-form #id_outcome", "resolved")
        page.fill("#answer-form #id_answer", "UBND phường đã đưa tuyến ngõ 12 vào kế hoạch cải tạo, thi công trong quý I/2027.")
        page.click("#answer-form button[type=submit]")
        page.wait_for_selector("#answer")
        log_out(page, demo_site)

        log_in(page, demo_site, "lanhdao")
        page.goto(f"{demo_site}/y-kien/vu-viec/{petition.case_id}/")
        page.click("#approve")
        page.wait_for_selector("ul.messages")
        screenshot(page, "y-kien-vu-viec-da-duyet")
        log_out(page, demo_site)

        page.goto(f"{demo_site}/y-kien/tra-cuu/")
        page.fill("#ma", petition.tracking_code)
        page.click("form button[type=submit]")
        page.wait_for_selector("#tracked")
        assert "quý I/2027" in page.inner_text("#tracked-answer")
        assert "Đỗ Thị Hạnh" not in page.inner_text("body")
        screenshot(page, "y-kien-tra-cuu")
