"""Checked fetchers for matters and opinions, and who may work on them."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import Http404

from organizations.access import memberships, scope, units_for
from organizations.enums import Role
from organizations.models import AdministrativeUnit

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


def front_units(user: User) -> QuerySet[AdministrativeUnit]:
    """Units whose Fatherland Front this user works for: the Front enters the opinions it collects
    ("Qua Ủy ban MTTQ", 001 IV.1.4; 002 IV.1), by that channel only."""
    ids = [m.organization.unit_id for m in memberships(user) if m.role == Role.FRONT_SUPERVISOR]
    return AdministrativeUnit.objects.filter(pk__in=ids)


def intake_units(user: User) -> QuerySet[AdministrativeUnit]:
    """Units where the user records opinions: the advising office's, and the Front's (by its channel)."""
    front = [unit.pk for unit in front_units(user)]
    return AdministrativeUnit.objects.filter(Q(pk__in=units_for(user, "classify_petition")) | Q(pk__in=front))


def my_agency_ids(user: User) -> set[int]:
    return {membership.organization_id for membership in memberships(user)}
