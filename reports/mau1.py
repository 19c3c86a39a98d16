"""Mẫu 1 (002 Phụ lục I): the summary table of a unit's dialogues for a period, its subtree included.

One query reads the dialogues, one GROUP BY counts their petitions, one their checked-in participants, one
reads the hosts (correlated subqueries per row were 90× slower on PostgreSQL); the totals are sums of those
same rows, so the screen, the XLSX, the command and the API show the same numbers. The number of queries
does not grow with the number of units or dialogues.

Columns per kind (the seed's sub-headers were lost; chosen from what 002 asks to count):
host, participants (checked in), petitions received, answered at the conference (the matter's answer
approved on or before the conference day), assigned to an agency, settled (matter closed), pending.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum

from dialogues.enums import DialogueKind, Status
from dialogues.models import Dialogue, DialogueHost
from organizations.models import AdministrativeUnit
from petitions.enums import CaseStatus
from petitions.models import Petition

from .periods import Period

KINDS = [DialogueKind.PERIODIC, DialogueKind.THEMATIC, DialogueKind.AD_HOC]
COUNTS = ["participants", "petitions", "answered_at_conference", "assigned", "settled", "pending"]
KIND_COLUMNS = ["host", *COUNTS]  # 7 columns per kind: 2 + 3 × 7 + 1 = the seed's 24 columns


def dialogues_for(unit: AdministrativeUnit, period: Period) -> QuerySet[Dialogue]:
    """The unit's and its subtree's dialogues held in the period; cancelled ones are not reported."""
    return (
        Dialogue.objects.filter(unit__path__startswith=unit.path, date__gte=period.start, date__lte=period.end)
        .exclude(status=Status.CANCELLED)
        .order_by("date", "start_time", "pk")
    )


def petition_counts(dialogues: QuerySet[Dialogue]) -> dict[int, dict[str, int]]:
    """Per dialogue: petitions received, answered at the conference, assigned, settled (one GROUP BY)."""
    closed = Q(case__status=CaseStatus.CLOSED)
    rows = (
        Petition.objects.filter(dialogue__in=dialogues.order_by().values("pk"))
        .order_by()
        .values("dialogue_id")
        .annotate(
            petitions=Count("pk"),
            answered_at_conference=Count("pk", filter=closed & Q(case__approved_on__lte=F("dialogue__date"))),
            assigned=Count("pk", filter=Q(case__agency__isnull=False)),
            settled=Count("pk", filter=closed),
        )
    )
    return {row.pop("dialogue_id"): row for row in rows}


def participant_counts(dialogues: QuerySet[Dialogue]) -> dict[int, int]:
    """Per dialogue: the participants checked in at the door; a dialogue held in sessions by cluster (Luật 72
    Điều 43) counts once, with the people present at its held sessions. One query (two correlated subqueries)."""
    from conference.models import DialogueSession, Invitee  # the check-in list lives with the conference

    checked = (
        Invitee.objects.filter(dialogue=OuterRef("pk"), checked_in_at__isnull=False)
        .order_by()
        .values("dialogue")
        .annotate(n=Count("pk"))
        .values("n")
    )
    present = (
        DialogueSession.objects.filter(dialogue=OuterRef("pk"), held_on__isnull=False)
        .order_by()
        .values("dialogue")
        .annotate(n=Sum("attendance"))
        .values("n")
    )
    rows = dialogues.order_by().values("pk").annotate(checked=Subquery(checked), present=Subquery(present))
    return {row["pk"]: row["present"] if row["present"] is not None else row["checked"] or 0 for row in rows}


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
    """The table: four queries (dialogues, petitions, participants, hosts) whatever the size of the subtree."""
    dialogues = dialogues_for(unit, period)
    values = list(
        dialogues.values(
            "pk",
            "date",
            "title",
            "kind",
            "status",
            unit_code=F("unit__code"),
            unit_name=F("unit__name"),
            unit_path=F("unit__path"),
        )
    )
    if not values:
        return Table(unit, period)
    petitions, participants = petition_counts(dialogues), participant_counts(dialogues)
    hosts: dict[int, list[str]] = {}
    for host in (
        DialogueHost.objects.filter(dialogue__in=dialogues.order_by().values("pk"))
        .order_by("dialogue_id", "pk")
        .values("dialogue_id", "person__full_name", "position__name")
    ):
        hosts.setdefault(host["dialogue_id"], []).append(f"{host['person__full_name']} ({host['position__name']})")
    table = Table(unit, period)
    empty = {"petitions": 0, "answered_at_conference": 0, "assigned": 0, "settled": 0}
    for number, value in enumerate(values, start=1):
        counts = {"participants": participants.get(value["pk"], 0), **petitions.get(value["pk"], empty)}
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
