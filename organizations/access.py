"""Who may see and do what: the one place where unit scope and role are checked.

A user's scope comes from their memberships. Every role sees its own unit; the upper-level
viewer and the system administrator also see every unit below theirs. Reading actions (view,
supervise) reach that subtree; changes are allowed only to the roles named for an action, and
only in the member's own unit (the administrator: also below it). Views, the API and the admin
ask `can(user, action, unit)` or use `visible_units`: one permission style, no second registry.

A Django superuser is the platform operator: full access everywhere, by design. Only the
`create_operator` command makes one; demo data and imports never do, and the demo administrator
`quantri` is an ordinary ADMIN member of Hải Phòng (is_staff, its subtree only).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from .enums import Role
from .models import AdministrativeUnit, Membership

# Action → roles that may do it in their own unit. Reading is "view"; everything else changes data.
ACTIONS: dict[str, frozenset[str]] = {
    "view": frozenset(Role.values),
    "manage_master_data": frozenset({Role.ADMIN, Role.ADVISING_STAFF}),
    "plan_dialogue": frozenset({Role.ADMIN, Role.ADVISING_STAFF}),
    "classify_petition": frozenset({Role.ADMIN, Role.ADVISING_STAFF}),
    "view_personal_data": frozenset({Role.ADMIN, Role.ADVISING_STAFF}),
    # The personal-data access log; a data-protection contact gets the model permission
    # "petitions.view_personaldataaccess" in the admin instead (petitions/access_log.py).
    "view_access_log": frozenset({Role.ADMIN}),
    "record_conference": frozenset({Role.SECRETARY, Role.ADVISING_STAFF}),
    "supervise": frozenset({Role.FRONT_SUPERVISOR, Role.ADVISING_STAFF, Role.ADMIN, Role.UPPER_VIEWER}),
    # The Front and the Party boards record their plans, findings and forecasts (003 Điều 13.3, 14; supervision app).
    "record_supervision": frozenset({Role.FRONT_SUPERVISOR, Role.ADMIN}),
    # The advising office follows up the conclusions: escalations and directions (003 Điều 13.2; 002 IV.3.1(2)).
    "follow_up_conclusions": frozenset({Role.ADMIN, Role.ADVISING_STAFF}),
    "manage_regulations": frozenset({Role.ADMIN}),
    "manage_templates": frozenset({Role.ADMIN}),  # organisation DOCX templates: filled by the server, admins only
}

# Actions that only read: their scope reaches below the unit for the subtree roles.
READ_ACTIONS = frozenset({"view", "supervise"})
# Roles whose scope is their unit and everything below it.
SUBTREE_ROLES = frozenset({Role.ADMIN, Role.UPPER_VIEWER})
# Roles that change data below their own unit, not only in it.
SUBTREE_WRITERS = frozenset({Role.ADMIN})


def memberships_query() -> QuerySet[Membership]:
    """Memberships with what the scope checks read (organisation, unit, kind), ordered by role.

    Not by the model's user__username: one user's rows need no join with the users table (this runs on every
    logged-in request; the join and its ordering were a fifth of an opinion's intake)."""
    return Membership.objects.order_by("role", "pk").select_related("organization__unit", "organization__kind")


def keep_memberships(user: User, rows: list[Membership]) -> User:
    """Cache the user's memberships on the user object for the request (organizations.backends reads them with
    the user in one query)."""
    user._doithoai_memberships = rows
    return user


def memberships(user: User | AnonymousUser) -> list[Membership]:
    """The user's memberships, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_doithoai_memberships", None)
    if cached is None:
        cached = list(memberships_query().filter(user=user))
        keep_memberships(user, cached)
    return cached


def roles(user: User | AnonymousUser) -> set[str]:
    return {membership.role for membership in memberships(user)}


def _reaches(membership: Membership, unit: AdministrativeUnit, subtree_roles: frozenset[str]) -> bool:
    own = membership.organization.unit
    if own.pk == unit.pk:
        return True
    return membership.role in subtree_roles and unit.is_within(own)


def can(user: User | AnonymousUser, action: str, unit: AdministrativeUnit | None) -> bool:
    """May this user do `action` on data of `unit`? Unknown actions are refused."""
    if action not in ACTIONS or unit is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    allowed = ACTIONS[action]
    subtree = SUBTREE_ROLES if action in READ_ACTIONS else SUBTREE_WRITERS
    return any(m.role in allowed and _reaches(m, unit, subtree) for m in memberships(user))


def visible_units(user: User | AnonymousUser) -> QuerySet[AdministrativeUnit]:
    """Every unit whose data this user may read."""
    if not user.is_authenticated:
        return AdministrativeUnit.objects.none()
    if user.is_superuser:
        return AdministrativeUnit.objects.all()
    return _units_where(user, frozenset(Role.values), SUBTREE_ROLES)


def units_for(user: User | AnonymousUser, action: str) -> QuerySet[AdministrativeUnit]:
    """Every unit in which this user may do `action`."""
    if action == "view":
        return visible_units(user)
    if action not in ACTIONS or not user.is_authenticated or not user.is_active:
        return AdministrativeUnit.objects.none()
    if user.is_superuser:
        return AdministrativeUnit.objects.all()
    # The same rule as can(), as one condition: a province's thousands of units are never looped over in Python.
    return _units_where(user, ACTIONS[action], SUBTREE_ROLES if action in READ_ACTIONS else SUBTREE_WRITERS)


def _units_where(user: User, roles: frozenset[str], subtree: frozenset[str]) -> QuerySet[AdministrativeUnit]:
    """The units of the user's memberships in `roles`, with everything below them for the `subtree` roles."""
    condition = Q(pk__in=[])
    for membership in memberships(user):
        if membership.role in roles:
            own = membership.organization.unit
            condition |= Q(path__startswith=own.path) if membership.role in subtree else Q(pk=own.pk)
    return AdministrativeUnit.objects.filter(condition)


def scope(queryset: QuerySet, user: User | AnonymousUser, unit_field: str = "unit") -> QuerySet:
    """Restrict any queryset of unit-owned rows to what the user may read."""
    return queryset.filter(**{f"{unit_field}__in": visible_units(user)})
