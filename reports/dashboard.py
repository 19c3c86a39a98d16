"""The dashboard of a unit and its subtree for a period: one grouped query per chart, the same rows for the
SVG bars, the table beside each chart and the XLSX export.

Charts are drawn on the server as plain SVG (no script, no CDN, nothing for the CSP to allow): no chart
library is vendored in the project, and bars with their numbers are all these charts need.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogues.enums import DialogueKind
from organizations.models import AdministrativeUnit
from petitions.enums import CaseStatus, Channel, Jurisdiction
from petitions.models import Case, Petition

from .mau1 import dialogues_for
from .periods import Period

BAR_WIDTH = 320  # pixels of the longest bar


@dataclass
class Chart:
    key: str
    title: str
    columns: list[str]  # the table's headers: label, then one per series
    rows: list[tuple]  # (label, value, ...)

    @property
    def bars(self) -> list[dict]:
        """Each row's first value as a bar of the SVG (width proportional to the largest)."""
        top = max((row[1] for row in self.rows), default=0) or 1
        return [
            {"label": row[0], "value": row[1], "width": round(BAR_WIDTH * row[1] / top), "y": 24 * index}
            for index, row in enumerate(self.rows)
        ]

    @property
    def height(self) -> int:
        return max(24 * len(self.rows), 24)


def _petitions(unit: AdministrativeUnit, period: Period) -> QuerySet[Petition]:
    return Petition.objects.filter(unit__path__startswith=unit.path, received_on__gte=period.start, received_on__lte=period.end)


def _labelled(rows, labels: dict, key: str) -> list[tuple]:
    return [(str(labels.get(row[key], row[key] or _("Not classified"))), row["n"]) for row in rows]


def build(unit: AdministrativeUnit, period: Period) -> list[Chart]:
    """Six charts, six queries, whatever the number of units."""
    dialogues = dialogues_for(unit, period).order_by().values("kind").annotate(n=Count("pk")).order_by("kind")
    petitions = _petitions(unit, period).order_by()
    by_field = petitions.values(name=F("case__field__name")).annotate(n=Count("pk")).order_by("-n", "name")
    by_channel = petitions.values("channel").annotate(n=Count("pk")).order_by("-n", "channel")
    by_jurisdiction = petitions.values(j=F("case__jurisdiction")).annotate(n=Count("pk")).order_by("-n", "j")
    year = Period(period.year)
    trend = (
        _petitions(unit, year)
        .order_by()
        .annotate(q=ExtractQuarter("received_on"))
        .values("q")
        .annotate(n=Count("pk"))
        .order_by("q")
    )
    today = timezone.localdate()
    answers = (
        Case.objects.filter(unit__path__startswith=unit.path, due__gte=period.start, due__lte=period.end, agency__isnull=False)
        .order_by()
        .values(name=F("agency__name"))
        .annotate(
            late=Count("pk", filter=Q(status=CaseStatus.CLOSED, approved_on__gt=F("due"))),
            overdue=Count("pk", filter=~Q(status=CaseStatus.CLOSED) & Q(due__lt=today)),
            on_time=Count("pk", filter=Q(status=CaseStatus.CLOSED, approved_on__lte=F("due"))),
        )
        .order_by("-late", "-overdue", "name")
    )
    kinds = dict(DialogueKind.choices)
    found = {row["kind"]: row["n"] for row in dialogues}
    quarters = {row["q"]: row["n"] for row in trend}
    return [
        Chart("kinds", _("Dialogues by kind"), [_("Kind"), _("Dialogues")], [(str(kinds[k]), found.get(k, 0)) for k in kinds]),
        Chart("fields", _("Opinions by field"), [_("Field"), _("Opinions")], _labelled(by_field, {}, "name")),
        Chart(
            "channels",
            _("Opinions by channel"),
            [_("Channel"), _("Opinions")],
            _labelled(by_channel, dict(Channel.choices), "channel"),
        ),
        Chart(
            "jurisdiction",
            _("Opinions by jurisdiction"),
            [_("Jurisdiction"), _("Opinions")],
            _labelled(by_jurisdiction, dict(Jurisdiction.choices), "j"),
        ),
        Chart(
            "agencies",
            _("Answers by agency, slowest first"),
            [_("Agency"), _("Answered late"), _("Overdue"), _("On time")],
            [(row["name"], row["late"], row["overdue"], row["on_time"]) for row in answers],
        ),
        Chart(
            "trend",
            _("Opinions by quarter of %(year)s") % {"year": period.year},
            [_("Quarter"), _("Opinions")],
            [(_("Quarter %(number)s") % {"number": q}, quarters.get(q, 0)) for q in range(1, 5)],
        ),
    ]


def xlsx_sheets(charts: list[Chart]) -> list[tuple[str, list]]:
    return [(chart.title, [chart.columns, *chart.rows]) for chart in charts]
