"""Browser test: the advising office holds a large ward's dialogue in two cluster sessions, records attendance and
uploads the minutes of one; the totals count one dialogue (Luật 72/2025/QH15 Điều 43, summarised)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from common.tests import files
from conference.models import DialogueSession
from portal.tests.browser import chromium_page, screenshot

from .test_sessions import dialogue, ward  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)


def test_office_adds_and_records_cluster_sessions(live_server, dialogue, tmp_path):  # noqa: F811
    assert User.objects.get(username="vanphong").first_name == "Ngô Thị Thu"  # the ward's advising office
    minutes = tmp_path / "bien-ban-cum-1.pdf"
    minutes.write_bytes(files.PDF)
    base = live_server.url
    with chromium_page() as page:
        page.goto(f"{base}/dang-nhap/")
        page.fill("#id_username", "vanphong")
        page.fill("#id_password", "matkhau-thu-nghiem")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/hoi-nghi/{dialogue.pk}/phien/")
        for cluster, venue in (("Cụm 1: tổ dân phố 1-6", "Nhà văn hóa tổ 3"), ("Cụm 2: tổ dân phố 7-12", "Sân trường tiểu học")):
            page.fill("#s-cluster", cluster)
            page.fill("#s-venue", venue)
            page.fill("#s-date", "2026-11-20")
            page.fill("#s-start", "08:00")
            page.click("#add-session button[type=submit]")
            expect(page.locator("#sessions")).to_contain_text(cluster)
        first = page.locator("#sessions tbody tr").nth(0)
        first.locator("input[name=attendance]").fill("120")
        first.locator("input[name=minutes]").set_input_files(str(minutes))
        first.locator("button[type=submit]").click()
        expect(page.locator("#session-totals")).to_contain_text("2 phiên, 1 phiên đã tổ chức, tổng cộng 120 người dự")
        second = page.locator("#sessions tbody tr").nth(1)
        second.locator("input[name=attendance]").fill("95")
        second.locator("button[type=submit]").click()
        expect(page.locator("#session-totals")).to_contain_text("tổng cộng 215 người dự")
        expect(page.locator("#sessions tbody tr").nth(0)).to_contain_text("Tải về")
        screenshot(page, "phien-theo-cum")
    assert DialogueSession.objects.filter(dialogue=dialogue, held_on__isnull=False).count() == 2
