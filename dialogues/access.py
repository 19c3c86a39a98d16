"""Checked fetchers for dialogues: every view and API call gets its dialogue through here."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from organizations.access import can, memberships, scope
from organizations.enums import WRITING_ROLES

from .models import Dialogue, ScheduleStep


class Forbidden(PermissionDenied):
    """The user may see the dialogue but not do this to it (a 403 in views; the API answers it as JSON)."""


def visible_dialogues(user: User) -> QuerySet[Dialogue]:
    return scope(Dialogue.objects.all(), user).select_related("unit", "profile", "advising_office")


def dialogue_for(user: User, pk: int, action: str = "view") -> Dialogue:
    """The dialogue if the user may see it (else 404) and do `action` on it (else Forbidden)."""
    dialogue = visible_dialogues(user).filter(pk=pk).first()
    if dialogue is None:
        raise Http404
    if action != "view" and not can(user, action, dialogue.unit):
        raise Forbidden
    return dialogue


def can_complete_step(user: User, step: ScheduleStep) -> bool:
    """The advising office plans every step; the step's responsible organisation completes its own."""
    if can(user, "plan_dialogue", step.dialogue.unit):
        return True
    return any(m.organization_id == step.owner_id and m.role in WRITING_ROLES for m in memberships(user))


def my_organization_ids(user: User) -> set[int]:
    return {membership.organization_id for membership in memberships(user)}


def can_do_duty(user: User, duty) -> bool:
    """A profile duty (dialogues.DialogueDuty): the advising office, or the duty's responsible organisation."""
    if can(user, "plan_dialogue", duty.dialogue.unit):
        return True
    return any(m.organization_id == duty.owner_id and m.role in WRITING_ROLES for m in memberships(user))
