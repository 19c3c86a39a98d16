"""Numbers as Vietnamese readers write them: "12.345" voters, "9,8 %" of them.

The project's settings keep USE_THOUSAND_SEPARATOR off (years and codes must print plainly) and Django's
Vietnamese formats set no grouping, so convening groups its own counts here: the separators come from the
active locale's formats (vi: "." for thousands, "," for decimals), the grouping is by three digits.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, numberformat


def vn_number(value: int | Decimal | float | str | None, decimal_pos: int | None = None) -> str:
    """A count with its thousands grouped ("12.345"); "" for an empty value."""
    if value is None or value == "":
        return ""
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos,
        grouping=3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def vn_percent(value: int | Decimal | float | str | None) -> str:
    """A percentage to one decimal, without a trailing ",0", then " %": "9,8 %", "10 %"."""
    if value is None or value == "":
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"))
    return f"{vn_number(rounded, 0 if rounded == rounded.to_integral_value() else 1)} %"
