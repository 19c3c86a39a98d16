"""Browser tests for issue 11 "Screens": the chair's queue on first paint, the projector view, the phone menu."""

import pytest

from conference import proceedings, projector
from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in

from .test_browser import held_site  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_chair_sees_the_queue_at_once_and_the_hall_a_projector_view(held_site):  # noqa: F811
    base, dialogue, _petition = held_site
    for name in ("Ông Nguyễn Văn An", "Bà Trần Thị Bích"):
        proceedings.register_speaker(dialogue, name, "Môi trường", "Tổ dân phố số 3", [], False, 300)
    proceedings.call_next(dialogue)
    with chromium_page() as page:
        log_in(page, base, "thuky")
        page.goto(f"{base}/hoi-nghi/{dialogue.pk}/chu-tri/", wait_until="domcontentloaded")
        # Read before any htmx refresh could run: the first response already has the state.
        assert "Ông Nguyễn Văn An" in page.inner_text("#now-speaking")
        assert "Bà Trần Thị Bích" in page.inner_text("#queue")
        screenshot(page, "chu-tri-lan-dau")
    with chromium_page() as page:  # a fresh browser: no staff session
        page.goto(f"{base}{projector.url(dialogue.pk)}")
        assert page.locator(".mainnav").count() == 0
        timer = page.inner_text("#hall-timer")
        assert len(timer) == 5 and timer[2] == ":" and "giây" not in page.inner_text("body")
        assert "Ông/Bà N.V.A." in page.inner_text("body") and "Nguyễn Văn An" not in page.inner_text("body")
        assert page.locator("[data-fullscreen]").is_visible()
        screenshot(page, "man-hinh-hoi-truong")


def test_menu_folds_on_a_phone(demo_site):
    with chromium_page() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        log_in(page, demo_site, "vanphong")
        assert not page.locator("#mainnav").is_visible()
        screenshot(page, "dien-thoai-menu-dong")
        page.click("[data-menu-toggle]")
        assert page.locator("#mainnav").is_visible()
        assert page.get_attribute("[data-menu-toggle]", "aria-expanded") == "true"
        screenshot(page, "dien-thoai-menu-mo")
        page.click("#mainnav >> text=Cuộc đối thoại")
        page.wait_for_url(f"{demo_site}/doi-thoai/")
        page.set_viewport_size({"width": 1280, "height": 900})
        assert page.locator("#mainnav").is_visible() and not page.locator("[data-menu-toggle]").is_visible()
