"""Which staff logins a reminder goes to, by organisation and role: the one organisations-level helper the
domain's reminder sources share (it reads memberships only, so it may sit in this lower layer)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import User

from organizations.enums import Role
from organizations.models import Membership


def logins_by_organization(memberships: Iterable[Membership]) -> dict[int, list[User]]:
    """Users per organisation (each once), from memberships with their user loaded."""
    found: dict[int, dict[int, User]] = defaultdict(dict)
    for membership in memberships:
        found[membership.organization_id][membership.user_id] = membership.user
    return {key: list(users.values()) for key, users in found.items()}


def advisers(office_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active advising staff of each advising office; one query."""
    rows = Membership.objects.filter(
        organization_id__in=list(office_ids), role=Role.ADVISING_STAFF, user__is_active=True
    ).select_related("user")
    return logins_by_organization(rows)
