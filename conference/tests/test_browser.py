"""Browser test: a secretary runs a conference with five speakers, records minutes, records the outcomes,
issues the conclusion notice, and the agency sees its new deadline in its inbox."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialogues import lifecycle
from dialogues.tests.factories import make_dialogue
from petitions import casework
from petitions.enums import Channel
from petitions.tests.helpers import person, user
from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in
from workdays.calendar import WorkCalendar

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def held_site(demo_site):
    calendar, today = WorkCalendar(), timezone.localdate()
    held_on = calendar.before(today, 2).date
    dialogue = make_dialogue(date=held_on, notice_justification="Hội nghị đã tổ chức, nhập để theo dõi")
    staff = user("vanphong")
    petition = casework.receive(
        staff, dialogue.unit, casework.Opinion("Đường ngõ 12 Lê Lợi xuống cấp"), Channel.FRONT, person(), held_on, dialogue
    )
    lifecycle.announce(dialogue, staff, calendar.before(held_on, 8).date)
    lifecycle.hold(dialogue, staff, held_on)
    return demo_site, dialogue, petition


def test_secretary_runs_the_conference_and_the_agency_sees_its_deadline(held_site):
    base, dialogue, petition = held_site
    with chromium_page() as page:
        log_in(page, base, "thuky")
        page.goto(f"{base}/hoi-nghi/{dialogue.pk}/chu-tri/")
        for n, name in enumerate(
            ["Ông Nguyễn Văn A", "Bà Trần Thị B", "Ông Lê Văn C", "Bà Phạm Thị D", "Ông Hoàng Văn E"], start=1
        ):
            page.fill("#s-name", name)
            page.fill("#s-group", f"Tổ dân phố số {n}")
            page.fill("#s-topic", "Giao thông, vệ sinh môi trường")
            page.click("#register-form button[type=submit]")
            page.wait_for_selector(f"#queue li:has-text('{name}')")
        page.locator("#queue li").nth(4).locator("button.move-up").click()
        # Locator waits, not wait_for_function: evaluating a string is refused by the CSP (no 'unsafe-eval').
        expect(page.locator("#queue li").nth(3)).to_contain_text("Hoàng Văn E")
        spoken = []
        for _ in range(5):
            page.click("#call-next")
            expect(page.locator("#queue li[data-speaker]")).to_have_count(4 - len(spoken))
            spoken.append(page.inner_text("#now-speaking"))
        screenshot(page, "hoi-nghi-chu-tri")
        assert "Hoàng Văn E" in spoken[3], "the reordered speaker spoke fourth"
        page.click("#mark-spoken")
        page.wait_for_selector("#now-speaking", state="detached")

        page.goto(f"{base}/hoi-nghi/{dialogue.pk}/bien-ban/")
        page.fill("#m-comp", "Đại biểu Thành ủy, Đảng ủy, UBND phường và 120 công dân")
        page.fill("#m-proc", "Ông Nguyễn Văn A phát biểu về ngõ 12 Lê Lợi; Chủ tịch UBND phường trả lời.")
        page.wait_for_selector("#minutes-saved", timeout=10000)
        screenshot(page, "hoi-nghi-bien-ban")

        page.goto(f"{base}/hoi-nghi/{dialogue.pk}/ket-qua/")
        row = page.locator(f"tr[data-case='{petition.case_id}']")
        row.locator("select[name=kind]").select_option("written")
        row.locator("select[name=agency]").select_option(label="Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An")
        row.locator("button").click()
        page.wait_for_selector("ul.messages")

        page.goto(f"{base}/hoi-nghi/{dialogue.pk}/thong-bao-ket-luan/")
        page.click("#issue-form button[type=submit]")
        page.wait_for_selector("#issued")
        assert page.inner_text("#unsettled") == "1"
        screenshot(page, "hoi-nghi-thong-bao-ket-luan")
        page.click("form[action='/dang-xuat/'] button")
        page.wait_for_url(f"{base}/dang-nhap/")

        due = WorkCalendar().after(timezone.localdate(), 15).date
        log_in(page, base, "canbo")
        page.goto(f"{base}/y-kien/hop-thu/")
        row = page.locator("#cases tr:has-text('ngõ 12')")
        assert due.strftime("%d/%m/%Y") in row.inner_text()
