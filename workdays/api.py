"""Public working-day endpoints: /api/v1/workdays/after and /api/v1/workdays/before."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from .calendar import MAX_DAYS, WorkCalendar

router = Router(tags=["Ngày làm việc"])


class SkippedOut(Schema):
    date: datetime.date
    reason: str


class CountOut(Schema):
    date: datetime.date
    skipped: list[SkippedOut]


class ErrorOut(Schema):
    message: str


def _parse(date: str, days: str) -> tuple[datetime.date, int]:
    try:
        event = datetime.date.fromisoformat(date)
    except ValueError:
        raise HttpError(400, f"Ngày '{date}' không hợp lệ; hãy dùng dạng YYYY-MM-DD, ví dụ 2026-01-05.") from None
    if not days.strip().isdigit() or not 1 <= int(days) <= MAX_DAYS:
        raise HttpError(400, f"Số ngày '{days}' không hợp lệ; hãy nhập số nguyên từ 1 đến {MAX_DAYS}.")
    return event, int(days)


def _count(direction: str, date: str, days: str) -> dict:
    event, count = _parse(date, days)
    calendar = WorkCalendar()
    try:
        result = calendar.after(event, count) if direction == "after" else calendar.before(event, count)
    except OverflowError:
        raise HttpError(400, "Kết quả vượt ra ngoài khoảng ngày tính được.") from None
    return result.as_dict()


@router.get("/after", response={200: CountOut, 400: ErrorOut}, auth=None, summary="Ngày làm việc thứ N sau một ngày")
def after(request: HttpRequest, date: str, days: str):
    """The N-th working day after `date`; `date` itself is not counted (Bộ luật Dân sự 2015 Điều 147)."""
    return _count("after", date, days)


@router.get("/before", response={200: CountOut, 400: ErrorOut}, auth=None, summary="Ngày làm việc muộn nhất trước một ngày")
def before(request: HttpRequest, date: str, days: str):
    """The latest working day with at least N working days strictly between it and `date`."""
    return _count("before", date, days)
