"""Browser test: the Front reports its forecast and a finding on the dialogue page (htmx), is refused a future
date with the reason shown in place, plans its year; the office escalates a matter to the upper level."""

import pytest
from playwright.sync_api import expect

from dialogues.tests.factories import make_dialogue
from petitions import casework
from petitions.enums import Channel
from petitions.tests.helpers import person, user
from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in
from supervision.models import Escalation, Finding, Forecast, SupervisionPlan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(demo_site):
    dialogue = make_dialogue(title="Đối thoại định kỳ phường Hồng An năm 2027")
    petition = casework.receive(
        user("vanphong"),
        dialogue.unit,
        casework.Opinion("Đường ngõ 12 Lê Lợi ngập khi mưa"),
        Channel.FRONT,
        person(),
        None,
        dialogue,
    )
    return demo_site, dialogue, petition.case


def test_front_supervises_a_dialogue_and_the_office_escalates(site):
    base, dialogue, case = site
    with chromium_page() as page:
        log_in(page, base, "mattran")
        page.goto(f"{base}/doi-thoai/{dialogue.pk}/")
        panel = page.locator("#supervision-panel")
        expect(panel).to_contain_text("Giám sát và theo dõi thực hiện")

        panel.locator("summary", has_text="Báo cáo dự báo tình huống").click()
        page.fill("#id_forecast-content", "Có thể nhiều hộ dân ngõ 12 cùng đến; cần bố trí người tiếp đón.")
        page.click("#forecast-form button[type=submit]")
        expect(page.locator("#forecasts")).to_contain_text("nhiều hộ dân ngõ 12")

        page.locator("#supervision-panel summary", has_text="Ghi kết quả giám sát").click()
        page.fill("#id_finding-finding", "Phòng Kinh tế chưa gửi văn bản trả lời hộ dân")
        page.fill("#id_finding-found_on", "2099-01-01")
        page.click("#finding-form button[type=submit]")
        expect(page.locator("#supervision-error")).to_contain_text("không được sau ngày hôm nay")  # the 400, shown in place
        assert not Finding.objects.exists()

        page.locator("#supervision-panel summary", has_text="Ghi kết quả giám sát").click()
        page.fill("#id_finding-finding", "Phòng Kinh tế chưa gửi văn bản trả lời hộ dân")
        page.fill("#id_finding-request", "Đề nghị trả lời bằng văn bản")
        page.select_option("#id_finding-agency", label="Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An")
        page.click("#finding-form button[type=submit]")
        expect(page.locator("#findings")).to_contain_text("chưa gửi văn bản trả lời")
        screenshot(page, "giam-sat-doi-thoai")

        page.goto(f"{base}/giam-sat/")
        page.fill("#id_plan-title", "Kế hoạch giám sát năm 2027 của MTTQ phường Hồng An")
        page.fill("#id_plan-year", "2027")
        page.click("#plan-form button[type=submit]")
        page.check(f"input[name='coverage-dialogues'][value='{dialogue.pk}']")
        page.click("#coverage-form button[type=submit]")
        expect(page.locator("#covered-dialogues")).to_contain_text("Đối thoại định kỳ phường Hồng An năm 2027")
        page.goto(f"{base}/giam-sat/")
        expect(page.locator("#plans")).to_contain_text("Kế hoạch giám sát năm 2027")
        screenshot(page, "giam-sat")

        page.context.clear_cookies()
        log_in(page, base, "vanphong")
        page.goto(f"{base}/y-kien/vu-viec/{case.pk}/")
        page.locator("#supervision-panel summary", has_text="Ghi kiến nghị cấp trên").click()
        page.select_option("#id_escalation-kind", "beyond_authority")
        page.fill("#id_escalation-content", "Đề nghị UBND thành phố bố trí vốn nâng cốt đường ngõ 12")
        page.fill("#id_escalation-upper_level", "UBND thành phố Hải Phòng")
        page.fill("#id_escalation-letter_number", "45/UBND-KT")
        page.fill("#id_escalation-due", "2027-01-15")
        page.click("#escalation-form button[type=submit]")
        expect(page.locator("#escalations")).to_contain_text("45/UBND-KT")
        screenshot(page, "giam-sat-vu-viec")

    assert Forecast.objects.count() == 1 and Finding.objects.count() == 1
    assert SupervisionPlan.objects.get().dialogues.get() == dialogue
    assert Escalation.objects.get().case == case
