"""Regulations in layers: a profile works within its parent's (000, 001, 002 within 003).

A rule the child does not state comes from the parent, with the parent's citation. Where both
state a deadline with the same code, the child's row says how they relate (`parent_relation`):
the same duty stated differently (both shown, the earlier date binds unless an administrator
recorded which prevails) or a different duty (both scheduled).

A layer binds only the dialogues it reaches (`RegulationProfile.binds`): Luật 72/2025/QH15, the root
of every profile, binds units of commune level from 01/7/2025, so a city's own dialogue skips it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from .enums import ParentRelation
from .models import DeadlineRule, FrequencyRule, HostRule, ParentPrecedence, RegulationProfile


@dataclass
class LayeredDeadline:
    rule: DeadlineRule  # the rule whose date the step takes (before any "earlier date binds")
    inherited: bool = False  # the child states nothing: the rule is the parent's
    beside: DeadlineRule | None = None  # the parent's rule with the same code, shown beside
    relation: str = ""
    precedence: ParentPrecedence | None = None
    above: LayeredDeadline | None = None  # how `beside` itself meets the layer above it (three layers and more)


def chain(profile: RegulationProfile) -> list[RegulationProfile]:
    """The profile and its parents, nearest first (a loop in the data stops the walk)."""
    found: list[RegulationProfile] = []
    while profile is not None and profile not in found:
        found.append(profile)
        profile = profile.parent
    return found


def binding_parent(
    profile: RegulationProfile, level: str | None = None, day: datetime.date | None = None
) -> RegulationProfile | None:
    """The nearest higher regulation that binds a dialogue of this level on this day."""
    seen = {profile.pk}
    parent = profile.parent
    while parent is not None and parent.pk not in seen:
        if parent.binds(level, day):
            return parent
        seen.add(parent.pk)
        parent = parent.parent
    return None


def layered_deadlines(
    profile: RegulationProfile, level: str | None = None, day: datetime.date | None = None, _seen: frozenset = frozenset()
) -> dict[str, LayeredDeadline]:
    """Every deadline code the profile or its parents set, with how the layers meet.

    `level` (the unit's level code) and `day` (the conference) leave out a higher regulation that does
    not bind that dialogue; unknown, every layer counts.
    """
    parent = binding_parent(profile, level, day)
    seen = _seen | {profile.pk}
    above = layered_deadlines(parent, level, day, seen) if parent is not None and parent.pk not in seen else {}
    precedences = {row.code: row for row in profile.precedences.all()}
    result: dict[str, LayeredDeadline] = {}
    for rule in profile.deadlines.all():
        upper = above.get(rule.code)
        if upper is None:
            result[rule.code] = LayeredDeadline(rule)
            continue
        relation = rule.parent_relation or ParentRelation.SAME  # unclassified: the safe reading, earlier binds
        further = upper if upper.beside is not None else None
        result[rule.code] = LayeredDeadline(rule, False, upper.rule, relation, precedences.get(rule.code), further)
    for code, upper in above.items():
        if code not in result:
            result[code] = replace(upper, inherited=True)  # keeps how the parent meets its own parent
    return result


def every_layer(layer: LayeredDeadline) -> list[LayeredDeadline]:
    """The layer and those above it that state the same duty, nearest first (for the schedule)."""
    found = [layer]
    while found[-1].above is not None and found[-1].above not in found:
        found.append(found[-1].above)
    return found


def stated_positions(rules: list[HostRule]) -> set[str]:
    positions = {rule.position for rule in rules}
    if "co_hosts" in positions:  # a co-host row states both heads
        positions |= {"secretary", "committee_chair"}
    return positions


def binding_chain(
    profile: RegulationProfile, level: str | None = None, day: datetime.date | None = None
) -> list[RegulationProfile]:
    """The profile and the higher regulations that bind a dialogue of this level on this day."""
    return [profile] + [layer for layer in chain(profile)[1:] if layer.binds(level, day)]


def layered_hosts(profile: RegulationProfile, level: str | None = None) -> list[HostRule]:
    """The profile's host rows, then the parents' rows for positions it does not state."""
    rows: list[HostRule] = []
    for layer in binding_chain(profile, level):
        layer_rows = list(layer.hosts.all())
        stated = stated_positions(rows)
        rows += [rule for rule in layer_rows if rule.position not in stated]
    return rows


def layered_frequencies(
    profile: RegulationProfile, level: str | None = None, day: datetime.date | None = None
) -> list[FrequencyRule]:
    """The profile's minimums, then the parents' for kinds of dialogue (per head or per unit) it does not state.

    A minimum per unit (Luật 72/2025/QH15 Điều 43: each commune, once a year) stands beside a minimum per
    head (003 Điều 5.2a): they count different things.
    """
    rows: list[FrequencyRule] = []
    for layer in binding_chain(profile, level, day):
        stated = {(rule.kind, rule.per) for rule in rows}
        rows += [rule for rule in layer.frequencies.all() if (rule.kind, rule.per) not in stated]
    return rows


def layered_frequency(
    profile: RegulationProfile, kind: str, per: str = "head", level: str | None = None, day: datetime.date | None = None
) -> FrequencyRule | None:
    return next(
        (rule for rule in layered_frequencies(profile, level, day) if rule.kind == kind and rule.per == per), None
    )


# Rules a profile without rows of its own takes from the nearest higher regulation, as the apps using them do
# (archive_rule_for, voter_request_rule_for, reports.dialogue_duties.rules_for). Media channels and duties are not
# inherited: a dialogue reads its own profile's rows.
INHERITED_RELATIONS = ["archive_rules", "voter_requests", "after_dialogue_reports"]


def nearest_rows(profile: RegulationProfile, relation: str) -> list:
    """The rows of `relation` the profile states, else those of the nearest higher regulation that states any.

    The layering of the rules stated once per profile or as one list (archive rule, voter request, reports after
    each dialogue): the page shows where an inherited row comes from (`row.profile`).
    """
    for layer in chain(profile):
        rows = list(getattr(layer, relation).all())
        if rows:
            return rows
    return []
