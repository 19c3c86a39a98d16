"""/api/v1/conference: sessions by cluster of villages or residential groups (the same verbs as the screen).

The minutes' file is attached on the screen; the API carries the place, time and attendance.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from common.api_paging import DEFAULT_LIMIT, Limit, Offset
from common.api_types import Count, Date, Id, Text, Time, WallTime
from dialogues.access import dialogue_for

from . import sessions
from .models import DialogueSession

router = Router(tags=["Hội nghị: phiên theo cụm thôn, tổ dân phố"])


class ErrorOut(Schema):
    message: str


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class SessionIn(Schema):
    cluster: Text(300, min_length=1)
    venue: Text(300, min_length=1)
    date: Date
    start_time: Time
    end_time: Time | None = None


class RecordIn(Schema):
    attendance: Count
    held_on: Date | None = None


class SessionOut(Schema):
    id: int
    dialogue: int
    cluster: str
    venue: str
    date: datetime.date
    start_time: WallTime
    end_time: WallTime | None
    attendance: int | None
    held_on: datetime.date | None
    has_minutes: bool


class SessionList(Schema):
    count: int
    held: int
    present: int
    items: list[SessionOut]


def _out(row: DialogueSession) -> SessionOut:
    return SessionOut(
        id=row.pk,
        dialogue=row.dialogue_id,
        cluster=row.cluster,
        venue=row.venue,
        date=row.date,
        start_time=row.start_time,
        end_time=row.end_time,
        attendance=row.attendance,
        held_on=row.held_on,
        has_minutes=bool(row.minutes_file),
    )


def _dialogue(request: HttpRequest, pk: int, action: str = "view"):
    try:
        return dialogue_for(request.user, pk, action)
    except Http404:
        raise HttpError(404, "Không tìm thấy cuộc đối thoại, hoặc bạn không có quyền xem.") from None
    except PermissionDenied:
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này.") from None


@router.get("/dialogues/{pk}/sessions", response={200: SessionList, **ERRORS}, summary="Các phiên theo cụm của cuộc đối thoại")
def list_sessions(request: HttpRequest, pk: Id, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    """A page of the sessions with the totals counted in SQL; the dialogue itself counts once in reports."""
    dialogue = _dialogue(request, pk)
    totals = sessions.session_totals(dialogue)
    rows = dialogue.sessions.order_by("date", "start_time", "id")[offset : offset + limit]
    items = [_out(row) for row in rows]
    return SessionList(count=totals["sessions"], held=totals["held"], present=totals["present"], items=items)


@router.post("/dialogues/{pk}/sessions", response={201: SessionOut, **ERRORS}, summary="Thêm một phiên theo cụm thôn, tổ dân phố")
def add_session(request: HttpRequest, pk: Id, payload: SessionIn):
    dialogue = _dialogue(request, pk, "record_conference")
    try:
        row = sessions.add_session(dialogue, request.user, **payload.dict())
    except sessions.SessionRefused as refused:
        raise HttpError(400, str(refused)) from None
    return 201, _out(row)


@router.post("/sessions/{pk}/record", response={200: SessionOut, **ERRORS}, summary="Ghi nhận phiên đã tổ chức, số người dự")
def record_session(request: HttpRequest, pk: Id, payload: RecordIn):
    row = DialogueSession.objects.filter(pk=pk).select_related("dialogue").first()
    if row is None:
        raise HttpError(404, "Không tìm thấy phiên đối thoại.")
    _dialogue(request, row.dialogue_id, "record_conference")
    try:
        row = sessions.record_session(row, request.user, attendance=payload.attendance, held_on=payload.held_on)
    except sessions.SessionRefused as refused:
        raise HttpError(400, str(refused)) from None
    return _out(row)
