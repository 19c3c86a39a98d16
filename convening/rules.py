"""How many supporters a request needs: a share of the commune's voters (Luật 72/2025/QH15 Điều 43).

The share is a row of the regulation profile the commune follows on the day (`VoterRequestRule`, in the law's
profile `luat-72-2025`, taken by every profile below it), with its citation; no share is written here. Every
request keeps the share, the citation and the number it was held to. No province is named here.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from regulations.models import profile_for, voter_request_rule_for

LEVEL = "commune"  # the law speaks of the commune-level government (the profile's `applies_to_level`)
SUMMARY = " (tóm tắt)"  # a row restating a law not on file says so in the citation the request keeps


@dataclass(frozen=True)
class Threshold:
    percent: Decimal
    citation: str

    def needed(self, voters: int) -> int:
        """The least whole number of supporters that is at least `percent` of `voters` (10% of 4,321 is 433)."""
        return max(1, math.ceil(Decimal(voters) * self.percent / 100))


def threshold_for(unit, day: datetime.date) -> Threshold | None:
    """The share of voters whose request obliges the commune to convene a dialogue, as of `day`; None when no
    regulation the commune follows that day states it (the request is then refused, never held to a guess)."""
    rule = voter_request_rule_for(profile_for(unit, day))
    if rule is None or not rule.profile.binds(LEVEL, day):
        return None
    return Threshold(rule.percent, rule.citation + (SUMMARY if rule.is_summary else ""))
