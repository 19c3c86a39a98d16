"""Counts of supervision and follow-up for the upward reports: SQL aggregates, one query per kind of row.

The reports app calls `findings_count(units, start, end)`; units are counted as given (pass a
subtree's units for a roll-up). A row counts in the period by its date of record: found, letter, directed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from common import dates
from organizations.models import AdministrativeUnit

from .enums import DirectionState
from .models import Direction, Escalation, Finding, Forecast


def _ids(units: QuerySet[AdministrativeUnit] | Iterable[AdministrativeUnit]):
    if isinstance(units, QuerySet):
        return units.values("pk")
    return [unit.pk for unit in units]


def findings_count(
    units: QuerySet[AdministrativeUnit] | Iterable[AdministrativeUnit], start: datetime.date, end: datetime.date
) -> dict[str, int]:
    """Findings, requests, replies, forecasts, escalations and directions of `units` between start and end (inclusive).

    "overdue" counts are as of today (common.dates) for the rows dated in the period.
    """
    ids, today = _ids(units), dates.today()
    findings = Finding.objects.filter(unit__in=ids, found_on__range=(start, end)).aggregate(
        findings=Count("pk"),
        findings_on_dialogues=Count("pk", filter=Q(case__isnull=True)),
        findings_on_matters=Count("pk", filter=Q(case__isnull=False)),
        requests=Count("pk", filter=Q(agency__isnull=False)),
        requests_replied=Count("pk", filter=Q(agency__isnull=False, replied_on__isnull=False)),
    )
    forecasts = Forecast.objects.filter(dialogue__unit__in=ids, submitted_on__range=(start, end)).aggregate(forecasts=Count("pk"))
    escalations = Escalation.objects.filter(unit__in=ids, letter_date__range=(start, end)).aggregate(
        escalations=Count("pk"),
        policy_proposals=Count("pk", filter=Q(kind="policy_amendment")),
        escalations_replied=Count("pk", filter=Q(replied_on__isnull=False)),
        escalations_overdue=Count("pk", filter=Q(replied_on__isnull=True, due__lt=today)),
    )
    directions = Direction.objects.filter(unit__in=ids, directed_on__range=(start, end)).aggregate(
        directions=Count("pk"),
        directions_done=Count("pk", filter=Q(state=DirectionState.DONE)),
        directions_overdue=Count("pk", filter=Q(state=DirectionState.OPEN, due__lt=today)),
    )
    return {**findings, **forecasts, **escalations, **directions}
