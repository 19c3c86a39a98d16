"""Start and run background jobs: the registry of handlers, `start` for callers and `execute` for the worker.

A handler is `handler(job, **params) -> None`; it reports progress with `job.set_progress(done, total)`,
ends with `job.finish(filename, content)` or raises `JobFailed("lý do bằng tiếng Việt")`. Without a broker
(CELERY_BROKER_URL empty) the job runs inline in the caller; otherwise a Celery worker runs it after commit.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import LIVE_STATES, Job, JobState

logger = logging.getLogger("doithoai")

Handler = Callable[..., None]
Guard = Callable[..., Any]
HANDLERS: dict[str, Handler] = {}
GUARDS: dict[str, Guard] = {}
LABELS: dict[str, str] = {}  # what the job page calls the work (translatable)
STALE_AFTER = datetime.timedelta(hours=1)
UNEXPECTED = "Công việc gặp lỗi ngoài dự kiến; đã ghi nhật ký để quản trị viên kiểm tra. Hãy thử lại sau."


class JobFailed(Exception):
    """A handler gives up; the message (Vietnamese) is shown to the user."""


def register(kind: str, *, guard: Guard | None = None, label: str | None = None) -> Callable[[Handler], Handler]:
    """Decorator naming the handler of a kind of job (put handlers in `<app>/jobs.py`; they are imported at start).

    `guard(request, job)` runs before the result is served, after the creator-or-unit-viewer check: it raises
    PermissionDenied to refuse (e.g. a result naming petitioners) and may return an object whose `close()`
    is called once the file is served (e.g. the personal-data gate, which logs the disclosure).
    `label` (gettext_lazy) names the work on the job page.
    """

    def decorate(handler: Handler) -> Handler:
        HANDLERS[kind] = handler
        if guard is not None:
            GUARDS[kind] = guard
        if label is not None:
            LABELS[kind] = label
        return handler

    return decorate


def handler_for(kind: str) -> Handler | None:
    if kind not in HANDLERS:
        autodiscover_modules("jobs")
    return HANDLERS.get(kind)


def guard_for(kind: str) -> Guard | None:
    handler_for(kind)
    return GUARDS.get(kind)


def label_for(kind: str) -> str | None:
    handler_for(kind)
    return LABELS.get(kind)


def existing(dedupe_key: str) -> Job | None:
    """The waiting, running or finished job for this key, if any (a read: safe on GET)."""
    return Job.objects.filter(dedupe_key=dedupe_key[:200], state__in=LIVE_STATES).first() if dedupe_key else None


def active_jobs(kind: str, **params) -> QuerySet[Job]:
    """Waiting or running jobs of a kind whose parameters match (e.g. `active_jobs("x", dialogue=3)`)."""
    lookups = {f"params__{name}": value for name, value in params.items()}
    return Job.objects.filter(kind=kind, state__in=(JobState.QUEUED, JobState.RUNNING), **lookups)


def start(kind: str, *, user, params: dict, unit=None, dedupe_key: str | None = None) -> Job:
    """Queue a job (or return the live or finished one with the same dedupe key) and hand it to a worker.

    Side effects: one Job row; inline mode runs the handler now, otherwise a Celery task after commit.
    """
    if handler_for(kind) is None:
        raise ValueError(f"Unknown job kind: {kind}")
    key = (dedupe_key or "")[:200]
    found = existing(key)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, created_by=user if getattr(user, "pk", None) else None, unit=unit, params=params, dedupe_key=key
            )
    except IntegrityError:  # another request created it between our look and our insert
        return Job.objects.get(dedupe_key=key, state__in=LIVE_STATES)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        execute(job.pk)
        job.refresh_from_db()
    else:
        from .tasks import run_job

        transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def claim(job_id: int) -> bool:
    """Move a queued job to running with one conditional UPDATE: of two workers only one wins.

    A job left running longer than STALE_AFTER (its worker died; Redis hands the unacknowledged task to
    another worker after its visibility timeout, one hour by default) may be claimed again.
    """
    now = timezone.now()
    waiting = Q(state=JobState.QUEUED) | Q(state=JobState.RUNNING, started__lt=now - STALE_AFTER)
    return bool(Job.objects.filter(waiting, pk=job_id).update(state=JobState.RUNNING, started=now))


def fail(job: Job, message: str) -> None:
    job.state, job.message, job.finished = JobState.FAILED, message, timezone.now()
    job.save(update_fields=["state", "message", "finished"])


def execute(job_id: int) -> None:
    """Run one job if it is still queued; record the outcome. Never raises for the handler's errors."""
    if not claim(job_id):
        return
    job = Job.objects.get(pk=job_id)
    handler = handler_for(job.kind)
    try:
        if handler is None:
            raise JobFailed("Hệ thống không biết cách làm loại công việc này.")
        # Inline inside a caller's transaction, a savepoint lets a failing handler roll back alone.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            handler(job, **job.params)
    except JobFailed as error:
        logger.warning("job %s (%s) failed: %s", job.pk, job.kind, error)
        fail(job, str(error))
        return
    except Exception:
        logger.exception("job %s (%s) failed unexpectedly", job.pk, job.kind)
        fail(job, UNEXPECTED)
        return
    job.refresh_from_db(fields=["state"])
    if job.state != JobState.DONE:
        fail(job, "Công việc kết thúc mà không tạo ra kết quả.")
