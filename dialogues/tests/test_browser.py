"""Browser test: plan a periodic dialogue, see its schedule, mark steps done, see a late step turn red."""

import pytest
from django.utils import timezone

from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in
from workdays.calendar import WorkCalendar

pytestmark = pytest.mark.django_db(transaction=True)


def red(page, selector: str) -> bool:
    color = page.eval_on_selector(selector, "el => getComputedStyle(el).color")
    return color == "rgb(179, 20, 27)"


def test_plan_a_periodic_dialogue_and_follow_its_schedule(demo_site):
    today = timezone.localdate()
    # A conference three working days from now: its 7-working-day notice is already late.
    conference = WorkCalendar().after(today, 3).date
    with chromium_page() as page:
        log_in(page, demo_site, "vanphong")
        page.click("text=Cuộc đối thoại")
        page.click("text=Lập kế hoạch đối thoại")
        page.fill("#id_title", "Hội nghị đối thoại định kỳ cuối năm")
        page.select_option("#id_kind", "periodic")
        page.fill("#id_date", conference.isoformat())
        page.dispatch_event("#id_date", "change")
        page.wait_for_selector("#schedule-preview tr[data-code='announce']")
        assert page.is_visible("#past-warning"), "the form warns that the notice deadline is already past"
        page.fill("#id_venue", "Hội trường UBND phường Hồng An")
        page.fill("#id_expected_citizens", "150")
        page.select_option("#id_hosts", label="Bí thư Nguyễn Văn Hùng — Phường Hồng An")
        page.fill("#id_notice_justification", "Thực hiện chỉ đạo của Thành ủy, tổ chức trước Tết")
        screenshot(page, "doi-thoai-lap-ke-hoach")
        page.click("text=Lưu kế hoạch")
        page.wait_for_selector("#timeline")
        assert "Đã lập kế hoạch" in page.inner_text("#dialogue-status")
        rows = page.locator("#timeline tbody tr")
        assert rows.count() == 8
        assert page.get_attribute("tr[data-code='announce']", "data-state") == "overdue"
        assert red(page, "tr[data-code='announce'] td.state"), "an overdue step is shown in red"
        page.fill("tr[data-code='collect'] input[name=on]", today.isoformat())
        page.click("tr[data-code='collect'] button.mark-done")
        page.wait_for_selector("tr[data-code='collect'][data-state='done']")
        assert not red(page, "tr[data-code='collect'] td.state"), "a step with no legal deadline is never late"
        page.click("tr[data-code='announce'] button.mark-done")
        page.wait_for_selector("tr[data-code='announce'][data-state='late']")
        assert red(page, "tr[data-code='announce'] td.state"), "a step done after its deadline stays red"
        assert "Đã thông báo" in page.inner_text("#dialogue-status")
        screenshot(page, "doi-thoai-lich-trinh")
        page.click("text=Việc của tôi")
        assert "Hội nghị đối thoại định kỳ cuối năm" in page.inner_text("#steps")
        conference_text = conference.strftime("%d/%m/%Y")
        page.goto(f"{demo_site}/doi-thoai/lich/")
        assert conference_text in page.inner_text("main")
