"""Retention of petitioners' personal data: matters closed long ago keep their statistics, not the people.

Luật 91/2025/QH15 keeps personal data no longer than the purpose needs. A matter closed (its answer
approved) more than PERSONAL_DATA_RETENTION_DAYS ago loses its petitioners' name, representative,
address, phone and email, and the scans they sent (attachments). Kept for statistics and the record:
the matter, its field, unit, dialogue, dates, outcome and answer, each opinion's text, channel and
dates, the petitioner's kind, organisation name and residential group. A petitioner who also has a
matter that is still open or more recent keeps their data until that one is due too.

The marker is a CaseEvent "anonymised" (no schema change); the petitioner's earlier history rows,
which still hold the old values, are deleted. Documents already issued are official records under
archive law and are not changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.log import record

from .enums import CaseStatus
from .models import Attachment, Case, CaseEvent, Petition, Petitioner

ACTION = "anonymised"
CLEARED = ("full_name", "representative", "address", "phone", "email")


# Other personal data kept elsewhere, erased by the same nightly run: name -> run(today=, dry_run=) -> count.
# Higher apps register theirs in AppConfig.ready (portal: web submissions never accepted), so this module
# imports none of them.
OTHERS: dict[str, Callable[..., int]] = {}


def register(name: str, run: Callable[..., int]) -> None:
    """Add a retention step run with every anonymise_closed_cases (each uses its own period setting)."""
    OTHERS[name] = run


class RetentionError(ValueError):
    """A refused run (a bad retention period); the message is Vietnamese."""


@dataclass
class Retention:
    cutoff: datetime.date
    cases: list[Case] = field(default_factory=list)
    petitioners: int = 0
    attachments: int = 0
    dry_run: bool = True
    others: dict[str, int] = field(default_factory=dict)


def cutoff(today: datetime.date | None = None, days: int | None = None) -> datetime.date:
    days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
    if days < 1:
        raise RetentionError(f"Thời hạn lưu dữ liệu cá nhân phải từ 1 ngày trở lên (đang là {days}).")
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


def due_cases(last_day: datetime.date) -> QuerySet[Case]:
    """Closed on or before `last_day` and not yet anonymised."""
    return (
        Case.objects.filter(status=CaseStatus.CLOSED, approved_on__lte=last_day)
        .exclude(events__action=ACTION)
        .order_by("approved_on", "pk")
    )


def _petitioners(cases: list[Case]) -> list[Petitioner]:
    """The petitioners of these matters whose every other matter is anonymised already."""
    ids = set(Petition.objects.filter(case__in=cases, petitioner__isnull=False).values_list("petitioner_id", flat=True))
    kept = set(
        Petition.objects.filter(petitioner_id__in=ids)
        .exclude(case__in=cases)
        .exclude(case__events__action=ACTION)
        .values_list("petitioner_id", flat=True)
    )
    return list(Petitioner.objects.select_for_update().filter(pk__in=ids - kept).order_by("pk"))


@transaction.atomic
def anonymise_closed_cases(*, today: datetime.date | None = None, days: int | None = None, dry_run: bool = False) -> Retention:
    """Anonymise the petitioners of matters closed more than `days` (default: the setting) ago.

    Side effects (unless dry_run): petitioners' identity and contact fields blanked and their earlier
    history rows deleted; the matters' attachments deleted (files after commit); one CaseEvent
    "anonymised" per matter; one security-log event "retention.anonymised"; then every registered
    step (OTHERS), whose counts are in `result.others`.
    """
    result = Retention(cutoff(today, days), dry_run=dry_run)
    result.others = {name: run(today=today, dry_run=dry_run) for name, run in OTHERS.items()}
    result.cases = list(due_cases(result.cutoff).select_for_update().select_related("unit"))
    people = _petitioners(result.cases)
    attachments = list(Attachment.objects.filter(petition__case__in=result.cases))
    result.petitioners, result.attachments = len(people), len(attachments)
    if dry_run or not result.cases:
        return result
    for person in people:
        Petitioner.history.filter(id=person.pk).delete()
        for name in CLEARED:
            setattr(person, name, "")
        person._change_reason = ACTION
        person.save()
    for attachment in attachments:
        transaction.on_commit(lambda stored=attachment.file: stored.delete(save=False))
    Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    days_kept = (today or timezone.localdate()) - result.cutoff
    for case in result.cases:
        CaseEvent.objects.create(case=case, action=ACTION, detail={"retention_days": days_kept.days})
    record(
        "retention.anonymised",
        detail={"cases": len(result.cases), "petitioners": result.petitioners, "attachments": result.attachments},
    )
    return result
