"""Old job results go: a stored PDF or ZIP is a cache of data kept elsewhere, not a record."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Job, JobState


def prune_jobs(days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Delete finished or failed jobs older than `days` (default JOB_RESULT_DAYS) and their files; returns how many.

    Side effects: Job rows deleted; their result files deleted after commit.
    """
    days = settings.JOB_RESULT_DAYS if days is None else days
    if days < 1:
        raise ValueError(f"Thời hạn giữ kết quả công việc phải từ 1 ngày trở lên (đang là {days}).")
    limit = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        old = list(Job.objects.select_for_update().filter(state__in=(JobState.DONE, JobState.FAILED), created__lt=limit))
        for job in old:
            if job.result:
                transaction.on_commit(lambda stored=job.result: stored.delete(save=False))
        Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
