"""Every change of a dialogue's state goes through one guarded function here, which writes its event.

Side effects of each function are listed in its docstring. Each runs in a transaction on a locked
row and raises TransitionError (a Vietnamese message for the user) without changing anything
when it is not allowed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common import dates
from organizations.models import Appointment, Organization
from regulations.models import ArchiveIncomplete, archive_rule_for, profile_for

from . import progress
from .enums import HELD_STATUSES, DialogueKind, Status, StepCode, StepStatus
from .hosts import advising_office_for
from .models import CooperatingAgency, Dialogue, DialogueEvent, DialogueHost, ParticipantGroup, ScheduleStep
from .schedule import plan_schedule


class TransitionError(Exception):
    """A refused change; the message is shown to the user as it is."""


@dataclass
class NoticeCheck:
    """Whether the notice can still be sent in time for a conference on this date."""

    announce_due: datetime.date | None
    met: bool


def notice_check(
    profile, kind: str, conference_date: datetime.date, today: datetime.date | None = None, level: str | None = None
) -> NoticeCheck:
    """Can the notice still go out in time for a conference on this date? Ad hoc dialogues need none."""
    if kind == DialogueKind.AD_HOC:
        return NoticeCheck(None, True)
    today = today or dates.today()
    steps = plan_schedule(profile, kind, conference_date, level=level)
    due = next((s.due for s in steps if s.code == StepCode.ANNOUNCE), None)
    return NoticeCheck(due, due is None or due >= today)


def _owner_for(dialogue: Dialogue, code: str) -> Organization | None:
    if code == StepCode.HOLD:
        first_host = dialogue.hosts.select_related("organization").first()
        if first_host:
            return first_host.organization
    return dialogue.advising_office


def sync_schedule(dialogue: Dialogue) -> list[ScheduleStep]:
    """Create or recompute the steps from the profile; done and waived-by-hand steps keep their state.

    Side effects: writes ScheduleStep rows (their history keeps the old due dates) and the profile's
    DialogueDuty rows (record.sync_duties).
    """
    existing = {step.code: step for step in dialogue.steps.all()}
    steps = []
    level = dialogue.unit.level.code  # Luật 72 binds communes only
    for planned in plan_schedule(dialogue.profile, dialogue.kind, dialogue.date, dialogue.conclusion_issued_on, level=level):
        step = existing.get(planned.code) or ScheduleStep(dialogue=dialogue, code=planned.code)
        auto_waived = step.status == StepStatus.WAIVED and step.done_by_id is None
        if step.pk is None or step.status == StepStatus.PENDING or auto_waived:
            step.status = StepStatus.WAIVED if planned.waived_reason else StepStatus.PENDING
            step.waived_reason = planned.waived_reason
        values = {
            "due": None if step.status == StepStatus.WAIVED and planned.waived_reason else planned.due,
            "due_extended": planned.due_extended,
            "rule": planned.rule,
            "citation": planned.citation,
            "explanation": planned.explanation(),
            "owner": step.owner or _owner_for(dialogue, planned.code),
        }
        changed = step.pk is None or any(getattr(step, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(step, name, value)
        if changed or step.pk is None:
            step.save()
        steps.append(step)
    from .record import sync_duties  # the profile's duties beyond the steps (record imports this module)

    sync_duties(dialogue)
    return steps


@dataclass
class HostChoice:
    """A host: the head's appointment, or a deputy's appointment on the head's behalf with the reason."""

    appointment: Appointment
    on_behalf_of: Appointment | None = None
    reason: str = ""


@dataclass
class GroupChoice:
    """A participant group of the plan (001 III.2): how many, and which organisations and people by name."""

    kind: str
    expected_count: int = 0
    organizations: list = field(default_factory=list)
    people: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.expected_count or self.organizations or self.people)


@dataclass
class AgencyTask:
    """A co-operating agency and its task in the assignment document."""

    organization: Organization
    task: str


def _write_participants(dialogue: Dialogue, groups: list[GroupChoice], agencies: list[AgencyTask]) -> None:
    """Make the plan's groups and agencies these (a group kept keeps its row, so its invitations keep their link)."""
    wanted = {group.kind: group for group in groups if not group.empty}
    for row in dialogue.participant_groups.all():
        if row.kind not in wanted:
            row.delete()
    for kind, group in wanted.items():
        row = dialogue.participant_groups.filter(kind=kind).first() or ParticipantGroup(dialogue=dialogue, kind=kind)
        row.expected_count = group.expected_count or 0
        row.save()
        row.organizations.set(group.organizations)
        row.people.set(group.people)
    dialogue.cooperating_agencies.all().delete()
    for agency in agencies:
        if agency.organization is not None and (agency.task or "").strip():
            CooperatingAgency.objects.create(dialogue=dialogue, organization=agency.organization, task=agency.task.strip())


