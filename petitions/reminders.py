"""Daily answer reminders for the assigned agencies: due in N working days (NOTIFY_REMINDER_DAYS) and overdue.

Runs on working days only. A matter due in (N-1, N] working days from today is reminded today, so a
deadline falling just after a holiday is reminded on the right working day; keys carry the due date, so
each reminder is written once per deadline (a new deadline after more time gets its own reminders).
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from notifications.outbox import notify
from notifications.reminders import register, reminder_days, window
from workdays.calendar import WorkCalendar

from . import digests  # noqa: F401  (registers the advising office's digest and the host's briefing)
from .alerts import agency_people
from .enums import CaseStatus
from .models import Case


def _remind(case: Case, kind: str, key: str, **context) -> int:
    written = 0
    for person in agency_people(case.agency):
        written += len(
            notify(
                person,
                kind,
                subject_object=case,
                context={"case": case, "agency": case.agency, "due": case.due, "rule": case.due_rule, **context},
                legally_required=True,
                dedupe_key=key,
                link=reverse("petitions:case", args=[case.pk]),
            )
        )
    return written


@register("petitions.answers")
def answer_reminders(day: datetime.date) -> int:
    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    open_cases = Case.objects.filter(agency__isnull=False, due__isnull=False).exclude(status=CaseStatus.CLOSED)
    written = 0
    for days in reminder_days():
        earliest, latest = window(calendar, day, days)
        for case in open_cases.filter(due__gt=earliest, due__lte=latest).select_related("agency"):
            key = f"answer_due:{days}:{case.pk}:{case.due}"
            written += _remind(case, "answer_due", key, days=days)
    for case in open_cases.filter(due__lt=day).select_related("agency"):
        written += _remind(case, "answer_overdue", f"answer_overdue:{case.pk}:{case.due}")
    return written
