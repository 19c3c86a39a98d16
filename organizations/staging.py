"""Checked spreadsheets waiting for confirmation (StagedImport): kept on the server, confirmed once.

Any importer uses the same three steps: `stage` after a clean preview, `claim` when the user confirms
(row-locked: of two confirmations only the first gets the file, the second learns it was already
imported), then `mark_imported` or `mark_failed`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import AdministrativeUnit, StagedImport

PREVIEW_MAX_AGE = datetime.timedelta(hours=1)


class StagingError(Exception):
    """The confirmation cannot go ahead; the message (Vietnamese) says why."""


def stage(
    kind: str, *, user, unit: AdministrativeUnit | None, name: str, content: bytes, rows: int, params: dict | None = None
) -> StagedImport:
    """Keep a checked file under MEDIA_ROOT/imports/ with a fresh one-time token.

    Side effects: one StagedImport row and its file; unconfirmed previews past PREVIEW_MAX_AGE are deleted
    with their files (they may hold personal data nobody chose to import).
    """
    purge_stale()
    staged = StagedImport(kind=kind, unit=unit, params=params or {}, original_name=name[:255], rows=rows, created_by=user)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    staged.file.save(f"{staged.token}{suffix[:6]}", ContentFile(content), save=False)  # never the user's name
    staged.save()
    return staged


def purge_stale() -> int:
    """Delete previews never confirmed within PREVIEW_MAX_AGE, and their files; returns how many."""
    stale = StagedImport.objects.filter(
        state=StagedImport.State.PREVIEWED, created_at__lt=timezone.now() - PREVIEW_MAX_AGE
    )
    count = 0
    for staged in stale:
        staged.file.delete(save=False)
        staged.delete()
        count += 1
    return count


def claim(token: str, *, kind: str, user, units) -> tuple[StagedImport, bool]:
    """Lock the user's staged import and move it from previewed to queued; (staged, False) if already taken.

    Must run inside the caller's transaction (the row lock lasts until it ends). Raises StagingError
    when the token is unknown, not this user's, outside `units`, or older than PREVIEW_MAX_AGE.
    Side effects: the row's state becomes "queued" and `imported_by` is set.
    """
    staged = (
        StagedImport.objects.select_for_update().filter(token=str(token)[:64], kind=kind, created_by=user, unit__in=units).first()
    )
    if staged is None:
        raise StagingError("Không tìm thấy bản xem trước này; hãy tải tệp lên lại.")
    if staged.state != StagedImport.State.PREVIEWED:
        return staged, False
    if timezone.now() - staged.created_at > PREVIEW_MAX_AGE:
        raise StagingError("Bản xem trước đã hết hạn (quá 1 giờ); hãy tải tệp lên lại.")
    staged.state, staged.imported_by = StagedImport.State.QUEUED, user
    staged.save(update_fields=["state", "imported_by"])
    return staged, True


def content_of(staged: StagedImport) -> bytes:
    with staged.file.open("rb") as handle:
        return handle.read()


def in_background(rows: int) -> bool:
    """Large files are imported by a background job (IMPORT_BACKGROUND_ROWS), small ones at once."""
    return rows > settings.IMPORT_BACKGROUND_ROWS


def mark_imported(staged: StagedImport, *, created: int, updated: int = 0, url: str = "", **params) -> None:
    """Side effects: state "imported", counts, time and link saved; `params` merged into staged.params."""
    staged.state, staged.imported_at = StagedImport.State.IMPORTED, timezone.now()
    staged.created_count, staged.updated_count, staged.result_url = created, updated, url[:300]
    staged.params = {**staged.params, **params}
    staged.save(update_fields=["state", "imported_at", "created_count", "updated_count", "result_url", "params"])


def mark_failed(staged: StagedImport, reason: str) -> None:
    """Side effects: state "failed" with the reason, in its own transaction (the import's was rolled back)."""
    with transaction.atomic():
        StagedImport.objects.filter(pk=staged.pk).update(state=StagedImport.State.FAILED, failure=reason)
    staged.state, staged.failure = StagedImport.State.FAILED, reason
