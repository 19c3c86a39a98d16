"""Reporting duties not yet sent, N working days before they are due (003 Điều 15.1): the advising staff of
the unit. Registered in the notifications registry (notifications/reminders.py imports this module).

Reads the reporting calendar (`duties.unit_duties`: a few queries per unit that has advising staff, once a day).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import User

from notifications.outbox import notify
from notifications.reminders import register, window
from organizations.enums import Role
from organizations.models import Membership
from workdays.calendar import WorkCalendar

from .duties import DutyState, unit_duties


def report_days() -> tuple[int, ...]:
    """How many working days before a reporting duty its owners are reminded (NOTIFY_REPORT_DAYS, default 5 and 1)."""
    return tuple(sorted(set(getattr(settings, "NOTIFY_REPORT_DAYS", (5, 1))), reverse=True))


@register("reports.duties")
def report_duties(day: datetime.date) -> int:
    """Each reporting duty not yet sent, N working days before it is due: the advising staff of the unit."""
    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    windows = [(days, *window(calendar, day, days)) for days in report_days()]
    staff = Membership.objects.filter(role=Role.ADVISING_STAFF, user__is_active=True).select_related("user", "organization__unit")
    per_unit: dict[int, dict[int, User]] = defaultdict(dict)
    units = {}
    for membership in staff:
        per_unit[membership.organization.unit_id][membership.user_id] = membership.user
        units[membership.organization.unit_id] = membership.organization.unit
    years = sorted({day.year, windows[0][2].year})
    written = 0
    for unit_id, users in per_unit.items():
        unit = units[unit_id]
        for year in years:
            for duty in unit_duties(unit, year, day):
                if duty.due is None or duty.state not in (DutyState.NOT_STARTED, DutyState.DRAFTING):
                    continue
                days = next((n for n, earliest, latest in windows if earliest < duty.due <= latest), None)
                if days is None:
                    continue
                context = {
                    "unit_name": unit.name,
                    "form": duty.form,
                    "period": duty.period.code,
                    "due": duty.due,
                    "days": days,
                    "recipient_body": duty.recipient,
                    "citation": duty.citation,
                }
                for user in users.values():
                    written += len(
                        notify(
                            user, "report_due", context=context, dedupe_key=f"report_due:{days}:{unit_id}:{duty.code}:{duty.due}"
                        )
                    )
    return written
