"""Lookups the busiest requests make, with their SQL built once (common.prepared): opinion intake finds its unit
by code on every call (issue 16, docs/quy-mo.md)."""

from __future__ import annotations

from common.prepared import TEXT_MARKER, PreparedRead

from .models import AdministrativeUnit

_unit_by_code = PreparedRead(lambda code: AdministrativeUnit.objects.filter(code=code).order_by(), marker=TEXT_MARKER)


def unit_by_code(code: str) -> AdministrativeUnit | None:
    """The unit with this official code (codes are unique), or None."""
    found = _unit_by_code(code)
    return found[0] if found else None
