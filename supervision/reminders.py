"""The Front's and the boards' weekly digest of late answers in their unit, on the first working day of each
week (003 Điều 14.3). Registered in the notifications registry (notifications/reminders.py imports this module);
one query per unit with late answers, never per matter.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.db.models import Count

from notifications.outbox import notify
from notifications.reminders import LISTED, first_working_day_of_week, register
from organizations.enums import Role
from organizations.models import Membership
from petitions.models import Case
from workdays.calendar import WorkCalendar


@register("supervision.digest")
def supervision_digest(day: datetime.date) -> int:
    """The Front's and the boards' weekly digest of late answers in their unit (first working day of the week)."""
    calendar = WorkCalendar()
    if not first_working_day_of_week(calendar, day):
        return 0
    year, week, _weekday = day.isocalendar()
    supervisors = Membership.objects.filter(role=Role.FRONT_SUPERVISOR, user__is_active=True).select_related(
        "user", "organization__unit"
    )
    per_unit: dict[int, dict[int, User]] = defaultdict(dict)
    names: dict[int, str] = {}
    for membership in supervisors:
        per_unit[membership.organization.unit_id][membership.user_id] = membership.user
        names[membership.organization.unit_id] = membership.organization.unit.name
    late = Case.objects.overdue(day).filter(unit_id__in=per_unit, agency__isnull=False)
    counts = dict(late.values_list("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n"))
    written = 0
    for unit_id, count in counts.items():
        listed = late.filter(unit_id=unit_id).select_related("agency").order_by("due", "pk")[:LISTED]
        answers = [
            {"title": case.summary[:150], "agency": case.agency.name, "due": case.due, "late": (day - case.due).days}
            for case in listed
        ]
        context = {
            "week": f"{week:02d}/{year}",
            "count": count,
            "unit_name": names[unit_id],
            "answers": answers,
            "more": max(0, count - LISTED),
        }
        for user in per_unit[unit_id].values():
            written += len(
                notify(user, "supervision_digest", context=context, dedupe_key=f"supervision_digest:{unit_id}:{year}-{week}")
            )
    return written
