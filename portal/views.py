"""The home page: the People's one for visitors; for staff, what their roles are for, in their unit, today."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from organizations.access import memberships, visible_units
from organizations.enums import Role
from organizations.models import heads_on
from regulations.models import profile_for
from workdays.calendar import WorkCalendar

from . import public
from .phrases import ROLE_HOME


def home(request):
    """Visitors get the People's home page; signed-in staff keep theirs."""
    if not request.user.is_authenticated:
        return public.home(request)
    return staff_home(request)


@login_required
def staff_home(request):
    today = timezone.localdate()
    calendar = WorkCalendar()
    panels = []
    for membership in memberships(request.user):
        unit = membership.organization.unit
        panel = {
            "membership": membership,
            "home": ROLE_HOME[membership.role],
            "unit": unit,
            "profile": profile_for(unit, today),
            "heads": list(heads_on(unit, today).filter(organization__kind__code__in=HOST_KINDS)),
        }
        if membership.role == Role.UPPER_VIEWER:
            panel["below"] = [
                {"unit": below, "profile": profile_for(below, today)}
                for below in visible_units(request.user).filter(path__startswith=unit.path).exclude(pk=unit.pk)
            ]
        panels.append(panel)
    upcoming = _upcoming_days_off(calendar, today)
    return render(
        request,
        "portal/home.html",
        {
            "panels": panels,
            "today": today,
            "today_reason": calendar.non_working_reason(today),
            "upcoming": upcoming,
            "is_admin": request.user.is_superuser or any(p["membership"].role == Role.ADMIN for p in panels),
        },
    )


HOST_KINDS = ["party_committee", "peoples_council", "peoples_committee", "fatherland_front"]


def _upcoming_days_off(calendar: WorkCalendar, today: datetime.date, count: int = 3) -> list[dict]:
    """The next closed weekdays (holidays and days off), for planning."""
    found, day = [], today
    while len(found) < count and day < today + datetime.timedelta(days=400):
        day += datetime.timedelta(days=1)
        reason = calendar.non_working_reason(day)
        if reason and day.weekday() < 5:
            found.append({"date": day, "reason": reason})
    return found
