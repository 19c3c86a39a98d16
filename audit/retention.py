"""How long the security log is kept: AUDIT_RETENTION_DAYS (default 365), then rows are removed."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from .models import SecurityEvent


def prune(*, days: int | None = None, dry_run: bool = False) -> int:
    """Delete (or with dry_run only count) events older than the retention time; returns how many."""
    keep = settings.AUDIT_RETENTION_DAYS if days is None else days
    if keep < 1:
        raise ValueError("AUDIT_RETENTION_DAYS phải từ 1 trở lên.")
    old = SecurityEvent.objects.filter(at__lt=timezone.now() - datetime.timedelta(days=keep))
    count = old.count()
    if not dry_run and count:
        old.delete()
    return count
