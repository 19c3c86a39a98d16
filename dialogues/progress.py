"""The steps whose work is recorded elsewhere (collect, classify, answer) are done by that work itself.

Staff used to tick these by hand even when every matter was assigned or answered. Here, once the
opinions and matters show the work done, the step is marked done on the day the work was done
(never after today, never before it happened) with a "step_done" event, as complete_step writes:

- collect (thu thập ý kiến): the opinions are collected *before* the conference and their answers are
  presented at it (002 IV.1 "thu thập ý kiến ... trước hội nghị", IV.2.1(4); 000 Bước 2-3(3)); so the
  conference closes collection. At `hold` the step is done, dated the last day an opinion for the
  dialogue (not one spoken in the hall) was received up to the conference day: the day collection
  really ended, shown late if that is after the 7-working-day deadline (002 IV.1).
- classify (tổng hợp, phân loại, phân công): every matter collected before the conference classified
  and given to an agency (Mẫu 5; 002 IV.1; 000 Bước 2), and collection closed (by hand or by the
  conference) so that one early assignment does not close it while opinions still come in; dated the
  last assignment. Matters raised in the hall are the conference's, assigned by its outcomes.
- answer (trả lời bằng văn bản): the conclusion notice issued (it says who answers what, 003 Điều
  10.1) and every matter of the dialogue answered and closed by its agency head (003 Điều 10.2; 002
  IV.3.2), the same test as the archive check; dated the last approval. Telling each petitioner is
  recorded per opinion (told_on) and cannot gate the step: anonymous opinions have nobody to tell.

A dialogue with no opinion at all leaves these steps to staff (done or waived with a reason): no
work shows them done. A step done or waived by hand is never touched, and a done step is never
reopened: a matter added later (a follow-up, a late letter) leaves the step done and shows instead
in the archive checklist ("Ý kiến chưa trả lời xong ... chưa giao") until it is answered.

The counts come from the petitions app, which registers its source at start-up (this app knows no
petition); two aggregate queries whatever the number of matters.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from common import dates

from .enums import OPEN_STATUSES, Status, StepCode, StepStatus
from .models import Dialogue, DialogueEvent, ScheduleStep

WORK_STEPS = (StepCode.COLLECT, StepCode.CLASSIFY, StepCode.ANSWER)


@dataclass(frozen=True)
class Work:
    """What a dialogue's opinions and matters say about its steps."""

    last_collected: datetime.date | None = None  # last opinion received up to the conference, hall aside
    matters: int = 0  # matters with an opinion collected before the conference
    unassigned: int = 0  # of those, not yet classified and given to an agency
    last_assigned: datetime.date | None = None
    all_matters: int = 0
    unanswered: int = 0  # matters of the dialogue not closed
    last_answered: datetime.date | None = None


WorkSource = Callable[[Dialogue, datetime.date | None], Work]
WORK_SOURCES: list[WorkSource] = []


def register_work_source(source: WorkSource) -> WorkSource:
    """The petitions app gives the counts (source(dialogue, held_on) -> Work); registered once."""
    if source not in WORK_SOURCES:
        WORK_SOURCES.append(source)
    return source


def _due(
    work: Work, code: str, held_on: datetime.date | None, status: str, collect_closed: bool
) -> tuple[datetime.date, str] | None:
    """The day the step's work was done and why, or None while it is not done."""
    if code == StepCode.COLLECT and held_on and work.last_collected:
        return work.last_collected, "Hội nghị đã diễn ra: kết thúc thu thập ý kiến trước hội nghị (ngày nhận ý kiến cuối cùng)."
    if code == StepCode.CLASSIFY and collect_closed and work.matters and not work.unassigned and work.last_assigned:
        return work.last_assigned, f"Cả {work.matters} vụ việc đã được phân loại và giao cơ quan trả lời (ngày giao cuối cùng)."
    if code == StepCode.ANSWER and status == Status.CONCLUDED and work.all_matters and not work.unanswered and work.last_answered:
        return work.last_answered, f"Cả {work.all_matters} vụ việc đã có văn bản trả lời được duyệt (ngày duyệt cuối cùng)."
    return None


@transaction.atomic
def refresh_work_steps(dialogue: Dialogue, user: User | None, on: datetime.date | None = None) -> list[ScheduleStep]:
    """Mark done the pending collect, classify and answer steps whose work is done; returns those marked.

    `on` is the day of the action that calls this (the conference for `hold`); no step is dated after it
    nor after today. Idempotent. Side effects: the steps (and their history), a "step_done:<code>"
    event each, with the reason and `auto` in its detail. Runs inside the caller's transaction; the steps
    are locked, so two agencies closing the last two matters at once still close the step.
    """
    if not WORK_SOURCES:
        return []
    status = Dialogue.objects.values_list("status", flat=True).get(pk=dialogue.pk)
    if status not in OPEN_STATUSES:
        return []
    codes = [*WORK_STEPS, StepCode.HOLD]
    steps = {step.code: step for step in ScheduleStep.objects.select_for_update().filter(dialogue_id=dialogue.pk, code__in=codes)}
    if not any(step.status == StepStatus.PENDING for code, step in steps.items() if code in WORK_STEPS):
        return []
    hold = steps.get(StepCode.HOLD)
    held_on = hold.done_on if hold is not None and hold.status == StepStatus.DONE else None
    work = WORK_SOURCES[0](dialogue, held_on)
    latest = min(on or dates.today(), dates.today())
    marked = []
    for code in WORK_STEPS:
        step = steps.get(code)
        collect = steps.get(StepCode.COLLECT)
        collect_closed = collect is None or collect.status != StepStatus.PENDING
        if step is None or step.status != StepStatus.PENDING:
            continue
        found = _due(work, code, held_on, status, collect_closed)
        if found is None:
            continue
        done_on, why = min(found[0], latest), found[1]
        step.status, step.done_on, step.done_by = StepStatus.DONE, done_on, user
        step.save()
        DialogueEvent.objects.create(
            dialogue_id=dialogue.pk,
            action=f"step_done:{code}",
            old_status=status,
            new_status=status,
            reason=why,
            by=user,
            detail={"on": done_on.isoformat(), "auto": True},
        )
        marked.append(step)
    return marked
