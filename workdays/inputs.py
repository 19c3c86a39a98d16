"""Checking what a user typed (command line, API) before counting; messages are for the user."""

import datetime

from .calendar import MAX_DAYS

FIRST_YEAR, LAST_YEAR = 1990, 2100  # the lunar holidays are reliable within these years


class BadInput(ValueError):
    """The message is shown to the user as it is."""


def parse_count_request(date_text: str, days_text: str) -> tuple[datetime.date, int]:
    try:
        event = datetime.date.fromisoformat(date_text.strip())
    except (ValueError, AttributeError):
        raise BadInput(f"Ngày '{date_text}' không hợp lệ; hãy nhập theo dạng YYYY-MM-DD, ví dụ 2026-01-05.") from None
    if not FIRST_YEAR <= event.year <= LAST_YEAR:
        raise BadInput(f"Chỉ tính được ngày trong các năm {FIRST_YEAR}-{LAST_YEAR}; ngày '{date_text}' nằm ngoài khoảng đó.")
    text = (days_text or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise BadInput(f"Số ngày '{days_text}' không hợp lệ; hãy nhập số nguyên từ 1 đến {MAX_DAYS}.")
    return event, int(text)
