"""Kinds, forms, statuses and schedule steps of a dialogue (domain.md §2-3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regulations.enums import DialogueKind

__all__ = ["DialogueKind", "DialogueForm", "ThematicTopic", "AdHocReason", "Status", "StepCode", "StepStatus", "GroupKind"]


class DialogueForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class ThematicTopic(models.TextChoices):
    """What a thematic dialogue is about: a policy or project, or one social group (003 Điều 5; 002 II)."""

    POLICY = "policy", _("A policy or project")
    FARMERS = "farmers", _("Farmers")
    YOUTH = "youth", _("Youth")
    WOMEN = "women", _("Women")
    VETERANS = "veterans", _("Veterans")
    ELDERLY = "elderly", _("The elderly")
    BUSINESS = "business", _("Business people")
    WORKERS = "workers", _("Workers")


class AdHocReason(models.TextChoices):
    """Why an ad hoc dialogue is held (003 Điều 5.2c; domain.md §2)."""

    COMPLEX_CASE = "complex_case", _("A complex, prolonged case involving many people")
    SECURITY = "security", _("A matter that may seriously harm security or order")
    SUDDEN = "sudden", _("A sudden matter that must be settled at once")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ANNOUNCED = "announced", _("Announced")
    HELD = "held", _("Held")
    CONCLUDED = "concluded", _("Concluded")
    ARCHIVED = "archived", _("Archived")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = frozenset({Status.PLANNED, Status.ANNOUNCED, Status.HELD, Status.CONCLUDED})
HELD_STATUSES = frozenset({Status.HELD, Status.CONCLUDED, Status.ARCHIVED})


class StepCode(models.TextChoices):
    PLAN = "plan", _("Plan")
    ANNOUNCE = "announce", _("Notice and invitations")
    COLLECT = "collect", _("Collect opinions")
    CLASSIFY = "classify", _("Classify and assign")
    HOLD = "hold", _("Hold the conference")
    CONCLUDE = "conclude", _("Conclusion notice")
    ANSWER = "answer", _("Written answers")
    ARCHIVE = "archive", _("Archive the dossier")


STEP_ORDER = [code.value for code in StepCode]


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    WAIVED = "waived", _("Waived")


class GroupKind(models.TextChoices):
    """Participant groups of the plan (001 III.2)."""

    UPPER_DELEGATES = "upper", _("Upper-level delegates")
    UNIT_DELEGATES = "unit", _("Delegates of the unit")
    RESIDENTIAL_DELEGATES = "residential", _("Delegates of residential groups and villages")
    PRESS = "press", _("Press")
    CITIZENS = "citizens", _("Citizens")
    OTHER = "other", _("Other")
