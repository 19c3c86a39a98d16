"""Browser test (headless Chromium): the publication board and a dialogue's publication page, late after 10 days."""

import datetime
import os

import pytest

from convening.tests.factories import dialogue, hong_an_commune
from convening.tests.test_browser import log_in
from portal.tests.browser import chromium_page, screenshot
from publishing.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TODAY = datetime.date(2026, 11, 26)


def test_luat72_d43_publication_recorded_on_screen_and_late_on_the_board(live_server, monkeypatch):
    """Luật 72/2025/QH15 Điều 43 (tóm tắt): posted at the headquarters and sent to each head; after 10 days it is late."""
    monkeypatch.setattr("common.dates.today", lambda: TODAY)
    commune = hong_an_commune()
    found = dialogue(
        commune, date=datetime.date(2026, 11, 5), status="held", title="Đối thoại với Nhân dân phường Hồng An quý IV"
    )
    found.status, found.conclusion_issued_on = "concluded", datetime.date(2026, 11, 12)
    found.save()
    base = live_server.url
    with chromium_page() as page:
        log_in(page, base, "vanphong")
        page.click("nav.mainnav >> text=Công bố kết quả")
        page.wait_for_selector("#publication-board")
        row = page.inner_text("#publication-board")
        assert found.title in row and "16/11/2026" in row and "Trễ hạn" in row  # open past its due date
        screenshot(page, "cong-bo-bang-theo-doi")
        page.click(f"text={found.title}")
        page.wait_for_selector("#headquarters-form")
        page.fill("#headquarters-form #id_on", "2026-11-13")
        page.click("#headquarters-form button[type=submit]")
        page.wait_for_selector("ul.messages")
        page.fill("#dispatch-form #id_on", "2026-11-18")
        page.click("#dispatch-form button[type=submit]")
        page.wait_for_selector("ul.messages")
        state = page.inner_text("#publication-state")
        assert "18/11/2026" in state and "Trễ hạn" in state
        screenshot(page, "cong-bo-ket-qua-hoi-nghi")
        page.goto(f"{base}/doi-thoai/{found.pk}/")
        assert "Trễ hạn" in page.inner_text("#publication")
    publication = Publication.objects.get(dialogue=found)
    assert publication.completed_on == datetime.date(2026, 11, 18)
    assert publication.dispatches.filter(sent_on=datetime.date(2026, 11, 18)).count() == 2
