"""The annual view: each head's periodic dialogues against the profile's minimum (002 Mẫu 2), and whether each
commune held the dialogue Luật 72/2025/QH15 Điều 43 requires once a year, for one unit or a whole city/province."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from organizations.models import AdministrativeUnit, Person
from regulations.layers import layered_frequency
from regulations.models import profile_for

from .enums import HELD_STATUSES, DialogueKind, Status
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
    statutory: StatutoryRule | None = None  # Luật 72 Điều 43, for a commune
    periodic_held: int = 0

    @property
    def statutory_met(self) -> bool | None:
        """Held / not held this year (Luật 72 Điều 43); None where no regulation sets it."""
        return statutory_met(self.statutory, self.periodic_held)


def annual_view(unit: AdministrativeUnit, year: int, today: datetime.date) -> AnnualView:
    day = min(today, datetime.date(year, 12, 31))
    profile = profile_for(unit, day)
    dialogues = Dialogue.objects.filter(unit=unit).in_year(year).not_cancelled()
    periodic = dialogues.filter(kind=DialogueKind.PERIODIC)
    rows = []
    if profile is not None:
        # the parent regulation's when the unit's is silent
        rule = layered_frequency(profile, DialogueKind.PERIODIC, level=unit.level.code, day=day)
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
    statutory = statutory_rule(profile, day) if unit.level.code == COMMUNE else None
    return AnnualView(
        unit,
        year,
        rows,
        dialogues.filter(kind=DialogueKind.THEMATIC).count(),
        dialogues.filter(kind=DialogueKind.AD_HOC).count(),
        profile.name if profile else "",
        statutory,
        periodic.filter(status__in=HELD_STATUSES).count(),
    )


# --- The statutory check (Luật 72/2025/QH15 Điều 43) and the year view of a city or province (issue 13, 17) ---

COMMUNE = "commune"
HEAD_POSITIONS = ("secretary", "committee_chair")  # the heads the year view of an area counts (003 Điều 2.1)


@dataclass
class StatutoryRule:
    minimum: int
    citation: str
    is_summary: bool


def statutory_rule(profile, day: datetime.date) -> StatutoryRule | None:
    """The minimum of dialogues per commune and year that binds a commune on that day (Luật 72 Điều 43)."""
    if profile is None:
        return None
    rule = layered_frequency(profile, DialogueKind.PERIODIC, per="unit", level=COMMUNE, day=day)
    return StatutoryRule(rule.min_per_year, rule.citation, rule.is_summary) if rule and rule.min_per_year else None


def statutory_met(rule: StatutoryRule | None, held: int) -> bool | None:
    return None if rule is None else held >= rule.minimum


@dataclass
class AreaHead:
    name: str
    position: str
    held: int
    minimum: int | None = None

    @property
    def verdict(self) -> str:
        return HeadRow(None, self.position, 0, self.held, self.minimum, "").verdict


@dataclass
class CommuneRow:
    unit: AdministrativeUnit
    held: int  # periodic dialogues held this year (the statutory one, Điều 43)
    planned: int  # not cancelled, any status
    profile_name: str = ""
    statutory: StatutoryRule | None = None
    head_minimum: int | None = None
    head_citation: str = ""
    heads: list[AreaHead] | None = None

    @property
    def statutory_met(self) -> bool | None:
        """Held / not held this year; None where no regulation sets the minimum."""
        return statutory_met(self.statutory, self.held)


@dataclass
class AreaTotals:
    communes: int
    held: int  # communes that held their statutory dialogue this year

    @property
    def not_held(self) -> int:
        return self.communes - self.held


def _held(year: int):
    return Q(kind=DialogueKind.PERIODIC, date__year=year, status__in=HELD_STATUSES)


def area_communes(area: AdministrativeUnit, year: int):
    """The communes of a city or province, each with its periodic dialogues of the year counted in SQL."""
    from django.db.models import Count

    return (
        AdministrativeUnit.objects.subtree_of(area)
        .filter(level__code=COMMUNE)
        .annotate(
            held=Count(
                "dialogues",
                filter=Q(
                    dialogues__kind=DialogueKind.PERIODIC, dialogues__date__year=year, dialogues__status__in=HELD_STATUSES
                ),
            ),
            planned=Count(
                "dialogues",
                filter=Q(dialogues__kind=DialogueKind.PERIODIC, dialogues__date__year=year)
                & ~Q(dialogues__status=Status.CANCELLED),
            ),
        )
        .order_by("path")
    )


def area_totals(area: AdministrativeUnit, year: int) -> AreaTotals:
    """How many communes of the area held their statutory dialogue this year: one aggregate query."""
    from django.db.models import Count, Exists, OuterRef

    held = Exists(Dialogue.objects.filter(_held(year), unit=OuterRef("pk")))
    found = (
        AdministrativeUnit.objects.subtree_of(area)
        .filter(level__code=COMMUNE)
        .aggregate(communes=Count("pk"), held=Count("pk", filter=Q(held)))
    )
    return AreaTotals(found["communes"], found["held"])


def commune_rows(page_units: list, year: int, today: datetime.date) -> list[CommuneRow]:
    """Rows for one page of communes: a fixed number of queries whatever the page's size."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery

    from organizations.models import Appointment
    from regulations.models import ProfileBinding

    day = min(today, datetime.date(year, 12, 31))
    rows = [CommuneRow(unit, unit.held, unit.planned) for unit in page_units]
    if not rows:
        return rows
    # Profiles: each commune's own binding, else the nearest ancestor's (one query for every path prefix).
    prefixes = {prefix for row in rows for prefix in _prefixes(row.unit.path)}
    bindings = (
        ProfileBinding.objects.active_on(day)
        .filter(unit__path__in=prefixes)
        .filter(Q(profile__valid_to__isnull=True) | Q(profile__valid_to__gte=day))
        .select_related("profile", "unit")
    )
    by_path = {binding.unit.path: binding.profile for binding in bindings}
    rules: dict[int, tuple] = {}  # per profile, not per commune
    for row in rows:
        profile = next((by_path[p] for p in reversed(_prefixes(row.unit.path)) if p in by_path), None)
        if profile is None:
            continue
        if profile.pk not in rules:
            head = layered_frequency(profile, DialogueKind.PERIODIC, level=COMMUNE, day=day)
            rules[profile.pk] = (statutory_rule(profile, day), head)
        row.profile_name = profile.name
        row.statutory, head = rules[profile.pk]
        row.head_minimum, row.head_citation = (head.min_per_year, head.citation) if head else (None, "")
    # Heads of the page's communes with the periodic dialogues each hosted (or delegated), one query.
    hosted = (
        Dialogue.objects.filter(_held(year), unit=OuterRef("organization__unit"))
        .filter(Q(hosts__person=OuterRef("person")) | Q(hosts__delegated_from=OuterRef("person")))
        .order_by()
        .values("unit")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    heads = (
        Appointment.objects.active_on(day)
        .filter(organization__unit__in=[row.unit for row in rows], position__code__in=HEAD_POSITIONS)
        .annotate(held=Subquery(hosted, output_field=IntegerField()))
        .select_related("person", "position", "organization")
        .order_by("organization__unit", "position__order")
    )
    by_unit: dict[int, list[AreaHead]] = {}
    for appointment in heads:
        by_unit.setdefault(appointment.organization.unit_id, []).append(
            AreaHead(appointment.person.full_name, appointment.position.name, appointment.held or 0)
        )
    for row in rows:
        row.heads = by_unit.get(row.unit.pk, [])
        for head in row.heads:
            head.minimum = row.head_minimum
    return rows


def _prefixes(path: str) -> list[str]:
    """"/VN/31/31-TANKY/" → ["/VN/", "/VN/31/", "/VN/31/31-TANKY/"], the root first."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]

