"""The one way the system writes XLSX and CSV: every text cell is neutralised against formula injection.

A cell that begins with "=", "+", "-", "@", a tab or a carriage return is read by Excel or
LibreOffice as a formula (CSV/XLSX injection: `=HYPERLINK(...)`, `=cmd|...`). Such text gets a
leading apostrophe, which spreadsheets show as plain text. Numbers, dates and booleans are
written as they are (a negative number is a number, not a formula).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence

from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value to write: text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones; show local time
    return neutralise(value)


def safe_row(values: Iterable) -> list:
    return [_cell(value) for value in values]


def xlsx_bytes(sheets: Sequence[tuple[str, Iterable[Iterable]]]) -> bytes:
    """An XLSX with one worksheet per (title, rows); titles are cut to Excel's 31 characters."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(safe_row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Iterable], *, delimiter: str = ",") -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
