"""The answer deadline of an assignment: before the conference, the profile's deadline for answers being
ready; after it, the `answer` step of the dialogue's schedule (counted from the conclusion notice)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dialogues.enums import HELD_STATUSES, StepCode
from dialogues.models import Dialogue
from workdays.calendar import WorkCalendar


@dataclass
class AnswerDeadline:
    due: datetime.date | None
    rule: str


def answer_deadline(dialogue: Dialogue | None) -> AnswerDeadline:
    if dialogue is None:
        return AnswerDeadline(None, _("No dialogue: set the deadline by hand."))
    if dialogue.status in HELD_STATUSES:
        return after_conference_deadline(dialogue)
    rule = dialogue.profile.deadline("answers_ready")
    if rule is not None:
        return AnswerDeadline(rule.compute(dialogue.date).date, f"{rule.describe()} ({rule.citation})")
    return AnswerDeadline(
        _working_day_before(dialogue.date),
        _("Answers must be ready before the conference (the regulation sets no earlier date)."),
    )


def after_conference_deadline(dialogue: Dialogue) -> AnswerDeadline:
    """The dialogue's `answer` step: counted from the conclusion notice (or its due date until issued)."""
    step = dialogue.steps.filter(code=StepCode.ANSWER).first()
    if step is not None and step.due:
        return AnswerDeadline(step.due, f"{step.rule} ({step.citation})")
    return AnswerDeadline(None, _("The regulation sets no deadline for the answers."))


def _working_day_before(day: datetime.date) -> datetime.date:
    calendar = WorkCalendar()
    current = day - datetime.timedelta(days=1)
    while not calendar.is_working_day(current):
        current -= datetime.timedelta(days=1)
    return current
