"""Kết luận và kết quả thực hiện in headless Chromium on a 360 px phone and a desktop, then "has it been fixed?"."""

import os

import pytest

from petitions.models import Petition

from .browser import chromium_page, screenshot
from .conclusion_helpers import NAME, PHONE, D, answer, concluded

pytestmark = pytest.mark.django_db(transaction=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VIEWPORTS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_conclusions_and_feedback(demo_site, monkeypatch, screen):
    dialogue, opinions = concluded(monkeypatch, title="Hội nghị đối thoại với Nhân dân phường Hồng An quý I/2027")
    answer(opinions[1], monkeypatch, D(2027, 4, 12))
    code = Petition.objects.get(pk=opinions[1].pk).tracking_code
    with chromium_page() as page:
        page.set_viewport_size(VIEWPORTS[screen])
        page.goto(f"{demo_site}/")
        page.click("nav.public-nav >> text=Kết luận và kết quả thực hiện")
        page.wait_for_url(f"{demo_site}/ket-luan/")
        assert fits(page)
        screenshot(page, f"cong-khai-ket-luan-{screen}")
        page.click("#conclusions a")
        page.wait_for_url(f"{demo_site}/ket-luan/{dialogue.pk}/")
        body = page.inner_text("main")
        assert "19/03/2027" in page.inner_text("#published-on") and "Ông/Bà K.V.Q." in body
        assert NAME not in body and PHONE not in body
        totals = page.inner_text("#progress-totals")
        assert "2 vụ việc chưa giải quyết tại hội nghị: đã trả lời 1 (1 trả lời sau thời hạn)" in totals
        assert fits(page)
        screenshot(page, f"cong-khai-ket-luan-chi-tiet-{screen}")

        page.goto(f"{demo_site}/tra-cuu/?ma={code}")
        page.check("input[name=settled][value=no]")
        page.fill("#id_reason", "Đèn đã lắp nhưng chưa sáng")
        page.click("#feedback button[type=submit]")
        page.wait_for_selector("#tracked-feedback")
        follow_up = Petition.objects.get(follow_up_of__tracking_code=code)
        assert follow_up.tracking_code in page.inner_text("#tracked-feedback")
        assert fits(page)
        screenshot(page, f"cong-khai-phan-hoi-{screen}")
