"""Regulations in layers: a profile works within its parent's (000, 001, 002 within 003).

A rule the child does not state comes from the parent, with the parent's citation. Where both
state a deadline with the same code, the child's row says how they relate (`parent_relation`):
the same duty stated differently (both shown, the earlier date binds unless an administrator
recorded which prevails) or a different duty (both scheduled).
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import ParentRelation
from .models import DeadlineRule, FrequencyRule, HostRule, ParentPrecedence, RegulationProfile


@dataclass
class LayeredDeadline:
    rule: DeadlineRule  # the rule whose date the step takes (before any "earlier date binds")
    inherited: bool = False  # the child states nothing: the rule is the parent's
    beside: DeadlineRule | None = None  # the parent's rule with the same code, shown beside
    relation: str = ""
    precedence: ParentPrecedence | None = None


def chain(profile: RegulationProfile) -> list[RegulationProfile]:
    """The profile and its parents, nearest first (a loop in the data stops the walk)."""
    found: list[RegulationProfile] = []
    while profile is not None and profile not in found:
        found.append(profile)
        profile = profile.parent
    return found


def layered_deadlines(profile: RegulationProfile) -> dict[str, LayeredDeadline]:
    """Every deadline code the profile or its parents set, with how the two layers meet."""
    parent = profile.parent
    above = layered_deadlines(parent) if parent is not None and parent != profile else {}
    precedences = {row.code: row for row in profile.precedences.all()}
    result: dict[str, LayeredDeadline] = {}
    for rule in profile.deadlines.all():
        upper = above.get(rule.code)
        if upper is None:
            result[rule.code] = LayeredDeadline(rule)
            continue
        relation = rule.parent_relation or ParentRelation.SAME  # unclassified: the safe reading, earlier binds
        result[rule.code] = LayeredDeadline(rule, False, upper.rule, relation, precedences.get(rule.code))
    for code, upper in above.items():
        if code not in result:
            result[code] = LayeredDeadline(upper.rule, inherited=True)
    return result


def stated_positions(rules: list[HostRule]) -> set[str]:
    positions = {rule.position for rule in rules}
    if "co_hosts" in positions:  # a co-host row states both heads
        positions |= {"secretary", "committee_chair"}
    return positions


def layered_hosts(profile: RegulationProfile) -> list[HostRule]:
    """The profile's host rows, then the parents' rows for positions it does not state."""
    rows: list[HostRule] = []
    for layer in chain(profile):
        layer_rows = list(layer.hosts.all())
        stated = stated_positions(rows)
        rows += [rule for rule in layer_rows if rule.position not in stated]
    return rows


def layered_frequencies(profile: RegulationProfile) -> list[FrequencyRule]:
    """The profile's minimums, then the parents' for kinds of dialogue it does not state."""
    rows: list[FrequencyRule] = []
    for layer in chain(profile):
        stated = {rule.kind for rule in rows}
        rows += [rule for rule in layer.frequencies.all() if rule.kind not in stated]
    return rows


def layered_frequency(profile: RegulationProfile, kind: str, per: str = "head") -> FrequencyRule | None:
    return next((rule for rule in layered_frequencies(profile) if rule.kind == kind and rule.per == per), None)
