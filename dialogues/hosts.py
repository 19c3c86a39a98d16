"""Who may host a dialogue of a unit on a day, to whom they may delegate, and who advises them (003 Điều 2, 7)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from organizations.models import AdministrativeUnit, Appointment, Organization, heads_on
from regulations.layers import layered_hosts
from regulations.models import HostRule, RegulationProfile

DEFAULT_HOST_POSITIONS = ["secretary", "committee_chair"]


def host_rules(profile: RegulationProfile, unit: AdministrativeUnit) -> list[HostRule]:
    """The host rows that apply at this unit's level: the profile's, then its parents' for positions it leaves out."""
    level = unit.level.code
    return [rule for rule in layered_hosts(profile) if rule.level in ("any", level)]


def host_positions(profile: RegulationProfile, unit: AdministrativeUnit) -> list[str]:
    positions = [rule.position for rule in host_rules(profile, unit) if rule.position != "co_hosts"]
    if any(rule.position == "co_hosts" for rule in host_rules(profile, unit)):
        positions += [code for code in DEFAULT_HOST_POSITIONS if code not in positions]
    return positions or DEFAULT_HOST_POSITIONS


def host_candidates(profile: RegulationProfile, unit: AdministrativeUnit, day: datetime.date) -> list[Appointment]:
    """The unit's heads on that day who may host under the profile."""
    allowed = host_positions(profile, unit)
    return [appointment for appointment in heads_on(unit, day) if appointment.position.code in allowed]


def delegate_positions(profile: RegulationProfile, unit: AdministrativeUnit, host_position: str) -> list[str]:
    found: list[str] = []
    for rule in host_rules(profile, unit):
        if rule.position in (host_position, "co_hosts"):
            found += [code for code in rule.delegates_to if code not in found]
    return found


def delegate_candidates(
    profile: RegulationProfile, unit: AdministrativeUnit, host_position: str, day: datetime.date
) -> list[Appointment]:
    allowed = delegate_positions(profile, unit, host_position)
    return list(
        Appointment.objects.active_on(day)
        .filter(organization__unit=unit, position__code__in=allowed)
        .select_related("person", "position", "organization")
    )


@dataclass
class AdvisingChoice:
    office: Organization | None
    with_office: Organization | None
    citation: str
    needs_choice: bool  # the regulation leaves it to the head (commune level) or the unit lacks the office


def advising_office_for(profile: RegulationProfile, unit: AdministrativeUnit, host_positions_chosen: list[str]) -> AdvisingChoice:
    """The office the profile gives these hosts; co-hosts take the profile's co-host row when it has one."""
    rules = host_rules(profile, unit)
    rule = None
    if len(set(host_positions_chosen)) > 1:
        rule = next((r for r in rules if r.position == "co_hosts"), None)
    if rule is None:
        rule = next((r for r in rules if r.position in host_positions_chosen), None)
    if rule is None:  # a profile that only speaks of co-hosts covers each of them hosting alone
        rule = next((r for r in rules if r.position == "co_hosts"), None)
    if rule is None:
        return AdvisingChoice(None, None, "", True)
    office = _office_of_kind(unit, rule.advising_office, rule.advising_serves)
    with_office = _office_of_kind(unit, rule.advising_with) if rule.advising_with else None
    if not rule.advising_with:
        second = [p for p in host_positions_chosen if p != rule.position]
        if second:
            other = next((r for r in rules if r.position == second[0]), None)
            if other is not None and other.advising_office != rule.advising_office:
                with_office = _office_of_kind(unit, other.advising_office, other.advising_serves)
    return AdvisingChoice(office, with_office, rule.citation, office is None)


def _office_of_kind(unit: AdministrativeUnit, kind_code: str, serves: str = "") -> Organization | None:
    """The unit's one office of this kind serving that body (004 Điều 7.2: each host has its own office).

    Never "the first row": several candidates and none marked by its parent body means someone must choose.
    """
    if not kind_code or kind_code == "named_by_head":
        return None
    offices = list(unit.organizations.filter(kind__code=kind_code, is_active=True).select_related("parent__kind"))
    if serves:
        serving = [office for office in offices if office.parent and office.parent.kind.code == serves]
        if serving:
            return serving[0] if len(serving) == 1 else None
    return offices[0] if len(offices) == 1 else None


def office_of_kind(unit: AdministrativeUnit, kind_code: str) -> Organization | None:
    """The unit's one office of this kind, or None when it has none or several (someone must choose)."""
    return _office_of_kind(unit, kind_code)
