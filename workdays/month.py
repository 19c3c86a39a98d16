"""A month of the working-day calendar, as weeks of days with their status and reason."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from dataclasses import dataclass

from .calendar import WorkCalendar


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    working: bool
    reason: str | None  # why closed, or why a weekend day is worked
    override: bool
    status: str  # working | off | weekend | worked
    basis: str | None = None  # the decision behind a non-statutory day; "" = not known, to be confirmed


def month_weeks(year: int, month: int, calendar: WorkCalendar) -> list[list[Day]]:
    overrides = calendar.overrides
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            closed = calendar.non_working_reason(day)
            worked = calendar.working_reason(day)
            override = day in overrides.days_off or day in overrides.working_days or day in overrides.removed
            if closed:
                status = "weekend" if day.weekday() >= 5 and not calendar.holiday_name(day) else "off"
            else:
                status = "worked" if worked else "working"
            basis = calendar.basis(day) if status in ("off", "worked") else None
            row.append(Day(day, day.month == month, closed is None, closed or worked, override, status, basis))
        weeks.append(row)
    return weeks
