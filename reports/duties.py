"""The reporting calendar: each profile's `reporting` rows as dated duties for a year, and their state for a unit.

"Trước ngày X" is read as the profiles store it (due_day is already X−1, the safe reading) and the due date is
the last working day before X: when X−1 is a Saturday, Sunday or holiday, the duty falls on the working day
before it, and the days passed over are listed with the calendar's reason (workdays.calendar.WorkCalendar).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from regulations.enums import Period as RulePeriod
from regulations.layers import chain
from regulations.models import RegulationProfile, ReportingRule, profile_for
from workdays.calendar import SkippedDay, WorkCalendar

from .models import ReportDraft, ReportSubmission
from .periods import Period


class DutyState:
    NOT_STARTED = "not_started"
    DRAFTING = "drafting"
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    LABELS = {
        "not_started": "Chưa bắt đầu",
        "drafting": "Đang soạn",
        "on_time": "Đã gửi đúng hạn",
        "late": "Đã gửi muộn",
        "overdue": "Quá hạn",
    }


@dataclass
class Duty:
    code: str  # "<period>/<form>/<n>": n is the rule's place in the profile's reporting list (stable across loads)
    period: Period
    form: str
    due: datetime.date | None  # None: the seed sets no date
    citation: str
    sender: str
    recipient: str
    quote: str = ""
    note: str = ""
    skipped: list[SkippedDay] = field(default_factory=list)
    inherited_from: str = ""  # the parent profile whose rule this is, when the profile states no reporting of its own
    state: str = ""
    submitted_at: datetime.datetime | None = None

    @property
    def state_label(self) -> str:
        return DutyState.LABELS.get(self.state, "")

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "period": self.period.code,
            "form": self.form,
            "due": self.due.isoformat() if self.due else None,
            "citation": self.citation,
            "from": self.sender,
            "to": self.recipient,
            "skipped": [day.as_dict() for day in self.skipped],
            "inherited_from": self.inherited_from,
        }


def _periods(rule: ReportingRule, year: int) -> list[tuple[Period, int | None]]:
    """The periods a rule covers in a year, each with the month its report is due."""
    if rule.period == RulePeriod.QUARTER:
        return [(Period(year, f"Q{q}"), rule.due_month or 3 * q) for q in range(1, 5)]
    if rule.period == RulePeriod.HALF_YEAR:
        return [(Period(year, "H1"), rule.due_month or 6)]
    return [(Period(year), rule.due_month or 12)]


def due_date(year: int, month: int | None, day: int | None, calendar: WorkCalendar) -> tuple[datetime.date | None, list]:
    """The last working day on or before day/month (the profile's X−1), with the closed days passed over."""
    if day is None or month is None:
        return None, []
    due, skipped = datetime.date(year, month, day), []
    while (reason := calendar.non_working_reason(due)) is not None:
        skipped.append(SkippedDay(due, reason))
        due -= datetime.timedelta(days=1)
    return due, sorted(skipped, key=lambda s: s.date)


def layered_reporting(profile: RegulationProfile) -> tuple[RegulationProfile, list[ReportingRule]]:
    """The reporting rules the profile follows: its own, else those of the nearest parent that states any.

    Reporting rows carry no code to match one by one (as deadlines do), so the reporting section is the layer:
    a plan that states its reporting regime (002 V.2, 001 IV.1.3) carries out its parent's for its unit; a
    procedure that states none (000) works under its parent's (003 Điều 15.1) with the parent's citations.
    """
    for layer in chain(profile):
        rules = list(layer.reporting.order_by("id"))
        if rules:
            return layer, rules
    return profile, []


def profile_duties(profile: RegulationProfile, year: int, calendar: WorkCalendar | None = None) -> list[Duty]:
    """Every duty the profile (or the parent it inherits its reporting from) sets for a year, in due order."""
    calendar = calendar or WorkCalendar()
    duties = []
    source, rules = layered_reporting(profile)
    inherited_from = source.name if source.pk != profile.pk else ""
    for number, rule in enumerate(rules, start=1):
        for period, month in _periods(rule, year):
            due, skipped = due_date(year, month, rule.due_day, calendar)
            duties.append(
                Duty(
                    code=f"{period.code}/{rule.form}/{number}",
                    period=period,
                    form=rule.form,
                    due=due,
                    citation=rule.citation,
                    sender=rule.by,
                    recipient=rule.to,
                    quote=rule.quote,
                    note=rule.note or "",
                    skipped=skipped,
                    inherited_from=inherited_from,
                )
            )
    return sorted(duties, key=lambda d: (d.due is None, d.due or datetime.date.max, d.code))


def unit_duties(unit, year: int, today: datetime.date | None = None) -> list[Duty]:
    """The duties of the profile the unit follows at the end of the year, each with its state for this unit."""
    profile = profile_for(unit, datetime.date(year, 12, 31)) or profile_for(unit, datetime.date(year, 1, 1))
    if profile is None:
        return []
    duties = profile_duties(profile, year)
    attach_states(unit, duties, today)
    return duties


def attach_states(unit, duties: list[Duty], today: datetime.date | None = None) -> None:
    """Set each duty's state from the unit's drafts and first submissions (two queries for all duties)."""
    today = today or timezone.localdate()
    periods = {duty.period.code for duty in duties}
    drafts = set(ReportDraft.objects.filter(unit=unit, period__in=periods).values_list("period", "form"))
    first: dict[tuple[str, str], datetime.datetime] = {}
    for period, form, at in (
        ReportSubmission.objects.filter(unit=unit, period__in=periods)
        .order_by("version")
        .values_list("period", "form", "submitted_at")
    ):
        first.setdefault((period, form), at)
    for duty in duties:
        duty.state, duty.submitted_at = state_of(duty, drafts, first, today)


def state_of(duty: Duty, drafts: set, first: dict, today: datetime.date) -> tuple[str, datetime.datetime | None]:
    key = (duty.period.code, duty.form)
    if key in first:
        submitted = first[key]
        on_time = duty.due is None or timezone.localdate(submitted) <= duty.due
        return (DutyState.ON_TIME if on_time else DutyState.LATE), submitted
    if duty.due is not None and today > duty.due:
        return DutyState.OVERDUE, None
    return (DutyState.DRAFTING if key in drafts else DutyState.NOT_STARTED), None
