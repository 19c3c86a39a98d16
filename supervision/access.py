"""Who may see and record supervision: organizations.access's actions, asked here for this app's rows.

Reading follows the unit scope (`scope`). The Front and the Party boards ("record_supervision") record
plans, findings and forecasts for their own organisation; the advising office ("follow_up_conclusions")
records escalations and directions; the agency asked, or the owner of a direction, records its reply.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404

from organizations.access import can, memberships, scope
from organizations.enums import WRITING_ROLES, Role
from organizations.models import Organization

from .enums import SUPERVISOR_KINDS
from .models import Direction, Escalation, Finding, SupervisionPlan


def may_open(user: User | AnonymousUser) -> bool:
    """May the user open the supervision pages: whoever may see a finding, i.e. a member of any unit's body.

    Reading is scoped by unit (`scope`): every role sees its own unit's findings (the agency asked must, to
    reply), the upper-level viewer and the administrator also those below. A user with no role sees none.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(memberships(user))


def speaks_for(user: User | AnonymousUser, organization: Organization) -> bool:
    """May the user record in the name of this supervising body: its supervisor, or an administrator above it."""
    if organization.kind.code not in SUPERVISOR_KINDS or not can(user, "record_supervision", organization.unit):
        return False
    if user.is_superuser:
        return True
    return any(
        m.organization_id == organization.pk or (m.role == Role.ADMIN and organization.unit.is_within(m.organization.unit))
        for m in memberships(user)
        if m.role in (Role.FRONT_SUPERVISOR, Role.ADMIN)
    )


def bodies_for(user: User | AnonymousUser) -> QuerySet[Organization]:
    """The supervising bodies in whose name this user may record (for the forms' choices)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.filter(kind__code__in=SUPERVISOR_KINDS, is_active=True)
    mine = memberships(user)
    own = [m.organization_id for m in mine if m.role == Role.FRONT_SUPERVISOR]
    admin_paths = [m.organization.unit.path for m in mine if m.role == Role.ADMIN]
    found = Organization.objects.filter(kind__code__in=SUPERVISOR_KINDS, is_active=True)
    condition = Q(pk__in=own)
    for path in admin_paths:
        condition |= Q(unit__path__startswith=path)
    return found.filter(condition).select_related("unit", "kind")


def may_follow_up(user: User | AnonymousUser, unit) -> bool:
    return can(user, "follow_up_conclusions", unit)


def _member_writes(user: User | AnonymousUser, organization: Organization | None) -> bool:
    return organization is not None and any(
        m.organization_id == organization.pk and m.role in WRITING_ROLES for m in memberships(user)
    )


def may_reply_to_finding(user: User | AnonymousUser, finding: Finding) -> bool:
    """The agency asked, the body that made the finding, or the advising office records the reply."""
    return (
        _member_writes(user, finding.agency)
        or speaks_for(user, finding.organization)
        or can(user, "follow_up_conclusions", finding.unit)
    )


def may_complete_direction(user: User | AnonymousUser, direction: Direction) -> bool:
    """The owner reports the result; the advising office may record it for them."""
    return _member_writes(user, direction.owner) or can(user, "follow_up_conclusions", direction.unit)


def visible_plans(user: User | AnonymousUser) -> QuerySet[SupervisionPlan]:
    return scope(SupervisionPlan.objects.all(), user).select_related("unit", "organization")


def visible_findings(user: User | AnonymousUser) -> QuerySet[Finding]:
    return scope(Finding.objects.all(), user).select_related("unit", "organization", "agency", "dialogue", "case")


def visible_escalations(user: User | AnonymousUser) -> QuerySet[Escalation]:
    return scope(Escalation.objects.all(), user).select_related("unit", "dialogue", "case")


def visible_directions(user: User | AnonymousUser) -> QuerySet[Direction]:
    return scope(Direction.objects.all(), user).select_related("unit", "owner", "dialogue", "case")


def get_or_404(queryset: QuerySet, pk: int):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
