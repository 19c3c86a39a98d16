"""Mẫu 1 (002 Phụ lục I): the summary table of a unit's dialogues for a period, its subtree included.

One query reads every row with its counts (correlated COUNT subqueries, so joins never multiply), one more
reads the hosts; the totals are sums of those same rows, so the screen, the XLSX, the command and the API
show the same numbers. The number of queries does not grow with the number of units or dialogues.

Columns per kind (the seed's sub-headers were lost; chosen from what 002 asks to count):
host, participants (checked in), petitions received, answered at the conference (the matter's answer
approved on or before the conference day), assigned to an agency, settled (matter closed), pending.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from dialogues.enums import DialogueKind, Status
from dialogues.models import Dialogue, DialogueHost
from organizations.models import AdministrativeUnit
from petitions.enums import CaseStatus
from petitions.models import Petition

from .periods import Period

KINDS = [DialogueKind.PERIODIC, DialogueKind.THEMATIC, DialogueKind.AD_HOC]
COUNTS = ["participants", "petitions", "answered_at_conference", "assigned", "settled", "pending"]
KIND_COLUMNS = ["host", *COUNTS]  # 7 columns per kind: 2 + 3 × 7 + 1 = the seed's 24 columns


def _count(queryset: QuerySet, **filters) -> Coalesce:
    counted = (
        queryset.filter(dialogue=OuterRef("pk"), **filters).order_by().values("dialogue").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def dialogues_for(unit: AdministrativeUnit, period: Period) -> QuerySet[Dialogue]:
    """The unit's and its subtree's dialogues held in the period; cancelled ones are not reported."""
    return (
        Dialogue.objects.filter(unit__path__startswith=unit.path, date__gte=period.start, date__lte=period.end)
        .exclude(status=Status.CANCELLED)
        .order_by("date", "start_time", "pk")
    )


def annotated(dialogues: QuerySet[Dialogue]) -> QuerySet[Dialogue]:
    from conference.models import Invitee  # the check-in list lives with the conference

    petitions = Petition.objects.all()
    return dialogues.annotate(
        unit_code=F("unit__code"),
        unit_name=F("unit__name"),
        unit_path=F("unit__path"),
        n_participants=_count(Invitee.objects.all(), checked_in_at__isnull=False),
        n_petitions=_count(petitions),
        n_answered_at_conference=_count(
            petitions, case__status=CaseStatus.CLOSED, case__approved_on__isnull=False, case__approved_on__lte=OuterRef("date")
        ),
        n_assigned=_count(petitions, case__agency__isnull=False),
        n_settled=_count(petitions, case__status=CaseStatus.CLOSED),
    )


@dataclass
class Row:
    number: int
    dialogue_id: int
    date: str
    title: str
    kind: str
    unit_code: str
    unit_name: str
    unit_path: str
    hosts: str
    status: str
    counts: dict[str, int]

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "dialogue": self.dialogue_id,
            "date": self.date,
            "title": self.title,
            "kind": self.kind,
            "unit": self.unit_code,
            "hosts": self.hosts,
            **self.counts,
        }

    def cells(self) -> list:
        """The row as the seed's 24 columns: TT, time and content, 7 per kind, note."""
        cells: list = [self.number, f"Ngày {_vn_date(self.date)}\nNội dung: {self.title}"]
        for kind in KINDS:
            if kind == self.kind:
                cells += [self.hosts, *(self.counts[name] for name in COUNTS)]
            else:
                cells += [None] * len(KIND_COLUMNS)
        return [*cells, self.unit_name]


@dataclass
class Table:
    unit: AdministrativeUnit
    period: Period
    rows: list[Row] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, dict[str, int]]:
        totals = {kind: {"dialogues": 0, **dict.fromkeys(COUNTS, 0)} for kind in KINDS}
        for row in self.rows:
            totals[row.kind]["dialogues"] += 1
            for name in COUNTS:
                totals[row.kind][name] += row.counts[name]
        return {str(kind): counts for kind, counts in totals.items()}

    def total_cells(self) -> list:
        cells: list = ["", "Tổng số"]
        for kind in KINDS:
            counts = self.totals[kind]
            cells += [counts["dialogues"], *(counts[name] for name in COUNTS)]
        return [*cells, ""]

    def as_dict(self) -> dict:
        return {
            "unit": self.unit.code,
            "unit_name": self.unit.name,
            "period": self.period.code,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "rows": [row.as_dict() for row in self.rows],
            "totals": self.totals,
        }


def build(unit: AdministrativeUnit, period: Period) -> Table:
    """The table: two queries whatever the size of the subtree."""
    values = list(
        annotated(dialogues_for(unit, period)).values(
            "pk", "date", "title", "kind", "status", "unit_code", "unit_name", "unit_path", *(f"n_{n}" for n in COUNTS[:-1])
        )
    )
    hosts: dict[int, list[str]] = {}
    for host in (
        DialogueHost.objects.filter(dialogue_id__in=[v["pk"] for v in values])
        .order_by("dialogue_id", "pk")
        .values("dialogue_id", "person__full_name", "position__name")
    ):
        hosts.setdefault(host["dialogue_id"], []).append(f"{host['person__full_name']} ({host['position__name']})")
    table = Table(unit, period)
    for number, value in enumerate(values, start=1):
        counts = {name: value[f"n_{name}"] for name in COUNTS[:-1]}
        counts["pending"] = counts["petitions"] - counts["settled"]
        table.rows.append(
            Row(
                number=number,
                dialogue_id=value["pk"],
                date=value["date"].isoformat(),
                title=value["title"],
                kind=value["kind"],
                unit_code=value["unit_code"],
                unit_name=value["unit_name"],
                unit_path=value["unit_path"],
                hosts="; ".join(hosts.get(value["pk"], [])),
                status=value["status"],
                counts=counts,
            )
        )
    return table


def _vn_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
