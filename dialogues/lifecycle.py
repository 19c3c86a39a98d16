"""Every change of a dialogue's state goes through one guarded function here, which writes its event.

Side effects of each function are listed in its docstring. Each runs in a transaction on a locked
row and raises TransitionError (a Vietnamese message for the user) without changing anything
when it is not allowed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import Appointment, Organization
from regulations.models import profile_for

from .enums import HELD_STATUSES, DialogueKind, Status, StepCode, StepStatus
from .hosts import advising_office_for
from .models import Dialogue, DialogueEvent, DialogueHost, ScheduleStep
from .schedule import plan_schedule


class TransitionError(Exception):
    """A refused change; the message is shown to the user as it is."""


@dataclass
class NoticeCheck:
    """Whether the notice can still be sent in time for a conference on this date."""

    announce_due: datetime.date | None
    met: bool


def notice_check(profile, kind: str, conference_date: datetime.date, today: datetime.date | None = None) -> NoticeCheck:
    """Can the notice still go out in time for a conference on this date? Ad hoc dialogues need none."""
    if kind == DialogueKind.AD_HOC:
        return NoticeCheck(None, True)
    today = today or timezone.localdate()
    due = next((s.due for s in plan_schedule(profile, kind, conference_date) if s.code == StepCode.ANNOUNCE), None)
    return NoticeCheck(due, due is None or due >= today)


def _owner_for(dialogue: Dialogue, code: str) -> Organization | None:
    if code == StepCode.HOLD:
        first_host = dialogue.hosts.select_related("organization").first()
        if first_host:
            return first_host.organization
    return dialogue.advising_office


def sync_schedule(dialogue: Dialogue) -> list[ScheduleStep]:
    """Create or recompute the steps from the profile; done and waived-by-hand steps keep their state.

    Side effects: writes ScheduleStep rows (their history keeps the old due dates).
    """
    existing = {step.code: step for step in dialogue.steps.all()}
    steps = []
    for planned in plan_schedule(dialogue.profile, dialogue.kind, dialogue.date, dialogue.conclusion_issued_on):
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
    return steps


@dataclass
class HostChoice:
    """A host: the head's appointment, or a deputy's appointment on the head's behalf with the reason."""

    appointment: Appointment
    on_behalf_of: Appointment | None = None
    reason: str = ""


@transaction.atomic
def create_dialogue(
    user: User | None,
    *,
    hosts: list[HostChoice],
    advising_office: Organization | None = None,
    advising_override_reason: str = "",
    **fields,
) -> Dialogue:
    """Create a dialogue with its hosts, advising office and schedule.

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
    check = notice_check(profile, kind, date)
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
    sync_schedule(dialogue)
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


@transaction.atomic
def announce(dialogue: Dialogue, user: User | None, on: datetime.date | None = None) -> Dialogue:
    """Planned → announced. Marks the `announce` step done on that day (late if after its due date)."""
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status != Status.PLANNED:
        raise TransitionError(_("Only a planned dialogue can be announced."))
    on = on or timezone.localdate()
    if on > dialogue.date:
        raise TransitionError(_("The notice cannot be dated after the conference."))
    old, dialogue.status = dialogue.status, Status.ANNOUNCED
    dialogue.save(update_fields=["status"])
    _finish_step(dialogue, StepCode.ANNOUNCE, user, on)
    _record(dialogue, "announce", old, user, on=on.isoformat())
    return dialogue


@transaction.atomic
def hold(dialogue: Dialogue, user: User | None, on: datetime.date | None = None) -> Dialogue:
    """Announced (or planned, for ad hoc) → held. Marks the `hold` step done."""
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    allowed = {Status.ANNOUNCED} | ({Status.PLANNED} if dialogue.kind == DialogueKind.AD_HOC else set())
    if dialogue.status not in allowed:
        if dialogue.status == Status.PLANNED:
            raise TransitionError(_("The dialogue must be announced before it is held (only ad hoc dialogues skip the notice)."))
        raise TransitionError(_("This dialogue has already been held."))
    on = on or timezone.localdate()
    old, dialogue.status = dialogue.status, Status.HELD
    dialogue.save(update_fields=["status"])
    _finish_step(dialogue, StepCode.HOLD, user, on)
    _record(dialogue, "hold", old, user, on=on.isoformat())
    return dialogue


@transaction.atomic
def conclude(
    dialogue: Dialogue, user: User | None, issued_on: datetime.date | None = None, extension_reason: str = ""
) -> Dialogue:
    """Held → concluded: the conclusion notice is issued.

    Beyond the 10-day deadline the extended maximum needs a recorded reason (003 Điều 10.1); issuing
    later still is possible but stays marked late. The `answer` step is recomputed from the issue date.
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status != Status.HELD:
        raise TransitionError(_("The conclusion notice can only follow a conference that has been held."))
    issued_on = issued_on or timezone.localdate()
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
    return dialogue


@transaction.atomic
def archive(dialogue: Dialogue, user: User | None, on: datetime.date | None = None) -> Dialogue:
    """Concluded → archived: the dossier is complete. Marks the `archive` step done."""
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.status != Status.CONCLUDED:
        raise TransitionError(_("Only a concluded dialogue can be archived."))
    on = on or timezone.localdate()
    old, dialogue.status = dialogue.status, Status.ARCHIVED
    dialogue.save(update_fields=["status"])
    _finish_step(dialogue, StepCode.ARCHIVE, user, on)
    _record(dialogue, "archive", old, user, on=on.isoformat())
    return dialogue


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
    check = notice_check(dialogue.profile, dialogue.kind, new_date)
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
    """Mark a step done. The steps that move the dialogue's state go through their transition."""
    on = on or timezone.localdate()
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
