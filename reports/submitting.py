"""The verbs of a report: begin a draft, submit (freezing the figures as a new version).

Side effects: rows in ReportDraft / ReportSubmission only; a submission stores the Mẫu 1 table of that moment
(later corrections of the data change nothing submitted: submitting again makes version n+1).
Both need the "plan_dialogue" right (advising staff, administrators) in the unit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from organizations.access import can
from organizations.models import AdministrativeUnit
from regulations.enums import ReportForm

from . import mau1
from .models import ReportDraft, ReportSubmission
from .periods import Period

REPORT_ACTION = "plan_dialogue"


def _check(user, unit: AdministrativeUnit, form: str) -> None:
    if not can(user, REPORT_ACTION, unit):
        raise PermissionDenied("Bạn không có quyền lập báo cáo của đơn vị này.")
    if form not in ReportForm.values:
        raise ValueError(f"Mẫu báo cáo '{form}' không hợp lệ.")


@transaction.atomic
def start_draft(user, unit: AdministrativeUnit, period: Period, form: str = ReportForm.MAU_1) -> ReportDraft:
    """Mark the report as being drafted (idempotent)."""
    _check(user, unit, form)
    draft, _created = ReportDraft.objects.get_or_create(unit=unit, form=form, period=period.code, defaults={"started_by": user})
    return draft


@transaction.atomic
def submit(user, unit: AdministrativeUnit, period: Period, form: str = ReportForm.MAU_1, note: str = "") -> ReportSubmission:
    """Freeze the unit's Mẫu 1 figures for the period as the next version (the unit row is locked meanwhile)."""
    _check(user, unit, form)
    AdministrativeUnit.objects.select_for_update().filter(pk=unit.pk).first()
    last = ReportSubmission.objects.filter(unit=unit, form=form, period=period.code).order_by("-version").first()
    return ReportSubmission.objects.create(
        unit=unit,
        form=form,
        period=period.code,
        version=(last.version + 1) if last else 1,
        submitted_by=user,
        figures=mau1.build(unit, period).as_dict(),
        note=note.strip()[:2000],
    )


def difference(old: ReportSubmission, new: ReportSubmission) -> list[tuple[str, str, int, int]]:
    """(kind, figure, before, after) for each total that changed between two versions."""
    changes = []
    for kind, counts in new.figures.get("totals", {}).items():
        before = old.figures.get("totals", {}).get(kind, {})
        for name, value in counts.items():
            if before.get(name, 0) != value:
                changes.append((kind, name, before.get(name, 0), value))
    return changes
