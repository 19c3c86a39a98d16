"""The staff calendar page: a month with holidays, swapped days and official overrides."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .calendar import WorkCalendar
from .month import month_weeks


def _month_from(request) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
        month = int(request.GET.get("thang", today.month))
        datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return today.year, today.month
    if not 1900 <= year <= 2200:
        return today.year, today.month
    return year, month


@login_required
def month(request):
    year, month_number = _month_from(request)
    calendar = WorkCalendar()
    first = datetime.date(year, month_number, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    weeks = month_weeks(year, month_number, calendar)
    context = {
        "weeks": weeks,
        "first": first,
        "previous": previous,
        "following": following,
        "today": timezone.localdate(),
        "working_count": sum(1 for week in weeks for day in week if day.in_month and day.working),
        "special": [day for week in weeks for day in week if day.in_month and day.reason and day.status != "weekend"],
    }
    template = "workdays/_month.html" if request.headers.get("HX-Request") else "workdays/month.html"
    return render(request, template, context)
