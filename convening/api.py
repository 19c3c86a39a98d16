"""`GET /api/v1/public/convening-requests`: the requests to convene a dialogue as the public sees them.

Supporters against the threshold only: no representative, no signer, no scan, no reason for closing a request
(Luật 91/2025/QH15).
"""

# No `from __future__ import annotations`: ninja reads the types at run time.
import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema

from common.api_paging import DEFAULT_LIMIT, Limit, Offset, page_of
from common.api_types import UnitCode

from .public import public_dialogue, public_requests

router = Router(tags=["Công khai cho Nhân dân"], auth=None)


class PublicRequestOut(Schema):
    id: int
    title: str
    unit: str
    unit_name: str
    received_on: datetime.date
    supporters: int
    threshold: int
    threshold_percent: Decimal
    voters: int
    basis: str
    state: str
    closed_on: datetime.date | None
    reached: bool
    dialogue: int | None
    dialogue_date: datetime.date | None


class ErrorOut(Schema):
    message: str


class PublicRequestPage(Schema):
    count: int
    items: list[PublicRequestOut]


def _out(item) -> dict:
    dialogue = public_dialogue(item)
    return {
        "id": item.pk,
        "title": item.title,
        "unit": item.unit.code,
        "unit_name": item.unit.name,
        "received_on": item.received_on,
        "supporters": item.supporters,
        "threshold": item.threshold,
        "threshold_percent": item.threshold_percent,
        "voters": item.voters,
        "basis": item.threshold_citation,
        "state": item.get_state_display(),
        "closed_on": item.closed_on,
        "reached": item.reached,
        "dialogue": dialogue.pk if dialogue else None,
        "dialogue_date": dialogue.date if dialogue else None,
    }


@router.get(
    "",
    response={200: PublicRequestPage, 400: ErrorOut},
    summary="Yêu cầu tổ chức đối thoại của cử tri và tiến độ",
    auth=None,
)
def convening_requests(request: HttpRequest, unit: UnitCode | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    """Newest first; `unit` (code) keeps one commune's. Counts only, never who signed."""
    found = public_requests().order_by("-received_on", "-id")
    if unit:
        found = found.filter(unit__code=unit)
    count, rows = page_of(found, limit, offset)
    return {"count": count, "items": [_out(item) for item in rows]}
