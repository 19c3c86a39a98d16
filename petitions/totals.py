"""Mẫu 5 totals: opinions by field and jurisdiction, with "not classified", the same on screen and in the DOCX.

Counted by the database in one GROUP BY (a province's 60,000 opinions never come into Python): one row per
(field, jurisdiction) with its matters and opinions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet

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


def field_jurisdiction_totals(cases: QuerySet) -> Totals:
    """Each matter's opinions in its field's row and its jurisdiction's column; fields in their order, unclassified last.

    `cases` is a plain (not annotated, not DISTINCT) queryset of matters: it is grouped as it is.
    """
    columns = [*Jurisdiction.values, NOT_CLASSIFIED]
    rows = (
        cases.order_by()
        .values("field__name", "jurisdiction")
        .annotate(matters=Count("pk", distinct=True), opinions=Count("petitions"), position=F("field__order"))
        .order_by(F("position").asc(nulls_last=True), "field__name", "jurisdiction")
    )
    by_field: dict[str, dict[str, int]] = {}
    matters = 0
    for row in rows:
        matters += row["matters"]
        counts = by_field.setdefault(row["field__name"] or NOT_CLASSIFIED, dict.fromkeys(columns, 0))
        counts[row["jurisdiction"] or NOT_CLASSIFIED] += row["opinions"]
    totals = {j: sum(counts[j] for counts in by_field.values()) for j in columns}
    return Totals(by_field, totals, sum(totals.values()), matters)
