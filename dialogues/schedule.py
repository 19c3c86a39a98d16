"""The schedule of a dialogue, computed from its unit's regulation profile (pure: writes nothing).

Each step's due date comes from the profile's deadline rules for that step; the conference date
anchors the rules "before/after the conference", the conclusion notice's issue date (or, until it
is issued, its due date) anchors "after the conclusion notice", and the answer step's due date
anchors "after the answer period". Ad hoc dialogues waive the notice and every step the profile
marks as skippable (003 Điều 8.3).

Regulations come in layers (regulations.layers): a step the profile does not set takes its
parent's rule; the parent's rule for the same duty is shown beside the profile's and the earlier
date binds unless an administrator recorded which prevails; a different duty is scheduled beside.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from regulations.enums import Anchor, DialogueKind, ParentRelation
from regulations.layers import LayeredDeadline, every_layer, layered_deadlines
from regulations.models import DeadlineRule, RegulationProfile
from workdays.calendar import SkippedDay, WorkCalendar

from .enums import STEP_ORDER, StepCode

# For each step, the deadline rules that set it, the first found being the step's own due date;
# the others are shown beside it (e.g. the Front's earlier deadline inside "collect").
STEP_RULES: dict[str, list[str]] = {
    StepCode.PLAN: ["plan"],
    StepCode.ANNOUNCE: ["announce"],
    StepCode.COLLECT: ["collect", "front_collect"],
    StepCode.CLASSIFY: ["classify", "answers_ready"],
    StepCode.HOLD: [],
    StepCode.CONCLUDE: ["conclude", "publish_results"],
    StepCode.ANSWER: ["answer", "answer_chase"],
    StepCode.ARCHIVE: ["archive", "report_results"],
}


@dataclass
class SideDeadline:
    code: str
    label: str
    due: datetime.date
    rule: str
    citation: str


@dataclass
class PlannedStep:
    code: str
    due: datetime.date | None
    rule: str
    citation: str
    quote: str = ""
    due_extended: datetime.date | None = None
    extended_rule: str = ""
    extended_citation: str = ""
    skipped: list[SkippedDay] = field(default_factory=list)
    waived_reason: str = ""
    side: list[SideDeadline] = field(default_factory=list)
    backward: bool = False  # counted backwards from the conference: "at least N working days before"
    layer_note: str = ""  # which of two layered regulations set the date, and why

    @property
    def label(self) -> str:
        return str(StepCode(self.code).label)

    def as_json(self) -> dict:
        data = {
            "code": self.code,
            "due": self.due.isoformat() if self.due else None,
            "rule": self.waived_reason or self.rule,
            "citation": self.citation,
        }
        if self.code == StepCode.CONCLUDE:
            data["due_extended"] = self.due_extended.isoformat() if self.due_extended else None
        return data

    def explanation(self) -> str:
        """How the date was computed, for the user: rule, clause, days skipped."""
        if self.waived_reason:
            return self.waived_reason
        if self.due is None:
            return self.rule
        parts = [f"{self.rule} ({self.citation})" if self.citation else self.rule]
        if self.backward:
            parts.append(_("counted so that the full number of working days lies between this date and the conference"))
        if self.skipped:
            days = "; ".join(f"{day.date:%d/%m}: {day.reason}" for day in self.skipped)
            parts.append(_("days not counted: %(days)s") % {"days": days})
        if self.layer_note:
            parts.append(self.layer_note)
        for side in self.side:
            parts.append(
                _("also %(label)s: %(due)s (%(rule)s, %(citation)s)")
                % {"label": side.label, "due": f"{side.due:%d/%m/%Y}", "rule": side.rule, "citation": side.citation}
            )
        return "; ".join(parts) + "."


def plan_schedule(
    profile: RegulationProfile,
    kind: str,
    conference_date: datetime.date,
    notice_date: datetime.date | None = None,
    calendar: WorkCalendar | None = None,
    level: str | None = None,
) -> list[PlannedStep]:
    """The eight steps with their due dates for a dialogue of this kind on this date (`level`: the unit's)."""
    calendar = calendar or WorkCalendar()
    layers = layered_deadlines(profile, level, conference_date)
    anchors: dict[str, datetime.date] = {Anchor.CONFERENCE: conference_date}
    planned: dict[str, PlannedStep] = {}
    for code in STEP_ORDER:
        if code == StepCode.HOLD:
            planned[code] = PlannedStep(code, conference_date, _("The conference date set in the plan"), "")
            continue
        step = _plan_step(code, layers, anchors, kind, calendar)
        planned[code] = step
        if code == StepCode.CONCLUDE:
            anchors[Anchor.CONCLUSION_NOTICE] = notice_date or step.due or conference_date
        if code == StepCode.ANSWER and step.due:
            anchors[Anchor.ANSWER] = step.due
    return [planned[code] for code in STEP_ORDER]


def _plan_step(code: str, layers: dict[str, LayeredDeadline], anchors, kind: str, calendar: WorkCalendar) -> PlannedStep:
    layer = next((layers[name] for name in STEP_RULES[code] if name in layers), None)
    own = layer.rule if layer else None
    waiver = _ad_hoc_waiver(code, own) if kind == DialogueKind.AD_HOC else ""
    if waiver:
        return PlannedStep(code, None, own.describe() if own else "", own.citation if own else "", waived_reason=waiver)
    if own is None or own.anchor not in anchors:
        return PlannedStep(code, None, _("The regulation sets no deadline for this step"), "")
    step = _step_from(code, own, anchors, calendar)
    if layer.inherited:
        step.layer_note = _("the unit's own regulation does not set it: it comes from %(profile)s") % {
            "profile": own.profile
        }
    for upper in every_layer(layer):  # the parent's rule, then the grandparent's (Luật 72 above 003 above 002)
        if upper.beside is not None and upper.beside.anchor in anchors:
            step = _meet_the_parent(step, upper, anchors, kind, calendar)
    if code == StepCode.CONCLUDE and "conclude_extended" in layers:
        extended = layers["conclude_extended"].rule
        step.due_extended = extended.compute(anchors[extended.anchor], calendar).date
        step.extended_rule, step.extended_citation = extended.describe(), extended.citation
    for name in STEP_RULES[code]:
        side = layers[name].rule if name in layers else None
        if side is None or side is own or side.anchor not in anchors:
            continue
        if kind == DialogueKind.AD_HOC and side.waivable_ad_hoc:
            continue
        step.side.append(
            SideDeadline(
                name, side.get_code_display(), side.compute(anchors[side.anchor], calendar).date, side.describe(), side.citation
            )
        )
    return step


def _step_from(code: str, rule: DeadlineRule, anchors, calendar: WorkCalendar) -> PlannedStep:
    result = rule.compute(anchors[rule.anchor], calendar)
    return PlannedStep(
        code,
        result.date,
        rule.describe(),
        rule.citation,
        quote=rule.quote,
        skipped=result.skipped,
        backward=rule.direction == "before",
    )


def _meet_the_parent(step: PlannedStep, layer: LayeredDeadline, anchors, kind: str, calendar: WorkCalendar) -> PlannedStep:
    """The parent's rule for the same code: a different duty beside, or the same duty where the earlier date binds."""
    upper = layer.beside
    if kind == DialogueKind.AD_HOC and upper.waivable_ad_hoc:
        return step
    upper_step = _step_from(step.code, upper, anchors, calendar)
    if layer.relation == ParentRelation.DIFFERENT:
        label = _("Also due under %(profile)s (a different duty)") % {"profile": upper.profile}
        step.side.append(SideDeadline(upper.code, label, upper_step.due, upper.describe(), upper.citation))
        return step
    if layer.precedence is not None:
        upper_binds = layer.precedence.prevails == "parent"
        why = _("an administrator recorded which prevails: %(reason)s") % {"reason": layer.precedence.reason}
    else:
        upper_binds = upper_step.due < step.due
        why = _("the earlier date binds: meeting it satisfies both")
    binding, other = (upper_step, step) if upper_binds else (step, upper_step)
    other_rule = layer.rule if upper_binds else upper
    label = _("Same duty under %(profile)s") % {"profile": other_rule.profile}
    binding.side = step.side
    binding.side.append(SideDeadline(other_rule.code, label, other.due, other.rule, other.citation))
    binding.layer_note = why
    return binding


def _ad_hoc_waiver(code: str, rule: DeadlineRule | None) -> str:
    """Why an ad hoc dialogue skips this step, or "" when it does not."""
    if rule is not None and rule.waivable_ad_hoc:
        return _("Ad hoc dialogue: the regulation lets it skip this step (%(citation)s).") % {"citation": rule.citation}
    if code == StepCode.ANNOUNCE:
        return _("Ad hoc dialogue: no advance notice period; it starts with the notice of an ad hoc dialogue (Form 7).")
    return ""
