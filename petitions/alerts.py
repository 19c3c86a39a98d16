"""Who is told of a change to a matter, and with what (the notifications app sends it).

Called by the verbs in casework.py inside their transaction, so a refused change tells no one.
No petitioner's personal data goes into these texts: the matter's summary, agency and deadline only.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from notifications.outbox import notify
from organizations.enums import Role
from organizations.models import Membership, Organization

from .models import Case


def agency_people(agency: Organization | None) -> list[User]:
    """The officers and the head of an agency (each once), who answer for its assigned matters."""
    if agency is None:
        return []
    found = Membership.objects.filter(
        organization=agency, role__in=[Role.AGENCY_OFFICER, Role.AGENCY_HEAD], user__is_active=True
    ).select_related("user")
    return list({m.user_id: m.user for m in found}.values())


def _context(case: Case, **extra) -> dict:
    return {"case": case, "agency": case.agency, "due": case.due, "rule": case.due_rule, **extra}


def assigned(case: Case) -> int:
    """A new assignment: its deadline and the legal basis of the deadline (002 IV.3)."""
    written = 0
    for person in agency_people(case.agency):
        written += len(
            notify(
                person,
                "case_assigned",
                subject_object=case,
                context=_context(case),
                legally_required=True,
                dedupe_key=f"case_assigned:{case.pk}:{case.agency_id}:{case.due}",
                link=reverse("petitions:case", args=[case.pk]),
            )
        )
    return written


def reviewed(case: Case, kind: str, comments: str = "") -> int:
    """The drafter hears that the head approved (`case_approved`) or returned (`case_returned`) the draft."""
    if case.drafted_by is None:
        return 0
    return len(
        notify(
            case.drafted_by,
            kind,
            subject_object=case,
            context=_context(case, comments=comments),
            link=reverse("petitions:case", args=[case.pk]),
        )
    )
