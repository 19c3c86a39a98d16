"""Read-only report endpoints for an upper level's tracking application (002 V.2 "cập nhật trên ứng dụng theo dõi").

GET /api/v1/reports/mau1?unit=CODE&period=2026-Q1 — the same table as the page, the command and the XLSX;
GET /api/v1/reports/rollup?unit=CODE&period=... — the units directly below with their totals and submission;
GET /api/v1/reports/calendar?unit=CODE&year=2026 — the reporting duties with their state, those after each dialogue too;
GET /api/v1/reports/mau2?unit=CODE&year=2026 — Mẫu 2's computed figures.
A session or a (read-only) API token; a unit outside the caller's scope is 403, bad input 400.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from common.api_types import Text
from organizations.access import can

from . import mau1, mau2
from .dialogue_duties import dialogue_duties
from .duties import unit_duties
from .inputs import read_request
from .periods import BadPeriod, parse_year
from .rollup import by_child

router = Router(tags=["Báo cáo"])


class ErrorOut(Schema):
    message: str


def _table(request: HttpRequest, unit: str, period: str) -> mau1.Table:
    try:
        found, when = read_request(unit, period)
    except BadPeriod as error:
        raise HttpError(400, str(error)) from None
    if not can(request.user, "view", found):
        raise HttpError(403, "Bạn không có quyền xem báo cáo của đơn vị này.")
    return mau1.build(found, when)


@router.get("/mau1", response={200: dict, 400: ErrorOut, 403: ErrorOut}, summary="Mẫu 1: bảng tổng hợp kết quả đối thoại")
def mau1_table(request: HttpRequest, unit: Text(16), period: Text(10)):
    """Rows (one per dialogue of the unit and its subtree in the period) and totals by kind."""
    return _table(request, unit, period).as_dict()


@router.get("/rollup", response={200: dict, 400: ErrorOut, 403: ErrorOut}, summary="Tổng hợp theo đơn vị trực thuộc")
def rollup(request: HttpRequest, unit: Text(16), period: Text(10)):
    """The unit's own dialogues and each unit directly below it: totals by kind and the submitted version, if any."""
    table = _table(request, unit, period)
    lines, totals = by_child(table)
    return {
        "unit": table.unit.code,
        "period": table.period.code,
        "totals": totals,
        "units": [
            {
                "unit": line.unit.code,
                "name": line.unit.name,
                "totals": line.totals,
                "submitted_at": line.submitted_at.isoformat() if line.submitted_at else None,
                "version": line.version,
            }
            for line in lines
        ],
    }


def _unit_year(request: HttpRequest, unit: str, year: str):
    try:
        found, _period = read_request(unit, year)
        when = parse_year(year)
    except BadPeriod as error:
        raise HttpError(400, str(error)) from None
    if not can(request.user, "view", found):
        raise HttpError(403, "Bạn không có quyền xem báo cáo của đơn vị này.")
    return found, when


@router.get("/calendar", response={200: dict, 400: ErrorOut, 403: ErrorOut}, summary="Lịch báo cáo và trạng thái")
def calendar(request: HttpRequest, unit: Text(16), year: Text(4)):
    """The unit's reporting duties of the year with their state, and the reports due after each dialogue (004 Điều 16.1.c)."""
    found, when = _unit_year(request, unit, year)
    duties = [{**duty.as_dict(), "state": duty.state} for duty in unit_duties(found, when)]
    after = [duty.as_dict() for duty in dialogue_duties(found, when)]
    return {"unit": found.code, "year": when, "duties": duties, "after_dialogue": after}


@router.get("/mau2", response={200: dict, 400: ErrorOut, 403: ErrorOut}, summary="Mẫu 2: số liệu báo cáo năm")
def mau2_figures(request: HttpRequest, unit: Text(16), year: Text(4)):
    """The computed figures of the annual report: dialogues by kind, heads against the target, petitions, answers."""
    found, when = _unit_year(request, unit, year)
    return mau2.figures(found, when).as_dict()
