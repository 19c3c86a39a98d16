"""Reporting periods written as codes: 2026-Q1..Q4 (quarter), 2026-H1 (6 months), 2026-9M (9 months), 2026 (year)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>Q[1-4]|H1|9M))?$")
MIN_YEAR, MAX_YEAR = 2000, 2100


class BadPeriod(ValueError):
    """A period code that cannot be read; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    year: int
    part: str = ""  # "" (year), "Q1".."Q4", "H1", "9M"

    @property
    def code(self) -> str:
        return f"{self.year}-{self.part}" if self.part else str(self.year)

    @property
    def start(self) -> datetime.date:
        if self.part.startswith("Q"):
            return datetime.date(self.year, 3 * int(self.part[1]) - 2, 1)
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        last_month = {"": 12, "H1": 6, "9M": 9}.get(self.part) or 3 * int(self.part[1])
        next_month = datetime.date(self.year + last_month // 12, last_month % 12 + 1, 1)
        return next_month - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.part.startswith("Q"):
            return f"Quý {self.part[1]}/{self.year}"
        return {"H1": f"6 tháng đầu năm {self.year}", "9M": f"9 tháng năm {self.year}"}.get(self.part, f"Năm {self.year}")


def parse_period(text: str) -> Period:
    """The period of a code such as 2026-Q1; a malformed code raises BadPeriod."""
    match = PATTERN.match((text or "").strip().upper())
    if not match:
        raise BadPeriod(
            f"Kỳ báo cáo '{text}' không hợp lệ: dùng dạng 2026-Q1 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng) hoặc 2026 (năm)."
        )
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadPeriod(f"Năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")
    return Period(year, match["part"] or "")


def parse_year(text: str) -> int:
    """A reporting year; anything else raises BadPeriod."""
    if not re.fullmatch(r"\d{4}", (text or "").strip()):
        raise BadPeriod(f"Năm '{text}' không hợp lệ: nhập 4 chữ số, ví dụ 2026.")
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadPeriod(f"Năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")
    return year