@transaction.atomic
def set_participants(dialogue: Dialogue, user: User | None, groups: list[GroupChoice], agencies: list[AgencyTask]) -> Dialogue:
    """Change the plan's participant groups and co-operating agencies before the conference.

    Side effects: rewrites ParticipantGroup and CooperatingAgency rows (their history keeps the old ones);
    invitations already made stay; writes a "participants" event.
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status in HELD_STATUSES:
        raise TransitionError("Hội nghị đã diễn ra: thành phần tham dự được ghi ở trang điểm danh, không sửa trong kế hoạch.")
    _write_participants(dialogue, groups, agencies)
    _record(
        dialogue,
        "participants",
        dialogue.status,
        user,
        groups={g.kind: g.expected_count for g in groups if not g.empty},
        agencies=[a.organization.name for a in agencies if a.organization is not None and (a.task or "").strip()],
    )
    return dialogue


@transaction.atomic
def create_dialogue(
    user: User | None,
    *,
    hosts: list[HostChoice],
    advising_office: Organization | None = None,
    advising_override_reason: str = "",
    groups: list[GroupChoice] | None = None,
    agencies: list[AgencyTask] | None = None,
    **fields,
) -> Dialogue:
    """Create a dialogue with its hosts, participant groups, co-operating agencies, advising office and schedule.

    Side effects: the dialogue, its hosts, groups, agencies and steps (the plan step done today), one event.

    The profile is the unit's on the conference date; the advising office follows from the hosts by
    the profile (003 Điều 7) unless another is chosen with a reason. A notice period that can no
    longer be met needs `notice_justification`.
    """
    unit, kind, date = fields["unit"], fields["kind"], fields["date"]
    profile = fields.pop("profile", None) or profile_for(unit, date)
    if profile is None:
        raise TransitionError(_("No regulation profile applies to %(unit)s on that date.") % {"unit": unit.name})
    if not hosts:
        raise TransitionError(_("Choose at least one host."))
    for choice in hosts:
        if choice.on_behalf_of is not None and not choice.reason.strip():
            raise TransitionError(_("A delegation to a deputy needs its reason (force majeure)."))
    check = notice_check(profile, kind, date, level=unit.level.code)
    if not check.met and not (fields.get("notice_justification") or "").strip():
        raise TransitionError(
            _("The notice period can no longer be met: the notice was due on %(due)s. Give a justification to continue.")
            % {"due": check.announce_due.strftime("%d/%m/%Y")}
        )
    positions = [(choice.on_behalf_of or choice.appointment).position.code for choice in hosts]
    proposed = advising_office_for(profile, unit, positions)
    office, with_office = proposed.office, proposed.with_office
    if advising_office is not None and advising_office != proposed.office:
        if proposed.office is not None and not advising_override_reason.strip():
            raise TransitionError(_("Choosing another advising office than the regulation's needs a reason."))
        office, with_office = advising_office, None
    if office is None:
        raise TransitionError(_("Choose the advising office: the regulation leaves it to the head of the unit."))
    dialogue = Dialogue.objects.create(
        profile=profile,
        advising_office=office,
        advising_with=with_office,
        advising_override_reason=advising_override_reason.strip(),
        created_by=user,
        **fields,
    )
    for choice in hosts:
        DialogueHost.objects.create(
            dialogue=dialogue,
            person=choice.appointment.person,
            position=choice.appointment.position,
            organization=choice.appointment.organization,
            delegated_from=choice.on_behalf_of.person if choice.on_behalf_of else None,
            delegation_reason=choice.reason.strip(),
        )
    _write_participants(dialogue, groups or [], agencies or [])
    sync_schedule(dialogue)
    if dialogue.steps.filter(code=StepCode.PLAN).exists():
        _finish_step(dialogue, StepCode.PLAN, user, dates.today())  # saving the plan is the plan step
    _record(dialogue, "create", dialogue.status, user, fields.get("notice_justification", ""))
    return dialogue


def _locked(dialogue: Dialogue) -> Dialogue:
    return Dialogue.objects.select_for_update().get(pk=dialogue.pk)


def _record(dialogue: Dialogue, action: str, old: str, user: User | None, reason: str = "", **detail) -> DialogueEvent:
    return DialogueEvent.objects.create(
        dialogue=dialogue, action=action, old_status=old, new_status=dialogue.status, reason=reason, by=user, detail=detail
    )


def _finish_step(dialogue: Dialogue, code: str, user: User | None, on: datetime.date) -> None:
    step = dialogue.steps.get(code=code)
    if step.status == StepStatus.PENDING:
        step.status, step.done_on, step.done_by = StepStatus.DONE, on, user
        step.save()


def _require_open(dialogue: Dialogue) -> None:
    if dialogue.status == Status.CANCELLED:
        raise TransitionError(_("This dialogue has been cancelled."))
    if dialogue.status == Status.ARCHIVED:
        raise TransitionError(_("This dialogue's dossier is archived; it can no longer change."))


def _require_reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("A reason is required to %(what)s.") % {"what": what})
    return reason


def _not_future(on: datetime.date | None, label: str) -> datetime.date:
    """The date given, or today; never after today (common.dates, the one check for screens and API)."""
    on = on or dates.today()
    try:
        return dates.check_not_future(on, label)
    except ValidationError as error:
        raise TransitionError(error.messages[0]) from None


# Each check returns what is still undone for the dossier to be archived (a line per item, Vietnamese).
# Higher layers (documents: the dossier checklist, open answers, outcomes) register theirs at start-up,
# so this module needs to know none of them.
ARCHIVE_CHECKS: list[Callable[[Dialogue], list[str]]] = []


def register_archive_check(check: Callable[[Dialogue], list[str]]) -> Callable[[Dialogue], list[str]]:
    if check not in ARCHIVE_CHECKS:
        ARCHIVE_CHECKS.append(check)
    return check


def pending_steps(dialogue: Dialogue) -> list[str]:
    """The duties of the schedule still "not done" (the archive step itself aside)."""
    steps = dialogue.steps.filter(status=StepStatus.PENDING).exclude(code=StepCode.ARCHIVE)
    return [f"Bước chưa thực hiện: {step.get_code_display()}" for step in steps]


def archive_blockers(dialogue: Dialogue) -> list[str]:
    """Everything that stops the dossier from being archived: pending steps, then each registered check."""
    missing = pending_steps(dialogue)
    for check in ARCHIVE_CHECKS:
        missing += check(dialogue)
    return missing


@transaction.atomic
def announce(dialogue: Dialogue, user: User | None, on: datetime.date | None = None) -> Dialogue:
    """Planned → announced. Marks the `announce` step done on that day (late if after its due date)."""
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status != Status.PLANNED:
        raise TransitionError(_("Only a planned dialogue can be announced."))
    on = _not_future(on, "Ngày gửi thông báo")
    if on > dialogue.date:
        raise TransitionError(_("The notice cannot be dated after the conference."))
    old, dialogue.status = dialogue.status, Status.ANNOUNCED
    dialogue.save(update_fields=["status"])
    _finish_step(dialogue, StepCode.ANNOUNCE, user, on)
    _record(dialogue, "announce", old, user, on=on.isoformat())
    return dialogue


@transaction.atomic
def hold(dialogue: Dialogue, user: User | None, on: datetime.date | None = None) -> Dialogue:
    """Announced (or planned, for ad hoc) → held. Marks the `hold` step done.

    Side effects: the conference closes the collection of opinions, so the `collect` step (and `classify`
    when every collected matter is assigned) is done by the work itself (dialogues.progress).
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    allowed = {Status.ANNOUNCED} | ({Status.PLANNED} if dialogue.kind == DialogueKind.AD_HOC else set())
    if dialogue.status not in allowed:
        if dialogue.status == Status.PLANNED:
            raise TransitionError(_("The dialogue must be announced before it is held (only ad hoc dialogues skip the notice)."))
        raise TransitionError(_("This dialogue has already been held."))
    on = _not_future(on, "Ngày tổ chức hội nghị")
    old, dialogue.status = dialogue.status, Status.HELD
    dialogue.save(update_fields=["status"])
    _finish_step(dialogue, StepCode.HOLD, user, on)
    _record(dialogue, "hold", old, user, on=on.isoformat())
    progress.refresh_work_steps(dialogue, user, on)
    return dialogue


