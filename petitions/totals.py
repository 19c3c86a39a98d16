"""Mẫu 5 totals: opinions by field and jurisdiction, with "not classified", the same on screen and in the DOCX."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Jurisdiction

NOT_CLASSIFIED = ""  # the column (and row key) of opinions without a jurisdiction (or field)


@dataclass
class Totals:
    by_field: dict[str, dict[str, int]]  # field name ("" when none) → jurisdiction ("" when none) → opinions
    totals: dict[str, int]  # jurisdiction → opinions
    opinions: int
    matters: int

    @property
    def columns(self) -> list[str]:
        return [*Jurisdiction.values, NOT_CLASSIFIED]


def field_jurisdiction_totals(cases) -> Totals:
    """Count each matter's opinions (`petition_count` annotation) in its field's row and its jurisdiction's column."""
    by_field: dict[str, dict[str, int]] = {}
    matters = 0
    for case in cases:
        matters += 1
        name = case.field.name if case.field_id else NOT_CLASSIFIED
        row = by_field.setdefault(name, dict.fromkeys([*Jurisdiction.values, NOT_CLASSIFIED], 0))
        row[case.jurisdiction or NOT_CLASSIFIED] += case.petition_count
    totals = {j: sum(row[j] for row in by_field.values()) for j in [*Jurisdiction.values, NOT_CLASSIFIED]}
    return Totals(by_field, totals, sum(totals.values()), matters)
