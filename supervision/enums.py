"""Kinds of escalation and states of a follow-up duty (002 IV.3.1(2); 003 Điều 13-14; 004 Điều 14-15)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Organisation kinds that supervise the follow-up of a conclusion notice: the Front and the mass
# organisations (003 Điều 14.3, 004 Điều 15.3), Ban Dân vận (003 Điều 13.3, 004 Điều 14.3), and
# Ban Xây dựng Đảng, which receives the notice "để theo dõi, giám sát" (002 IV.3.1(1)).
SUPERVISOR_KINDS = frozenset({"fatherland_front", "mass_organization", "mass_mobilization_board", "party_building_board"})


class EscalationKind(models.TextChoices):
    """002 IV.3.1(2): matters beyond authority go to the upper level; a proposal to amend a policy is one kind."""

    BEYOND_AUTHORITY = "beyond_authority", _("Matter beyond the host's authority")
    POLICY_AMENDMENT = "policy_amendment", _("Proposal to repeal, amend or complete a policy")


class DirectionState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
