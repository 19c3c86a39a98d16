"""The annual view of a unit: each head's periodic dialogues against the profile's minimum (002 Mẫu 2)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from organizations.models import AdministrativeUnit, Person
from regulations.layers import layered_frequency
from regulations.models import profile_for

from .enums import HELD_STATUSES, DialogueKind
from .hosts import host_candidates
from .models import Dialogue


@dataclass
class HeadRow:
    person: Person
    position: str
    planned: int
    held: int
    minimum: int | None
    citation: str

    @property
    def verdict(self) -> str:
        """exceeded | met | not_met | no_minimum (Mẫu 2: vượt / đạt / không đạt chỉ tiêu)."""
        if not self.minimum:
            return "no_minimum"
        if self.held > self.minimum:
            return "exceeded"
        return "met" if self.held == self.minimum else "not_met"


@dataclass
class AnnualView:
    unit: AdministrativeUnit
    year: int
    heads: list[HeadRow]
    thematic: int
    ad_hoc: int
    profile_name: str


def annual_view(unit: AdministrativeUnit, year: int, today: datetime.date) -> AnnualView:
    day = min(today, datetime.date(year, 12, 31))
    profile = profile_for(unit, day)
    dialogues = Dialogue.objects.filter(unit=unit).in_year(year).not_cancelled()
    periodic = dialogues.filter(kind=DialogueKind.PERIODIC)
    rows = []
    if profile is not None:
        rule = layered_frequency(profile, DialogueKind.PERIODIC)  # the parent regulation's when the unit's is silent
        for appointment in host_candidates(profile, unit, day):
            mine = periodic.filter(Q(hosts__person=appointment.person) | Q(hosts__delegated_from=appointment.person)).distinct()
            rows.append(
                HeadRow(
                    appointment.person,
                    appointment.position.name,
                    mine.count(),
                    mine.filter(status__in=HELD_STATUSES).count(),
                    rule.min_per_year if rule else None,
                    rule.citation if rule else "",
                )
            )
    return AnnualView(
        unit,
        year,
        rows,
        dialogues.filter(kind=DialogueKind.THEMATIC).count(),
        dialogues.filter(kind=DialogueKind.AD_HOC).count(),
        profile.name if profile else "",
    )
