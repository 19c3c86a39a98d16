"""Opinions from the web that never entered the intake lose their sender's personal data after a while.

A rejected opinion (spam, out of scope, duplicate) or one still waiting after WEB_SUBMISSION_RETENTION_DAYS
has no purpose left for the sender's name, address, phone, email or attachment: data minimisation and
storage limitation (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; Nghị định 13/2023/NĐ-CP Điều 3 — personal
data is kept only as long as the purpose of processing needs). What stays: the code, unit, dialogue,
content, status, reason and dates, so the citizen's tracking page still answers and the counts hold.
Run nightly with `anonymise_closed_cases` (registered in PortalConfig.ready).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.log import record
from petitions.retention import RetentionError

from .models import SubmissionStatus, WebSubmission

CLEARED = ("full_name", "organization_name", "address", "phone", "email", "attachment_name")


def stale(today: datetime.date | None = None, days: int | None = None) -> QuerySet[WebSubmission]:
    """Rejected, or still waiting, for more than `days` (default: the setting) and not yet erased."""
    days = settings.WEB_SUBMISSION_RETENTION_DAYS if days is None else days
    if days < 1:
        raise RetentionError(f"Thời hạn lưu ý kiến gửi qua mạng không được tiếp nhận phải từ 1 ngày trở lên (đang là {days}).")
    day = (today or timezone.localdate()) - datetime.timedelta(days=days)
    before = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return WebSubmission.objects.filter(anonymised_at__isnull=True).filter(
        Q(status=SubmissionStatus.REJECTED, decided_at__lt=before) | Q(status=SubmissionStatus.PENDING, created_at__lt=before)
    )


@transaction.atomic
def erase_stale_submissions(*, today: datetime.date | None = None, days: int | None = None, dry_run: bool = False) -> int:
    """Blank the sender's data of stale web submissions; the number of submissions concerned.

    Side effects (unless dry_run): the fields in CLEARED blanked, the consent to be notified withdrawn,
    the attachment deleted (file after commit), earlier history rows (which hold the old values) deleted,
    anonymised_at set; one security-log event "retention.web_submissions".
    """
    found = list(stale(today, days).select_for_update().order_by("pk"))
    if dry_run or not found:
        return len(found)
    now = timezone.now()
    for submission in found:
        WebSubmission.history.filter(id=submission.pk).delete()
        if submission.attachment:
            transaction.on_commit(lambda stored=submission.attachment: stored.delete(save=False))
        for name in CLEARED:
            setattr(submission, name, "")
        submission.attachment, submission.notify_consent, submission.anonymised_at = "", False, now
        submission._change_reason = "anonymised"
        submission.save()
    record("retention.web_submissions", detail={"submissions": len(found)})
    return len(found)
