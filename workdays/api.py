"""Public working-day endpoints: /api/v1/workdays/after and /api/v1/workdays/before."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from common.api_types import Text

from .calendar import WorkCalendar
from .inputs import BadInput, parse_count_request

router = Router(tags=["Ngày làm việc"])


class SkippedOut(Schema):
    date: datetime.date
    reason: str


class CountOut(Schema):
    date: datetime.date
    skipped: list[SkippedOut]


class ErrorOut(Schema):
    message: str


def _count(direction: str, date: str, days: str) -> dict:
    try:
        event, count = parse_count_request(date, days)
    except BadInput as error:
        raise HttpError(400, str(error)) from None
    calendar = WorkCalendar()
    result = calendar.after(event, count) if direction == "after" else calendar.before(event, count)
    return result.as_dict()


@router.get("/after", response={200: CountOut, 400: ErrorOut}, auth=None, summary="Ngày làm việc thứ N sau một ngày")
def after(request: HttpRequest, date: Text(40), days: Text(10)):
    """The N-th working day after `date`; `date` itself is not counted (Bộ luật Dân sự 2015 Điều 147)."""
    return _count("after", date, days)


@router.get("/before", response={200: CountOut, 400: ErrorOut}, auth=None, summary="Ngày làm việc muộn nhất trước một ngày")
def before(request: HttpRequest, date: Text(40), days: Text(10)):
    """The latest working day with at least N working days strictly between it and `date`."""
    return _count("before", date, days)
