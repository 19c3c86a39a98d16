"""Reading a report request (unit code, period code) the same way for the command, the API and the pages."""

from __future__ import annotations

from organizations.models import AdministrativeUnit

from .periods import BadPeriod, Period, parse_period


def read_request(unit_code: str, period_code: str) -> tuple[AdministrativeUnit, Period]:
    """The unit and period asked for; an unknown unit or malformed period raises BadPeriod (Vietnamese)."""
    period = parse_period(period_code)
    unit = AdministrativeUnit.objects.filter(code=(unit_code or "").strip()).first()
    if unit is None:
        raise BadPeriod(f"Không có đơn vị hành chính mã '{unit_code}'.")
    return unit, period
