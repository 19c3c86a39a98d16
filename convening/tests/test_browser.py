"""Browser test (headless Chromium): a request reaches 10% of the voters and becomes a planned dialogue."""

import datetime
import os

import pytest

from common import dates
from convening.models import ConveningRequest, PlanningDuty, RequestState
from dialogues.models import Dialogue
from portal.tests.browser import chromium_page, screenshot

from .factories import PDF, hong_an_commune, secretary

pytestmark = pytest.mark.django_db(transaction=True)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "matkhau-thu-nghiem")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_luat72_d43_a_request_reaching_ten_percent_becomes_a_planned_dialogue(live_server, tmp_path):
    """Luật 72/2025/QH15 Điều 43 (tóm tắt): 10% of the voters ask → a duty to plan → the dialogue planned from it."""
    commune = hong_an_commune()
    base = live_server.url
    scan = tmp_path / "danh-sach-chu-ky.pdf"
    scan.write_bytes(PDF)
    today = dates.today()
    with chromium_page() as page:
        log_in(page, base, "vanphong")
        page.goto(f"{base}/trieu-tap-doi-thoai/cu-tri/")
        page.select_option("#id_unit", str(commune.unit.pk))
        page.fill("#id_as_of", (today - datetime.timedelta(days=200)).isoformat())
        page.fill("#id_voters", "1000")
        page.fill("#id_source", "Danh sách cử tri bầu cử năm 2026")
        page.click("#voter-form button[type=submit]")
        page.wait_for_selector("ul.messages")

        page.goto(f"{base}/trieu-tap-doi-thoai/moi/")
        page.select_option("#id_unit", str(commune.unit.pk))
        page.fill("#id_title", "Đề nghị đối thoại về việc cải tạo chợ Hồng An")
        page.fill("#id_content", "Cử tri các tổ dân phố số 1, 2 đề nghị UBND phường đối thoại về phương án cải tạo chợ.")
        page.fill("#id_representative_name", "Lương Thị Xuân Mai")
        page.fill("#id_representative_contact", "0912 345 678")
        page.fill("#id_received_on", (today - datetime.timedelta(days=2)).isoformat())
        page.click("#request-form button[type=submit]")
        page.wait_for_selector("#supporters")
        item = ConveningRequest.objects.get()
        assert "0 / 100" in page.inner_text("#supporters")

        page.fill("#id_supporters", "60")
        page.set_input_files("#id_scan", str(scan))
        page.click("#signatures-form button[type=submit]")
        page.wait_for_selector("ul.messages")
        assert "60 / 100" in page.inner_text("#supporters") and not page.query_selector("#duty")
        page.fill("#id_supporters", "40")
        page.set_input_files("#id_scan", str(scan))
        page.click("#signatures-form button[type=submit]")
        page.wait_for_selector("#duty")
        assert "Đã đủ số cử tri" in page.inner_text("#state")
        screenshot(page, "trieu-tap-du-10-phan-tram")

        page.goto(f"{base}/yeu-cau-doi-thoai/{item.pk}/")  # the People's view: counts only
        text = page.inner_text("main")
        assert "100 / 100" in text and "Lương Thị Xuân Mai" not in text and "0912" not in text
        page.set_viewport_size({"width": 360, "height": 780})
        screenshot(page, "trieu-tap-cong-khai-dien-thoai")
        page.set_viewport_size({"width": 1280, "height": 900})

        page.context.clear_cookies()
        log_in(page, base, "quantri")
        page.goto(f"{base}/trieu-tap-doi-thoai/{item.pk}/")
        page.select_option("#assign-form #id_owner", str(commune.committee.pk))
        page.fill("#assign-form #id_due_on", (today + datetime.timedelta(days=15)).isoformat())
        page.fill("#assign-form #id_basis", "Quy chế làm việc của UBND phường Hồng An, Điều 12")
        page.click("#assign-form button[type=submit]")
        page.wait_for_selector("ul.messages")
        assert "Ủy ban nhân dân phường Hồng An" in page.inner_text("#duty-owner")

        # The advising office plans the dialogue from the request: the planning form opens prefilled (H10).
        host = secretary(commune)
        page.context.clear_cookies()
        log_in(page, base, "vanphong")
        page.goto(f"{base}/trieu-tap-doi-thoai/{item.pk}/")
        page.click("#plan-from-request")
        page.wait_for_selector("#dialogue-form")
        assert page.input_value("#id_title") == item.title and page.input_value("#id_kind") == "thematic"
        assert item.title in page.inner_text("#from-request")
        page.fill("#id_date", (today + datetime.timedelta(days=25)).isoformat())
        page.fill("#id_venue", "Hội trường UBND phường Hồng An")
        page.select_option("#id_hosts", str(host.pk))
        screenshot(page, "trieu-tap-lap-ke-hoach-tu-yeu-cau")
        page.click("#dialogue-form button[type=submit]")
        page.wait_for_url(f"{base}/doi-thoai/*/")
        planned = Dialogue.objects.get()
        page.goto(f"{base}/trieu-tap-doi-thoai/{item.pk}/")
        assert planned.title in page.inner_text("#duty-dialogue")
        assert "Đã lập kế hoạch đối thoại" in page.inner_text("#state")
        page.fill("#told-form #id_how", "Gửi thư qua bưu điện")
        page.click("#told-form button[type=submit]")
        page.wait_for_selector("ul.messages")
        screenshot(page, "trieu-tap-da-lap-ke-hoach")
    duty = PlanningDuty.objects.get(request=item)
    item.refresh_from_db()
    assert duty.dialogue == planned and duty.fulfilled_on == today and item.state == RequestState.PLANNED
    assert item.told_on == today
