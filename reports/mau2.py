"""Mẫu 2 (002 Phụ lục I): the annual report of a unit, its five sections, as a document of the register.

The figures are computed, never typed: the dialogues by kind (Mẫu 1's totals, so both forms agree), each
head's periodic dialogues against the profile's minimum (003 Điều 5.2; 002 Mẫu 2 §2: vượt / đạt / không
đạt), the People's petitions and how many were settled after the conference, the agencies' answers on time
and late, and the supervision findings when the supervision app is installed. The narrative parts are
written by staff (reports.models.AnnualReport, every save a version) and issued through documents.issuing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from dialogues.annual import HeadRow, annual_view
from organizations.access import can
from organizations.models import AdministrativeUnit, Organization
from petitions.enums import CaseStatus
from petitions.models import Case

from . import mau1
from .models import AnnualReport
from .periods import Period

EDIT_ACTION = "plan_dialogue"  # advising staff and administrators of the unit, as for Mẫu 1
NARRATIVE = [
    "leadership",
    "propaganda",
    "inspection",
    "effectiveness",
    "strengths",
    "limits",
    "next_year",
    "proposals",
]
MAX_TEXT = 20_000
VERDICTS = {
    "exceeded": "Vượt chỉ tiêu",
    "met": "Đạt chỉ tiêu",
    "not_met": "Không đạt chỉ tiêu",
    "no_minimum": "Không có chỉ tiêu",
}
KIND_LABELS = {"periodic": "định kỳ", "thematic": "chuyên đề", "ad_hoc": "đột xuất"}


@dataclass
class Figures:
    unit: AdministrativeUnit
    year: int
    dialogues: dict[str, int]  # by kind, from Mẫu 1's totals
    heads: list[HeadRow]
    petitions: int
    at_conference: int
    settled_after: int
    pending: int
    answers: dict[str, int]  # on_time, late, overdue (matters due in the year, assigned to an agency)
    findings: dict | None = None  # supervision.totals.findings_count, when that app is installed
    notes: list[str] = field(default_factory=list)

    @property
    def total_dialogues(self) -> int:
        return sum(self.dialogues.values())

    @property
    def findings_total(self) -> int | None:
        """supervision.totals' "findings" (a finding is one row, however many requests it carries)."""
        if self.findings is None:
            return None
        return int(self.findings.get("findings", 0))

    def as_dict(self) -> dict:
        return {
            "unit": self.unit.code,
            "year": self.year,
            "dialogues": self.dialogues,
            "heads": [
                {"name": h.person.full_name, "position": h.position, "held": h.held, "minimum": h.minimum, "verdict": h.verdict}
                for h in self.heads
            ],
            "petitions": self.petitions,
            "settled_at_conference": self.at_conference,
            "settled_after_conference": self.settled_after,
            "pending": self.pending,
            "answers": self.answers,
            "supervision_findings": self.findings_total,
        }


def answer_counts(unit: AdministrativeUnit, period: Period, today: datetime.date) -> dict[str, int]:
    """The subtree's matters due in the period and assigned to an agency: answered on time, late, still overdue (one query)."""
    closed = Q(status=CaseStatus.CLOSED)
    return Case.objects.filter(
        unit__path__startswith=unit.path, due__gte=period.start, due__lte=period.end, agency__isnull=False
    ).aggregate(
        on_time=Count("pk", filter=closed & Q(approved_on__lte=F("due"))),
        late=Count("pk", filter=closed & Q(approved_on__gt=F("due"))),
        overdue=Count("pk", filter=~closed & Q(due__lt=today)),
    )


def supervision_findings(unit: AdministrativeUnit, period: Period) -> dict | None:
    """Findings of the supervision app over the subtree in the period; None when that app is not installed."""
    if not apps.is_installed("supervision"):
        return None
    from supervision.totals import findings_count

    units = AdministrativeUnit.objects.filter(path__startswith=unit.path)
    return findings_count(units, period.start, period.end)


def figures(unit: AdministrativeUnit, year: int, today: datetime.date | None = None) -> Figures:
    """Every figure of Mẫu 2 for the unit (its subtree for counts, its own heads for the target)."""
    today = today or timezone.localdate()
    period = Period(year)
    totals = mau1.build(unit, period).totals
    dialogues = {kind: counts["dialogues"] for kind, counts in totals.items()}
    petitions = sum(counts["petitions"] for counts in totals.values())
    at_conference = sum(counts["answered_at_conference"] for counts in totals.values())
    settled = sum(counts["settled"] for counts in totals.values())
    return Figures(
        unit=unit,
        year=year,
        dialogues=dialogues,
        heads=annual_view(unit, year, today).heads,
        petitions=petitions,
        at_conference=at_conference,
        settled_after=settled - at_conference,
        pending=petitions - settled,
        answers=answer_counts(unit, period, today),
        findings=supervision_findings(unit, period),
    )


def issuer_of(unit: AdministrativeUnit) -> Organization | None:
    """The body that issues the report: the unit's Party committee (002 Mẫu 2: "T/M BAN THƯỜNG VỤ")."""
    bodies = Organization.objects.filter(unit=unit).select_related("kind", "unit")
    return bodies.filter(kind__code="party_committee").first() or bodies.filter(kind__family="party").first()


def report_for(unit: AdministrativeUnit, year: int) -> AnnualReport:
    """The unit's report of the year (an empty, unsaved one when nobody has written it yet)."""
    return AnnualReport.objects.filter(unit=unit, year=year).first() or AnnualReport(unit=unit, year=year)


@transaction.atomic
def save_narrative(user, unit: AdministrativeUnit, year: int, texts: dict[str, str], reason: str = "") -> AnnualReport:
    """Save the written parts as a new version (history row: who, when, why).

    Refused (PermissionDenied / ValidationError, nothing written) without the right in the unit or with a
    part longer than MAX_TEXT. Side effects: the AnnualReport row (locked while saved) and its history.
    """
    if not can(user, EDIT_ACTION, unit):
        raise PermissionDenied("Bạn không có quyền soạn báo cáo của đơn vị này.")
    too_long = [name for name in NARRATIVE if len(texts.get(name) or "") > MAX_TEXT]
    if too_long:
        raise ValidationError(f"Mỗi phần không quá {MAX_TEXT:,} ký tự.".replace(",", "."))
    AdministrativeUnit.objects.select_for_update().filter(pk=unit.pk).first()  # one writer of the unit's report at a time
    report = AnnualReport.objects.filter(unit=unit, year=year).first() or AnnualReport(unit=unit, year=year)
    for name in NARRATIVE:
        if name in texts:
            setattr(report, name, (texts[name] or "").strip())
    report.updated_at, report.updated_by = timezone.now(), user
    report._change_reason = (reason or "").strip()[:100]
    report._history_user = user
    report.save()
    return report
