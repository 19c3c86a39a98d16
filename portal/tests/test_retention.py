"""Web opinions rejected or never accepted lose their sender's data after WEB_SUBMISSION_RETENTION_DAYS (data
minimisation: Luật 91/2025/QH15, Nghị định 13/2023/NĐ-CP Điều 3), in the same nightly run as closed matters.
"""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from audit.models import SecurityEvent
from portal import submissions
from portal.models import SubmissionStatus, WebSubmission
from portal.retention import erase_stale_submissions

from .public_helpers import anh, announced, sent, staff

pytestmark = pytest.mark.django_db


def aged(submission: WebSubmission, days: int, decided: bool = False) -> WebSubmission:
    """Move the submission (and its decision) `days` back in time."""
    when = timezone.now() - datetime.timedelta(days=days)
    WebSubmission.objects.filter(pk=submission.pk).update(created_at=when, **({"decided_at": when} if decided else {}))
    submission.refresh_from_db()
    return submission


@pytest.fixture
def opened(demo):
    return announced()


def test_a_rejected_submission_loses_its_sender_after_the_period(opened, settings, django_capture_on_commit_callbacks):
    settings.WEB_SUBMISSION_RETENTION_DAYS = 90
    old = sent("Quảng cáo bán hàng")
    old.attachment.save("anh.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    stored = old.attachment.name
    submissions.reject(old, staff(), "spam", "Nội dung quảng cáo")
    old = aged(old, 91, decided=True)
    recent = sent("Quảng cáo mới")
    submissions.reject(recent, staff(), "spam")
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_stale_submissions() == 1
    old.refresh_from_db()
    assert (old.full_name, old.phone, old.address, old.email, old.attachment.name) == ("", "", "", "", "")
    assert old.anonymised_at is not None and old.reject_note == "Nội dung quảng cáo" and old.content == "Quảng cáo bán hàng"
    assert not old.history.filter(full_name="Nguyễn Thị Ánh").exists(), "earlier history rows held the name"
    assert not old.attachment.storage.exists(stored)
    recent.refresh_from_db()
    assert recent.full_name == "Nguyễn Thị Ánh", "inside the period: kept"
    assert SecurityEvent.objects.filter(event="retention.web_submissions").count() == 1


def test_a_submission_never_accepted_is_erased_too_but_an_accepted_one_is_not(opened, settings):
    settings.WEB_SUBMISSION_RETENTION_DAYS = 30
    waiting = aged(sent("Chờ mãi không ai tiếp nhận"), 31)
    accepted = sent("Đã tiếp nhận")
    submissions.accept(accepted, staff())
    aged(accepted, 400, decided=True)
    assert erase_stale_submissions() == 1
    waiting.refresh_from_db()
    accepted.refresh_from_db()
    assert waiting.full_name == "" and waiting.status == SubmissionStatus.PENDING
    assert accepted.full_name == "Nguyễn Thị Ánh" and accepted.anonymised_at is None


def test_dry_run_changes_nothing_and_a_second_run_finds_nothing(opened):
    rejected = sent("Trùng", anh(email="anh@example.vn"))
    submissions.reject(rejected, staff(), "duplicate")
    aged(rejected, 200, decided=True)
    assert erase_stale_submissions(dry_run=True) == 1
    rejected.refresh_from_db()
    assert rejected.email == "anh@example.vn"
    assert erase_stale_submissions() == 1 and erase_stale_submissions() == 0


def test_the_nightly_command_runs_it(opened):
    rejected = sent("Ngoài phạm vi")
    submissions.reject(rejected, staff(), "out_of_scope")
    aged(rejected, 200, decided=True)
    out = io.StringIO()
    call_command("anonymise_closed_cases", stdout=out)
    rejected.refresh_from_db()
    assert rejected.full_name == "" and "không được tiếp nhận): 1" in out.getvalue()


def test_a_bad_period_is_refused(opened, settings):
    from petitions.retention import RetentionError

    settings.WEB_SUBMISSION_RETENTION_DAYS = 0
    with pytest.raises(RetentionError):
        erase_stale_submissions()


def test_the_tracking_page_still_answers_after_erasure(client, opened):
    rejected = sent("Quảng cáo")
    submissions.reject(rejected, staff(), "spam")
    aged(rejected, 200, decided=True)
    erase_stale_submissions()
    html = client.get("/tra-cuu/", {"ma": rejected.code}).content.decode()
    assert "Thư rác" in html
