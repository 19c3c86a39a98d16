"""The register of outgoing documents: each document gets the next number of its type and period, never twice.

Party bodies number from 01 for each type within the committee's term (HD 36-HD/VPTW); State bodies
number within the calendar year (NĐ 30/2020). The counter row is locked while a number is taken, so
two people issuing at the same moment get different numbers.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from organizations.models import Organization

from .issuer import family
from .models import RegisterCounter


def period_for(organization: Organization, day: datetime.date) -> str:
    if family(organization) == "party" and organization.term_start and organization.term_start <= day:
        return f"NK{organization.term_start:%Y%m%d}"
    return str(day.year)


def next_number(organization: Organization, type_abbreviation: str, day: datetime.date) -> tuple[int, str]:
    """Take the next number (call inside the transaction that saves the document)."""
    period = period_for(organization, day)
    lookup = {"organization": organization, "abbreviation": type_abbreviation, "period": period}
    try:
        with transaction.atomic():
            RegisterCounter.objects.get_or_create(**lookup)
    except IntegrityError:
        pass  # created by a concurrent issuer a moment ago
    counter = RegisterCounter.objects.select_for_update().get(**lookup)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number, period
