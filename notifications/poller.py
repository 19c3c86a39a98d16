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
from .models import Notification, NotificationState

STALE_CLAIM = datetime.timedelta(minutes=10)  # a poller killed mid-batch leaves its rows for the next one


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


def claim(batch: int, now: datetime.datetime | None = None) -> list[Notification]:
    """Claim up to `batch` due rows for this poller and return them (rows others claimed are not returned)."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM)
    due = Notification.objects.filter(state=NotificationState.PENDING, next_attempt_at__lte=now).filter(free)
    with transaction.atomic():
        # SKIP LOCKED (PostgreSQL) lets a second poller take the next rows instead of waiting; the condition
        # of the UPDATE is what guarantees a row is claimed once.
        rows = due.order_by("next_attempt_at").select_for_update(skip_locked=True, of=("self",))
        ids = list(rows.values_list("pk", flat=True)[:batch])
        if not ids:
            return []
        Notification.objects.filter(pk__in=ids, state=NotificationState.PENDING).filter(free).update(
            claimed_at=now, claim=token
        )
    return list(Notification.objects.filter(claim=token).order_by("next_attempt_at"))


def _record(row: Notification, error: str | None, now: datetime.datetime) -> str:
    token = row.claim
    row.claimed_at, row.claim = None, ""
    if error is None:
        row.state, row.sent_at, row.last_error = NotificationState.SENT, now, ""
    else:
        row.attempts += 1
        row.last_error = error
        if row.attempts >= max_attempts():
            row.state = NotificationState.FAILED
        else:
            row.next_attempt_at = now + backoff(row.attempts)
    fields = ["claimed_at", "claim", "state", "sent_at", "last_error", "attempts", "next_attempt_at"]
    Notification.objects.filter(pk=row.pk, claim=token).update(**{f: getattr(row, f) for f in fields})
    return row.state if error is None or row.state == NotificationState.FAILED else "retrying"


def run_once(batch: int = 1000) -> Outcome:
    """Claim one batch and send it; each row's result is written as soon as it is known."""
    outcome = Outcome()
    rows = claim(batch)
    if not rows:
        return outcome
    mail_connection = get_connection(fail_silently=False)
    with suppress(Exception):  # one SMTP session for the batch; if it fails, each row records its own error
        mail_connection.open()
    try:
        for row in rows:
            outcome.claimed += 1
            try:
                deliver(row, mail_connection)
                error = None
            except SendFailed as failure:
                error = str(failure)
            result = _record(row, error, timezone.now())
            if result == NotificationState.SENT:
                outcome.sent += 1
            elif result == NotificationState.FAILED:
                outcome.failed += 1
            else:
                outcome.retrying += 1
    finally:
        with suppress(Exception):  # closing a broken session must not lose the results above
            mail_connection.close()
    return outcome
