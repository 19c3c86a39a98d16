"""How many supporters a request needs: a share of the commune's voters (Luật 72/2025/QH15 Điều 43).

The national profile `luat-72-2025` states this rule only as a note (it is no deadline), so the share
lives here, once, with its citation; every request keeps the citation and the number it was held to.
No province is named here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LAW_CITATION = "Luật 72/2025/QH15 Điều 43 (tóm tắt)"
LAW_PERCENT = 10
LEVEL = "commune"  # the law speaks of the commune-level government (the profile's `applies_to_level`)


@dataclass(frozen=True)
class Threshold:
    percent: int
    citation: str

    def needed(self, voters: int) -> int:
        """The least whole number of supporters that is at least `percent` of `voters` (10% of 4,321 is 433)."""
        return max(1, math.ceil(voters * self.percent / 100))


def threshold_for(unit, day) -> Threshold:
    """The share of voters whose request obliges the commune to convene a dialogue, as of `day`."""
    return Threshold(LAW_PERCENT, LAW_CITATION)
