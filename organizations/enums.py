"""Roles a user holds in an organisation, and their groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    ADVISING_STAFF = "advising_staff", _("Advising-office staff")
    HOST = "host", _("Host (leader)")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    AGENCY_HEAD = "agency_head", _("Agency head")
    FRONT_SUPERVISOR = "front_supervisor", _("Fatherland Front / supervisory board")
    SECRETARY = "secretary", _("Conference secretary")
    UPPER_VIEWER = "upper_viewer", _("Upper-level viewer")


# Roles whose members change data of their own unit (everyone else only reads).
WRITING_ROLES = frozenset({Role.ADMIN, Role.ADVISING_STAFF, Role.HOST, Role.AGENCY_OFFICER, Role.AGENCY_HEAD, Role.SECRETARY})


class IssuerFamily(models.TextChoices):
    """Which header an organisation's documents carry (Hướng dẫn 36-HD/VPTW or Nghị định 30/2020)."""

    PARTY = "party", _("Party body")
    STATE = "state", _("State body")
    FRONT = "front", _("Fatherland Front and mass organisations")
    OTHER = "other", _("Other")
