"""The People's pages in headless Chromium, on a 360 px phone and on a desktop: the schedule and sending an opinion."""

import os

import pytest

from portal.models import WebSubmission

from .browser import chromium_page, screenshot
from .public_helpers import announced

pytestmark = pytest.mark.django_db(transaction=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VIEWPORTS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


def fits(page) -> bool:
    """Nothing is wider than the screen (no sideways scrolling on a phone)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_schedule_and_dialogue_page(demo_site, screen):
    dialogue = announced(title="Đối thoại định kỳ với Nhân dân phường Hồng An năm 2027", venue="Hội trường UBND phường")
    with chromium_page() as page:
        page.set_viewport_size(VIEWPORTS[screen])
        page.goto(f"{demo_site}/")
        assert page.get_attribute("html", "lang") == "vi"
        assert dialogue.title in page.inner_text("main")
        page.click("nav.public-nav >> text=Lịch đối thoại")
        page.wait_for_url(f"{demo_site}/lich-doi-thoai/")
        assert fits(page)
        screenshot(page, f"cong-khai-lich-{screen}")
        page.click(f"text={dialogue.title}")
        page.wait_for_url(f"{demo_site}/lich-doi-thoai/{dialogue.pk}/")
        assert "Hội trường UBND phường" in page.inner_text("dl.facts")
        assert fits(page)
        screenshot(page, f"cong-khai-hoi-nghi-{screen}")


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_send_an_opinion_and_keep_the_receipt(demo_site, screen):
    dialogue = announced()
    with chromium_page() as page:
        page.set_viewport_size(VIEWPORTS[screen])
        page.goto(f"{demo_site}/lich-doi-thoai/{dialogue.pk}/")
        page.click("text=Gửi ý kiến cho hội nghị này")
        assert page.input_value("#id_unit") == dialogue.unit.code
        assert fits(page)
        page.fill("#id_content", "Đề nghị sửa cống thoát nước trước chợ")
        page.fill("#id_full_name", "Nguyễn Thị Ánh")
        page.fill("#id_phone", "0987654321")
        page.click("button[type=submit]")
        assert "Cần có sự đồng ý" in page.inner_text("main")  # no consent: refused, nothing kept
        assert not WebSubmission.objects.exists()
        screenshot(page, f"cong-khai-gui-y-kien-loi-{screen}")
        page.check("#id_consent")
        page.click("button[type=submit]")
        page.wait_for_selector("#tracking-code")
        code = page.inner_text("#tracking-code")
        assert WebSubmission.objects.get().code == code
        assert fits(page)
        screenshot(page, f"cong-khai-bien-nhan-{screen}")
        page.click("text=Tra cứu ý kiến này")
        assert "đang chờ văn phòng tiếp nhận" in page.inner_text("#tracked-status")
        screenshot(page, f"cong-khai-tra-cuu-{screen}")
