"""Roll-up across the unit tree: a level's Mẫu 1 split by the units directly below it, with who has submitted.

Built from the same rows as the level's own table (mau1.build), so the units' figures always sum to the
level's totals; one more query lists the units below and one reads their submissions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from organizations.models import AdministrativeUnit

from .mau1 import COUNTS, KINDS, Table
from .models import ReportSubmission


@dataclass
class UnitLine:
    unit: AdministrativeUnit
    totals: dict[str, dict[str, int]]
    submitted_at: datetime.datetime | None = None
    version: int = 0

    @property
    def dialogues(self) -> int:
        return sum(counts["dialogues"] for counts in self.totals.values())

    @property
    def petitions(self) -> int:
        return sum(counts["petitions"] for counts in self.totals.values())


def _empty() -> dict[str, dict[str, int]]:
    return {str(kind): {"dialogues": 0, **dict.fromkeys(COUNTS, 0)} for kind in KINDS}


def by_child(table: Table, form: str = "mau_1") -> tuple[list[UnitLine], dict[str, dict[str, int]]]:
    """One line per unit directly below the table's unit, and one for the unit's own dialogues."""
    unit = table.unit
    children = list(AdministrativeUnit.objects.filter(parent=unit).order_by("name"))
    own = UnitLine(unit, _empty())
    lines = {child.path: UnitLine(child, _empty()) for child in children}
    for row in table.rows:
        line = own
        if row.unit_path != unit.path:
            child_code = row.unit_path[len(unit.path) :].split("/", 1)[0]
            line = lines.get(f"{unit.path}{child_code}/", own)
        counts = line.totals[row.kind]
        counts["dialogues"] += 1
        for name in COUNTS:
            counts[name] += row.counts[name]
    submissions = ReportSubmission.objects.filter(unit__in=[unit, *children], period=table.period.code, form=form).order_by(
        "version"
    )
    latest = {s.unit_id: s for s in submissions}
    first = {}
    for submission in submissions:
        first.setdefault(submission.unit_id, submission)
    for line in [own, *lines.values()]:
        if line.unit.pk in latest:
            line.submitted_at = first[line.unit.pk].submitted_at
            line.version = latest[line.unit.pk].version
    return [own, *lines.values()], table.totals
