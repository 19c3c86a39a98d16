"""The poller: claim due rows with a conditional UPDATE, send each once, retry with backoff, then give up.

Claiming is one UPDATE ... WHERE id IN (due rows) AND (claimed_at IS NULL OR claim is stale) that stamps a
fresh token; PostgreSQL re-checks the condition on each locked row, so of two pollers racing for a row only
one stamps it, and each sends only the rows carrying its own token (the healthchecks pattern).
"""

from __future__ import annotations

import datetime
import uuid
from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .channels import SendFailed, deliver
from .digests import bundle_held
from .models import Notification, NotificationState

STALE_CLAIM = datetime.timedelta(minutes=10)  # a poller killed mid-batch leaves its rows for the next one
# Results are written every this many rows, in one transaction: a poller killed mid-chunk leaves at most
# this many sent rows unrecorded, sent again after STALE_CLAIM (at least once, never lost).
RECORD_EVERY = 100


@dataclass
class Outcome:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def max_attempts() -> int:
    return getattr(settings, "NOTIFY_MAX_ATTEMPTS", 5)


def backoff(attempts: int) -> datetime.timedelta:
    """1, 5, 25, 125 … minutes after the n-th failure, at most a day."""
    return min(datetime.timedelta(minutes=5 ** (attempts - 1)), datetime.timedelta(days=1))


def due_rows(now: datetime.datetime):
    """Ids of the pending rows due by `now` and not claimed (or claimed by a poller that died), oldest first.

    Read through the partial index `notification_due`. SKIP LOCKED (PostgreSQL) lets a second poller take the
    next rows instead of waiting; the condition of the claiming UPDATE is what guarantees one claim per row.
    """
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM)
    due = Notification.objects.filter(state=NotificationState.PENDING, next_attempt_at__lte=now).filter(free)
    return due.order_by("next_attempt_at").select_for_update(skip_locked=True).values_list("pk", flat=True)


def claim(batch: int, now: datetime.datetime | None = None) -> list[Notification]:
    """Claim up to `batch` due rows for this poller and return them (rows others claimed are not returned)."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM)
    with transaction.atomic():
        ids = list(due_rows(now)[:batch])
        if not ids:
            return []
        Notification.objects.filter(pk__in=ids, state=NotificationState.PENDING).filter(free).update(claimed_at=now, claim=token)
    return list(Notification.objects.filter(claim=token).order_by("next_attempt_at"))


def _record_failure(row: Notification, token: str, error: str, now: datetime.datetime) -> str:
    row.attempts += 1
    row.last_error = error
    if row.attempts >= max_attempts():
        row.state = NotificationState.FAILED
    else:
        row.next_attempt_at = now + backoff(row.attempts)
    Notification.objects.filter(pk=row.pk, claim=token).update(
        claimed_at=None,
        claim="",
        state=row.state,
        attempts=row.attempts,
        last_error=error,
        next_attempt_at=row.next_attempt_at,
    )
    return row.state


def _record(results: list[tuple[Notification, str | None]], token: str, outcome: Outcome) -> None:
    """Write one chunk's results in one transaction: the sent rows in one UPDATE, each failure on its row."""
    now = timezone.now()
    with transaction.atomic():
        sent = [row.pk for row, error in results if error is None]
        if sent:
            Notification.objects.filter(pk__in=sent, claim=token).update(
                state=NotificationState.SENT, sent_at=now, claimed_at=None, claim="", last_error=""
            )
            outcome.sent += len(sent)
        for row, error in results:
            if error is None:
                continue
            if _record_failure(row, token, error, now) == NotificationState.FAILED:
                outcome.failed += 1
            else:
                outcome.retrying += 1


def run_once(batch: int = 1000) -> Outcome:
    """Claim one batch and send it, over one SMTP session; results are written every RECORD_EVERY rows."""
    outcome = Outcome()
    bundle_held()  # mails held for a daily digest whose time has come become one digest mail
    rows = claim(batch)
    if not rows:
        return outcome
    mail_connection = get_connection(fail_silently=False)
    with suppress(Exception):  # one SMTP session for the batch; if it fails, each row records its own error
        mail_connection.open()
    token = rows[0].claim
    try:
        for start in range(0, len(rows), RECORD_EVERY):
            results: list[tuple[Notification, str | None]] = []
            for row in rows[start : start + RECORD_EVERY]:
                outcome.claimed += 1
                try:
                    deliver(row, mail_connection)
                    results.append((row, None))
                except SendFailed as failure:
                    results.append((row, str(failure)))
            _record(results, token, outcome)
    finally:
        with suppress(Exception):  # closing a broken session must not lose the results above
            mail_connection.close()
    return outcome
