"""Channels, jurisdictions, case statuses and answer outcomes (domain.md §3 steps 3-5, 8; 002 Mẫu 4-6, 9)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PAPER_FORM = "paper_form", _("Opinion form (Form 4)")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    FRONT = "front", _("Through the Fatherland Front committee")
    MASS_ORGANIZATION = "mass_organization", _("Through a mass organisation")
    RESIDENTIAL_GROUP = "residential_group", _("Through a residential group or Party cell")
    MEDIA = "media", _("Media or social media")
    AT_CONFERENCE = "at_conference", _("Spoken at the conference")
    WEB_FORM = "web_form", _("Public web form")


class PetitionerKind(models.TextChoices):
    PERSON = "person", _("A person")
    ORGANIZATION = "organization", _("An organisation (with its representative)")
    UNKNOWN = "unknown", _("Unknown")


class Jurisdiction(models.TextChoices):
    """Mẫu 5: within the host's authority, to propose to the upper level, within a lower level's authority."""

    WITHIN = "within", _("Within the host's authority")
    UPPER = "upper", _("To propose to the upper level")
    LOWER = "lower", _("Within a lower level's authority")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    ASSIGNED = "assigned", _("Assigned")
    DRAFTED = "drafted", _("Answer drafted")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")
    PARTLY = "partly", _("Partly resolved")
    MORE_TIME = "more_time", _("Needs more time")
    ESCALATED = "escalated", _("Escalated to the upper level")
    TRANSFERRED = "transferred", _("Transferred to a lower level")
    OUTSIDE = "outside", _("Outside this procedure")


# Outcomes that close the case once approved; "needs more time" keeps it open with a new date.
CLOSING_OUTCOMES = frozenset(set(Outcome.values) - {Outcome.MORE_TIME})
# Outcomes that send the matter elsewhere and must say where.
SENT_ELSEWHERE = frozenset({Outcome.ESCALATED, Outcome.TRANSFERRED, Outcome.OUTSIDE})
