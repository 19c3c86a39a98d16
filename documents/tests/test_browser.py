"""Browser test: the dossier screen — generate the plan, upload a signed scan, see completeness, get the ZIP link."""

import pytest

from dialogues.tests.factories import make_dialogue
from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_dossier_screen(demo_site, tmp_path):
    dialogue = make_dialogue(venue="Hội trường UBND phường Hồng An")
    scan = tmp_path / "bao-cao-kinh-te-xa-hoi.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed scan\n")
    with chromium_page() as page:
        log_in(page, demo_site, "vanphong")
        page.goto(f"{demo_site}/van-ban/doi-thoai/{dialogue.pk}/ho-so/")
        page.click("tr[data-item='plan'] button.generate")
        page.wait_for_selector("tr[data-item='plan'][data-status='generated']")
        row = page.locator("tr[data-item='socio_economic_report']")
        row.locator("input[type=file]").set_input_files(str(scan))
        row.locator("form[enctype] button").click()
        page.wait_for_selector("tr[data-item='socio_economic_report'][data-status='uploaded']")
        assert "14" in page.inner_text("section.card") and "(14%)" in page.inner_text("section.card")
        with page.expect_download() as download:  # inline job on the embedded default: the ZIP comes at once
            page.click("#zip")
        assert download.value.suggested_filename == f"ho-so-doi-thoai-{dialogue.pk}.zip"
        screenshot(page, "van-ban-ho-so")
        page.goto(f"{demo_site}/van-ban/doi-thoai/{dialogue.pk}/")
        assert page.locator("#issued tbody tr").first.inner_text().startswith("01-KH/ĐU")
        screenshot(page, "van-ban-doi-thoai")
