"""The one "today" of the record, and the one check that no date of record lies in the future.

Today is the server's date in Asia/Ho_Chi_Minh (settings.TIME_ZONE). Tests that need another day
monkeypatch `common.dates.today`; every check below calls it, so screens, API and documents agree.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone


def today() -> datetime.date:
    """The date of record today, in the project's time zone."""
    return timezone.localdate()


def check_not_future(value: datetime.date | None, label: str) -> datetime.date | None:
    """Refuse a completion, issue or "told" date after today, with a Vietnamese message naming the date.

    `label` is what the date is, in Vietnamese ("Ngày tổ chức hội nghị"). Returns the value unchanged.
    """
    if value is None:
        return value
    now = today()
    if value > now:
        raise ValidationError(
            f"{label} ({value:%d/%m/%Y}) không được sau ngày hôm nay ({now:%d/%m/%Y}).", code="future_date"
        )
    return value
