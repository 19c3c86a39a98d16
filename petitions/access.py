"""Checked fetchers for matters and opinions, and who may work on them."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from organizations.access import memberships, scope, units_for

from .models import Case, Petition


def visible_cases(user: User) -> QuerySet[Case]:
    return scope(Case.objects.all(), user).select_related("unit", "field", "agency", "dialogue")


def visible_petitions(user: User) -> QuerySet[Petition]:
    return scope(Petition.objects.all(), user).select_related("case", "unit", "dialogue")


def case_for(user: User, pk: int) -> Case:
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def intake_units(user: User):
    return units_for(user, "classify_petition")


def my_agency_ids(user: User) -> set[int]:
    return {membership.organization_id for membership in memberships(user)}
