"""Browser test: the job page's progress bar follows the job by htmx polling, then offers the result."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from jobs.models import Job, JobState
from portal.tests.browser import chromium_page, screenshot
from portal.tests.test_browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_progress_bar_follows_the_job(demo_site):
    staff = User.objects.get(username="vanphong")
    job = Job.objects.create(kind="tests.echo", created_by=staff, state=JobState.RUNNING, done=1, total=4)
    with chromium_page() as page:
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        log_in(page, demo_site, "vanphong")
        page.goto(f"{demo_site}/cong-viec/{job.pk}/")
        assert page.get_attribute("progress", "value") == "25"
        screenshot(page, "cong-viec-dang-chay")
        job.set_progress(3, 4)
        page.wait_for_selector("progress[value='75']", timeout=5000)
        job.finish("ke-hoach.pdf", b"%PDF-1.4 ban in")
        page.wait_for_selector(f"a[href='/cong-viec/{job.pk}/tai/']", timeout=5000)
        assert page.get_attribute(f"#job-{job.pk}", "data-state") == "done"
        screenshot(page, "cong-viec-xong")
        with page.expect_download() as download:
            page.click(f"a[href='/cong-viec/{job.pk}/tai/']")
        assert download.value.suggested_filename == "ke-hoach.pdf"
        assert Path(download.value.path()).read_bytes() == b"%PDF-1.4 ban in"
        assert not errors  # no CSP refusal, no script error
    assert Job.objects.get(pk=job.pk).finished <= timezone.now()