@transaction.atomic
def conclude(
    dialogue: Dialogue, user: User | None, issued_on: datetime.date | None = None, extension_reason: str = ""
) -> Dialogue:
    """Held → concluded: the conclusion notice is issued.

    Beyond the 10-day deadline the extended maximum needs a recorded reason (003 Điều 10.1); issuing
    later still is possible but stays marked late. The `answer` step is recomputed from the issue date,
    and done at once if every matter is already answered (dialogues.progress).
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status != Status.HELD:
        raise TransitionError(_("The conclusion notice can only follow a conference that has been held."))
    issued_on = _not_future(issued_on, "Ngày ban hành thông báo kết luận")
    if issued_on < dialogue.date:
        raise TransitionError(_("The conclusion notice cannot be dated before the conference."))
    step = dialogue.steps.get(code=StepCode.CONCLUDE)
    extension_reason = (extension_reason or "").strip()
    if step.due and issued_on > step.due and not extension_reason:
        raise TransitionError(
            _("The notice is past its %(due)s deadline: record why (beyond authority, complex, many agencies).")
            % {"due": step.due.strftime("%d/%m/%Y")}
        )
    old, dialogue.status = dialogue.status, Status.CONCLUDED
    dialogue.conclusion_issued_on = issued_on
    dialogue.conclusion_extension_reason = extension_reason
    dialogue.save(update_fields=["status", "conclusion_issued_on", "conclusion_extension_reason"])
    _finish_step(dialogue, StepCode.CONCLUDE, user, issued_on)
    sync_schedule(dialogue)
    _record(dialogue, "conclude", old, user, extension_reason, issued_on=issued_on.isoformat())
    progress.refresh_work_steps(dialogue, user, issued_on)
    return dialogue


@transaction.atomic
def archive(dialogue: Dialogue, user: User | None, on: datetime.date | None = None, incomplete_reason: str = "") -> Dialogue:
    """Concluded → archived: the dossier is complete. Marks the `archive` step done.

    Refused, with the list of what is missing, while a step is pending, a dossier item is missing,
    a matter is unanswered or has no outcome (`archive_blockers`); each gap is closed where it lives
    (done, waived or "not applicable" with its reason). Where the profile's archive rule allows it
    (regulations.ArchiveRule; none of the seeds does), `incomplete_reason` archives it anyway and the
    reason and the list are kept on the dialogue and in its event. Never dated before the conference or after today.
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status != Status.CONCLUDED:
        raise TransitionError(_("Only a concluded dialogue can be archived."))
    on = _not_future(on, "Ngày hoàn thiện hồ sơ")
    if on < dialogue.date or (dialogue.conclusion_issued_on and on < dialogue.conclusion_issued_on):
        raise TransitionError("Hồ sơ không thể hoàn thiện trước ngày hội nghị và ngày ban hành thông báo kết luận.")
    missing = archive_blockers(dialogue)
    incomplete_reason = (incomplete_reason or "").strip()
    if missing and not (incomplete_reason and archive_incomplete_allowed(dialogue.profile)):
        refusal = "Chưa thể lưu hồ sơ, còn thiếu: " + "; ".join(missing) + "."
        if incomplete_reason:
            rule = archive_rule_for(dialogue.profile)
            basis = f" ({rule.citation})" if rule else ""
            refusal += f" Quy định {dialogue.profile} không cho phép lưu hồ sơ còn thiếu{basis}."
        raise TransitionError(refusal)
    old, dialogue.status = dialogue.status, Status.ARCHIVED
    fields = ["status"]
    if missing:
        dialogue.archived_incomplete_reason, dialogue.archived_missing = incomplete_reason, missing
        fields += ["archived_incomplete_reason", "archived_missing"]
    dialogue.save(update_fields=fields)
    _finish_step(dialogue, StepCode.ARCHIVE, user, on)
    _record(dialogue, "archive", old, user, incomplete_reason if missing else "", on=on.isoformat(), missing=missing)
    return dialogue


