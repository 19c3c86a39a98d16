"""Reports due after each dialogue (004 Điều 16.1.c): one dated duty per held dialogue whose host the rule names.

The rule is a row of the profile (`regulations.AfterDialogueReportRule`, YAML key `after_dialogue_reports`: the host
positions it covers, the profile deadline code whose date it takes, sender, recipient, citation). The seed sets
no deadline of its own, so the row names the profile's deadline rule that gives the date (Điện Biên: `conclude`, 004 Điều 11.1) —
the date and the days skipped come from that rule and the working-day calendar, the citation from both.

The duty's state comes from the unit's draft and submissions keyed by the dialogue (period "D<id>"):
the same tables as the periodic reports, two queries for all duties.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dialogues.enums import HELD_STATUSES
from dialogues.models import Dialogue, DialogueHost
from organizations.access import can
from organizations.models import AdministrativeUnit
from regulations.layers import chain, layered_deadlines
from regulations.models import RegulationProfile
from workdays.calendar import SkippedDay, WorkCalendar

from . import mau1
from .duties import DutyState
from .models import ReportDraft, ReportSubmission
from .periods import Period

FORM = "other"


@dataclass(frozen=True)
class AfterDialogueRule:
    hosts: tuple[str, ...]
    deadline: str
    sender: str
    recipient: str
    citation: str
    quote: str = ""
    note: str = ""


@dataclass
class DialogueDuty:
    dialogue_id: int
    dialogue_title: str
    dialogue_date: datetime.date
    unit_code: str
    host_organization: str
    due: datetime.date | None
    due_citation: str  # the deadline rule that gives the date
    rule: AfterDialogueRule
    skipped: list[SkippedDay] = field(default_factory=list)
    state: str = ""
    submitted_at: datetime.datetime | None = None

    @property
    def period(self) -> str:
        return f"D{self.dialogue_id}"

    @property
    def state_label(self) -> str:
        return DutyState.LABELS.get(self.state, "")

    def as_dict(self) -> dict:
        return {
            "dialogue": self.dialogue_id,
            "date": self.dialogue_date.isoformat(),
            "unit": self.unit_code,
            "host": self.host_organization,
            "due": self.due.isoformat() if self.due else None,
            "citation": self.rule.citation,
            "due_rule": self.due_citation,
            "from": self.rule.sender,
            "to": self.rule.recipient,
            "state": self.state,
        }


def rules_for(profile: RegulationProfile) -> list[AfterDialogueRule]:
    """The profile's rows, else those of the nearest parent that states any (the same layering as reports.duties).

    One query per layer at most; `dialogue_duties` calls it once per profile.
    """
    for layer in chain(profile):
        found = [
            AfterDialogueRule(
                hosts=tuple(row.hosts or ()),
                deadline=row.deadline,
                sender=row.by,
                recipient=row.to,
                citation=row.citation,
                quote=row.quote,
                note=row.note,
            )
            for row in layer.after_dialogue_reports.all()
        ]
        if found:
            return found
    return []


def dialogue_duties(unit: AdministrativeUnit, year: int, today: datetime.date | None = None) -> list[DialogueDuty]:
    """The duties of the unit's and its subtree's dialogues held in the year, each with its state.

    Queries: the held dialogues, their hosts, the profiles' rules (once per profile), drafts and submissions.
    """
    today = today or timezone.localdate()
    dialogues = (
        mau1.dialogues_for(unit, Period(year))
        .filter(status__in=HELD_STATUSES, date__lte=today)
        .select_related("profile", "unit")
    )
    by_profile: dict[int, list[AfterDialogueRule]] = {}
    deadlines: dict[int, dict] = {}
    wanted: dict[int, Dialogue] = {}
    for dialogue in dialogues:
        if dialogue.profile_id not in by_profile:
            by_profile[dialogue.profile_id] = rules_for(dialogue.profile) if dialogue.profile else []
        if by_profile[dialogue.profile_id]:
            wanted[dialogue.pk] = dialogue
    if not wanted:
        return []
    hosts = DialogueHost.objects.filter(dialogue_id__in=wanted).values_list("dialogue_id", "position__code", "organization__name")
    calendar, duties = WorkCalendar(), []
    seen: set[tuple[int, str]] = set()
    for dialogue_id, position, organization in hosts.order_by("dialogue_id", "pk"):
        dialogue = wanted[dialogue_id]
        for rule in by_profile[dialogue.profile_id]:
            if position not in rule.hosts or (dialogue_id, rule.citation) in seen:
                continue
            seen.add((dialogue_id, rule.citation))
            if dialogue.profile_id not in deadlines:
                deadlines[dialogue.profile_id] = layered_deadlines(dialogue.profile)
            layered = deadlines[dialogue.profile_id].get(rule.deadline)
            result = layered.rule.compute(dialogue.date, calendar) if layered else None
            duties.append(
                DialogueDuty(
                    dialogue_id=dialogue_id,
                    dialogue_title=dialogue.title,
                    dialogue_date=dialogue.date,
                    unit_code=dialogue.unit.code,
                    host_organization=organization,
                    due=result.date if result else None,
                    due_citation=layered.rule.citation if layered else "",
                    rule=rule,
                    skipped=result.skipped if result else [],
                )
            )
    attach_states(duties, today)
    return sorted(duties, key=lambda d: (d.due or datetime.date.max, d.dialogue_id))


def attach_states(duties: list[DialogueDuty], today: datetime.date) -> None:
    periods = {duty.period for duty in duties}
    drafts = set(ReportDraft.objects.filter(form=FORM, period__in=periods).values_list("period", flat=True))
    first: dict[str, datetime.datetime] = {}
    for period, at in ReportSubmission.objects.filter(form=FORM, period__in=periods).order_by("version").values_list(
        "period", "submitted_at"
    ):
        first.setdefault(period, at)
    for duty in duties:
        if duty.period in first:
            duty.submitted_at = first[duty.period]
            late = duty.due is not None and timezone.localdate(duty.submitted_at) > duty.due
            duty.state = DutyState.LATE if late else DutyState.ON_TIME
        elif duty.due is not None and today > duty.due:
            duty.state = DutyState.OVERDUE
        else:
            duty.state = DutyState.DRAFTING if duty.period in drafts else DutyState.NOT_STARTED


@transaction.atomic
def submit_after_dialogue(user, dialogue: Dialogue, note: str = "") -> ReportSubmission:
    """Record the report sent after the dialogue, its Mẫu 1 row frozen as figures (a correction is version n+1).

    Refused, nothing written: PermissionDenied without the reporting right in the dialogue's unit,
    ValidationError when no rule of its profile asks a report after this dialogue. Side effects: one ReportSubmission row.
    """
    from .submitting import REPORT_ACTION

    if not can(user, REPORT_ACTION, dialogue.unit):
        raise PermissionDenied("Bạn không có quyền gửi báo cáo của đơn vị này.")
    positions = set(dialogue.hosts.values_list("position__code", flat=True))
    if not any(positions & set(rule.hosts) for rule in rules_for(dialogue.profile)):
        raise ValidationError("Bộ quy định không yêu cầu báo cáo sau cuộc đối thoại này.")
    Dialogue.objects.select_for_update().filter(pk=dialogue.pk).first()
    period = f"D{dialogue.pk}"
    last = ReportSubmission.objects.filter(unit=dialogue.unit, form=FORM, period=period).order_by("-version").first()
    table = mau1.build(dialogue.unit, Period(dialogue.date.year))
    row = next((r.as_dict() for r in table.rows if r.dialogue_id == dialogue.pk), {})
    return ReportSubmission.objects.create(
        unit=dialogue.unit,
        form=FORM,
        period=period,
        version=(last.version + 1) if last else 1,
        submitted_by=user,
        figures={"dialogue": dialogue.pk, "row": row},
        note=note.strip()[:2000],
    )
