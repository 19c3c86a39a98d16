"""Who may see a petitioner's identity and contacts, and the log of every time someone did.

Only the advising office (and administrators) of the unit, and the agency the matter is assigned to,
see them; everyone else sees the content without them. Public output never carries them.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from organizations.access import can, memberships

from .models import Case, PersonalDataAccess, Petitioner


def may_see_petitioner(user: User, case: Case) -> bool:
    if can(user, "view_personal_data", case.unit):
        return True
    return case.agency_id is not None and any(m.organization_id == case.agency_id for m in memberships(user))


def reveal(user: User, petitioner: Petitioner | None, where: str) -> Petitioner | None:
    """Return the petitioner for display and log the access; call only after may_see_petitioner."""
    if petitioner is None:
        return None
    PersonalDataAccess.objects.create(user=user, petitioner=petitioner, where=where[:200])
    return petitioner
