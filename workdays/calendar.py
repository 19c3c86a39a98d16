"""Working days for the offices that use Đối thoại.

A working day is Monday to Friday (QĐ 188/1999/QĐ-TTg), not a public holiday (Bộ luật Lao động
2019 Điều 112, from the `holidays` package's Vietnam calendar with its swapped Saturdays), with
the official decisions of the CalendarOverride table on top.

Counting follows Bộ luật Dân sự 2015 Điều 147: the day of the event is not counted.
- after(E, N): the N-th working day after E.
- before(E, N): the latest working day D with at least N working days strictly between D and E
  (the safe reading: the full N days of notice are guaranteed).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.utils.translation import gettext as _

UNKNOWN_BASIS = "basis not known — administrator to confirm"
# Public holidays of Bộ luật Lao động 2019 Điều 112 (with the day off in lieu, Điều 112.3), as the
# `holidays` package names them; any other day it applies needs a decision shown on the calendar.
STATUTORY_NAMES = ("Tết", "Giỗ Tổ", "Chiến thắng", "Quốc tế Lao động", "Quốc khánh")
MAX_DAYS = 1000  # no rule counts further; guards against runaway loops and date overflow
WEEKDAY_NAMES = {5: "Thứ Bảy", 6: "Chủ nhật"}


@dataclass(frozen=True)
class SkippedDay:
    date: datetime.date
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class CountResult:
    """A computed date and the non-working days the count passed over, with why."""

    date: datetime.date
    skipped: list[SkippedDay] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"date": self.date.isoformat(), "skipped": [day.as_dict() for day in self.skipped]}


@lru_cache(maxsize=64)
def _package_year(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language="vi")


@dataclass
class Overrides:
    """The override table, read once per calendar."""

    days_off: dict[datetime.date, str]
    working_days: dict[datetime.date, str]
    removed: dict[datetime.date, str]
    bases: dict[datetime.date, str] = field(default_factory=dict)  # the decision each override comes from ("" unknown)

    @classmethod
    def from_database(cls) -> Overrides:
        from .models import CalendarOverride, OverrideKind

        found: dict[str, dict[datetime.date, str]] = {kind: {} for kind in OverrideKind.values}
        bases: dict[datetime.date, str] = {}
        for override in CalendarOverride.objects.all():
            basis = override.legal_basis.strip()
            found[override.kind][override.date] = f"{override.name} ({basis or _(UNKNOWN_BASIS)})"
            bases[override.date] = basis
        return cls(found["day_off"], found["working_day"], found["remove_holiday"], bases)

    @classmethod
    def empty(cls) -> Overrides:
        return cls({}, {}, {})


class WorkCalendar:
    """Answers "is this a working day, and if not, why" for any date."""

    def __init__(self, overrides: Overrides | None = None) -> None:
        self.overrides = overrides if overrides is not None else Overrides.from_database()

    def holiday_name(self, day: datetime.date) -> str | None:
        """The package's holiday name, unless an override removed it."""
        if day in self.overrides.removed:
            return None
        return _package_year(day.year).get(day)

    def basis(self, day: datetime.date) -> str | None:
        """The decision behind a non-statutory day off or worked weekend day ("" when not known).

        None for a statutory holiday (Bộ luật Lao động 2019 Điều 112) or an ordinary day.
        """
        if day in self.overrides.bases:
            return self.overrides.bases[day]
        name = self.holiday_name(day)
        if name and not any(part in name for part in STATUTORY_NAMES):
            return ""
        if day.weekday() >= 5 and self.is_swapped_saturday(day):
            return ""
        return None

    def is_swapped_saturday(self, day: datetime.date) -> bool:
        return day in _package_year(day.year).weekend_workdays

    def non_working_reason(self, day: datetime.date) -> str | None:
        """None for a working day; otherwise why the office is closed."""
        if day in self.overrides.working_days:
            return None
        if day in self.overrides.days_off:
            return self.overrides.days_off[day]
        name = self.holiday_name(day)
        if name:
            return name
        if day.weekday() >= 5 and not self.is_swapped_saturday(day):
            return _(WEEKDAY_NAMES[day.weekday()])
        return None

    def working_reason(self, day: datetime.date) -> str | None:
        """Why a weekend day is worked (an override or the package's swap), else None."""
        if day in self.overrides.working_days:
            return self.overrides.working_days[day]
        if self.is_swapped_saturday(day) and day.weekday() >= 5:
            return _("Working day in exchange for a day off")
        return None

    def is_working_day(self, day: datetime.date) -> bool:
        return self.non_working_reason(day) is None

    def after(self, event: datetime.date, days: int) -> CountResult:
        """The `days`-th working day after `event` (event not counted)."""
        _check_days(days)
        skipped: list[SkippedDay] = []
        day, counted = event, 0
        while counted < days:
            day += datetime.timedelta(days=1)
            reason = self.non_working_reason(day)
            if reason is None:
                counted += 1
            else:
                skipped.append(SkippedDay(day, reason))
        return CountResult(day, skipped)

    def before(self, event: datetime.date, days: int) -> CountResult:
        """The latest working day with at least `days` working days strictly between it and `event`."""
        _check_days(days)
        skipped: list[SkippedDay] = []
        day, counted = event, 0
        while True:
            day -= datetime.timedelta(days=1)
            reason = self.non_working_reason(day)
            if reason is not None:
                skipped.append(SkippedDay(day, reason))
            elif counted == days:
                return CountResult(day, sorted(skipped, key=lambda s: s.date))
            else:
                counted += 1

    def after_calendar_days(self, event: datetime.date, days: int) -> CountResult:
        """N calendar days after the event; a deadline on a closed day moves to the next working day (BLDS Điều 148)."""
        _check_days(days)
        day = event + datetime.timedelta(days=days)
        skipped: list[SkippedDay] = []
        while (reason := self.non_working_reason(day)) is not None:
            skipped.append(SkippedDay(day, reason))
            day += datetime.timedelta(days=1)
        return CountResult(day, skipped)

    def before_calendar_days(self, event: datetime.date, days: int) -> CountResult:
        """The latest working day with at least N calendar days strictly between it and the event."""
        _check_days(days)
        day = event - datetime.timedelta(days=days + 1)
        skipped: list[SkippedDay] = []
        while (reason := self.non_working_reason(day)) is not None:
            skipped.append(SkippedDay(day, reason))
            day -= datetime.timedelta(days=1)
        return CountResult(day, sorted(skipped, key=lambda s: s.date))


def _check_days(days: int) -> None:
    if not isinstance(days, int) or isinstance(days, bool) or days < 1 or days > MAX_DAYS:
        raise ValueError(_("The number of days must be a whole number from 1 to %(max)s.") % {"max": MAX_DAYS})


def after(event: datetime.date, days: int) -> CountResult:
    """The N-th working day after E, with the official overrides of the database."""
    return WorkCalendar().after(event, days)


def before(event: datetime.date, days: int) -> CountResult:
    """The latest working day with at least N working days strictly between it and E."""
    return WorkCalendar().before(event, days)
