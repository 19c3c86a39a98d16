"""Checked field types for API schemas: the model's limits, in the OpenAPI schema and enforced.

Every text field has a maximum length and refuses NUL bytes (PostgreSQL cannot store them, so
without this check they would be a 500); ids and counts stay within the database's integer range;
dates stay within the years the working-day calendar knows; times carry no time zone (the model
stores wall-clock times). A failed check is a 400 with a Vietnamese message (see api/errors.py).
It lives in `common` so the domain apps' API modules can use it without importing the api app.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema

FIRST_YEAR, LAST_YEAR = 1990, 2100  # the working-day calendar's years (workdays.inputs; a test keeps them equal)
MAX_ID = 2**63 - 1  # BigAutoField
MAX_COUNT = 2_147_483_647  # PositiveIntegerField on every database
NO_NUL = "^[^\\x00]*$"  # said in the schema; enforced by no_nul for a clear message

# Lengths of free text that the model stores in a TextField (no database limit): generous but finite.
LONG_TEXT = 20_000
REASON_TEXT = 5_000


def no_nul(value: str) -> str:
    """Refuse the NUL character: no database column should hold it, and PostgreSQL cannot."""
    if "\x00" in value:
        raise ValueError("không được chứa ký tự NUL (\\x00)")
    return value


def Text(max_length: int, min_length: int = 0) -> type[str]:  # noqa: N802 - reads as a type in schemas
    """A string of at most `max_length` characters without NUL bytes."""
    return Annotated[  # type: ignore[return-value]
        str,
        StringConstraints(max_length=max_length, min_length=min_length),
        AfterValidator(no_nul),
        Field(json_schema_extra={"pattern": NO_NUL}),
    ]


def _in_calendar(value: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"chỉ nhận ngày trong các năm {FIRST_YEAR}-{LAST_YEAR}")
    return value


def _naive(value: datetime.time) -> datetime.time:
    if value.tzinfo is not None:
        raise ValueError("giờ không kèm múi giờ (giờ Việt Nam), ví dụ 07:30")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Date = Annotated[datetime.date, AfterValidator(_in_calendar)]
# A wall-clock time as HH:MM or HH:MM:SS. The schema says so with a pattern: JSON Schema's "time"
# format demands a UTC offset, which these times do not have.
TIME_SCHEMA = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?$", "example": "07:30"}
Time = Annotated[datetime.time, AfterValidator(_naive), WithJsonSchema(TIME_SCHEMA)]
WallTime = Annotated[datetime.time, WithJsonSchema(TIME_SCHEMA)]  # for output

# Codes of rows the API refers to, with their model's lengths.
UnitCode = Text(16)
OrganizationCode = Text(80)
FieldCode = Text(80)
TrackingCode = Text(20)
Choice = Text(30)  # a value of a TextChoices; the endpoint checks it against the allowed values


def _web_address(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValueError("phải là địa chỉ web bắt đầu bằng http:// hoặc https://") from None
    return value


WebAddress = Annotated[Text(200), AfterValidator(_web_address)]  # empty, or an http(s) address (no javascript: links)
