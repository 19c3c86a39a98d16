"""Scheduled reminders without knowing the domain: apps register a source in `<app>/reminders.py`.

A source is `source(day: date) -> int` that calls `outbox.notify(..., dedupe_key=...)` for what is due on
`day` and returns how many rows it wrote; keys make a second run on the same day write nothing.
This module knows no domain: the sources that read dialogues, matters or reports live in those apps
(dialogues/reminders.py, petitions/digests.py, supervision/reminders.py, reports/reminders.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.utils.module_loading import autodiscover_modules

from workdays.calendar import WorkCalendar

Source = Callable[[datetime.date], int]
SOURCES: dict[str, Source] = {}
LISTED = 30  # items named in one digest; the rest are counted


def register(name: str) -> Callable[[Source], Source]:
    def decorate(source: Source) -> Source:
        SOURCES[name] = source
        return source

    return decorate


def reminder_days() -> tuple[int, ...]:
    """How many working days before a deadline the reminders go (NOTIFY_REMINDER_DAYS, default 3 and 1)."""
    return tuple(sorted(set(getattr(settings, "NOTIFY_REMINDER_DAYS", (3, 1))), reverse=True))


def window(calendar: WorkCalendar, day: datetime.date, days: int) -> tuple[datetime.date, datetime.date]:
    """Deadlines falling in (earliest, latest] are `days` working days away from `day` (after a holiday included)."""
    earliest = calendar.after(day, days - 1).date if days > 1 else day
    return earliest, calendar.after(day, days).date


def first_working_day_of_week(calendar: WorkCalendar, day: datetime.date) -> bool:
    """`day` is a working day and no earlier day of its week (from Monday) is: the day a weekly digest goes."""
    monday = day - datetime.timedelta(days=day.weekday())
    return calendar.is_working_day(day) and all(
        not calendar.is_working_day(monday + datetime.timedelta(days=n)) for n in range(day.weekday())
    )


def run_all(day: datetime.date) -> dict[str, int]:
    """Run every registered source for `day`: `<app>/reminders.py` of each app, and this app's consent retention."""
    autodiscover_modules("reminders")
    import_module("notifications.consent")  # consent_retention
    return {name: source(day) for name, source in sorted(SOURCES.items())}