def archive_incomplete_allowed(profile) -> bool:
    """Whether the profile (or the higher regulation it works within) lets a dossier be archived incomplete."""
    rule = archive_rule_for(profile)
    return rule is not None and rule.incomplete == ArchiveIncomplete.ALLOWED


@transaction.atomic
def cancel(dialogue: Dialogue, user: User | None, reason: str) -> Dialogue:
    """Any state before the conference → cancelled, with its reason; pending steps stop counting."""
    dialogue = _locked(dialogue)
    reason = _require_reason(reason, _("cancel a dialogue"))
    _require_open(dialogue)
    if dialogue.status in HELD_STATUSES:
        raise TransitionError(_("A dialogue that has been held cannot be cancelled."))
    old, dialogue.status = dialogue.status, Status.CANCELLED
    dialogue.save(update_fields=["status"])
    _record(dialogue, "cancel", old, user, reason)
    return dialogue


@transaction.atomic
def reschedule(
    dialogue: Dialogue, user: User | None, new_date: datetime.date, reason: str = "", justification: str = ""
) -> Dialogue:
    """Move the conference: recompute the schedule (history keeps the old dates).

    A later date is a postponement and needs a reason; if the notice period can no longer be met,
    a justification is required and recorded. An announced dialogue goes back to planned, since the
    People must be told the new date.
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status in HELD_STATUSES:
        raise TransitionError(_("A dialogue that has been held cannot be moved."))
    if new_date == dialogue.date:
        return dialogue
    old_date = dialogue.date
    if new_date > old_date:
        reason = _require_reason(reason, _("postpone a dialogue"))
    dialogue.date = new_date
    check = notice_check(dialogue.profile, dialogue.kind, new_date, level=dialogue.unit.level.code)
    justification = (justification or "").strip()
    if not check.met and not justification:
        raise TransitionError(
            _("The notice period can no longer be met: the notice was due on %(due)s. Give a justification to continue.")
            % {"due": check.announce_due.strftime("%d/%m/%Y")}
        )
    old = dialogue.status
    if dialogue.status == Status.ANNOUNCED and dialogue.kind != DialogueKind.AD_HOC:
        dialogue.status = Status.PLANNED
        step = dialogue.steps.get(code=StepCode.ANNOUNCE)
        step.status, step.done_on, step.done_by = StepStatus.PENDING, None, None
        step.save()
    if justification:
        dialogue.notice_justification = justification
    dialogue.save(update_fields=["date", "status", "notice_justification"])
    sync_schedule(dialogue)
    action = "postpone" if new_date > old_date else "reschedule"
    _record(dialogue, action, old, user, reason or justification, old_date=old_date.isoformat(), new_date=new_date.isoformat())
    return dialogue


TRANSITION_OF_STEP = {StepCode.ANNOUNCE: announce, StepCode.HOLD: hold, StepCode.CONCLUDE: conclude, StepCode.ARCHIVE: archive}


@transaction.atomic
def complete_step(step: ScheduleStep, user: User | None, on: datetime.date | None = None) -> ScheduleStep:
    """Mark a step done (never dated after today). The steps that move the dialogue's state go through their transition."""
    on = _not_future(on, "Ngày thực hiện")
    if step.code in TRANSITION_OF_STEP:
        TRANSITION_OF_STEP[step.code](step.dialogue, user, on)
        step.refresh_from_db()
        return step
    dialogue = _locked(step.dialogue)
    _require_open(dialogue)
    step = ScheduleStep.objects.select_for_update().get(pk=step.pk)
    if step.status != StepStatus.PENDING:
        raise TransitionError(_("This step is not pending."))
    step.status, step.done_on, step.done_by = StepStatus.DONE, on, user
    step.save()
    _record(dialogue, f"step_done:{step.code}", dialogue.status, user, on=on.isoformat())
    return step


@transaction.atomic
def waive_step(step: ScheduleStep, user: User | None, reason: str) -> ScheduleStep:
    """Waive a pending step with its reason (the conference and its notice cannot be waived by hand)."""
    reason = _require_reason(reason, _("waive a step"))
    dialogue = _locked(step.dialogue)
    _require_open(dialogue)
    step = ScheduleStep.objects.select_for_update().get(pk=step.pk)
    if step.status != StepStatus.PENDING:
        raise TransitionError(_("This step is not pending."))
    if step.code in TRANSITION_OF_STEP:
        raise TransitionError(_("This step changes the dialogue's state and cannot be waived."))
    step.status, step.waived_reason, step.done_by, step.due = StepStatus.WAIVED, reason, user, None
    step.save()
    _record(dialogue, f"step_waived:{step.code}", dialogue.status, user, reason)
    return step
