"""/api/v1/petitions: create, list with filters, read, classify, group, assign, answer, approve.

A petition is one opinion as received; classify/group/assign/answer/approve act on its matter, so
grouped opinions are answered once. Petitioners appear only for those allowed, and each view is logged.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from common.api_paging import DEFAULT_LIMIT, Limit, Offset
from common.api_types import LONG_TEXT, REASON_TEXT, Choice, Date, FieldCode, Id, OrganizationCode, Text, TrackingCode, UnitCode
from common.pagination import cached_totals, data_version, rows_by_key
from organizations.access import can
from organizations.lookups import unit_by_code
from organizations.models import Organization
from regulations.models import profile_for

from . import casework
from .access import visible_petitions
from .enums import Channel, PetitionerKind
from .filters import case_filter
from .models import Case, Output, Petition
from .privacy import Gate
from .schemas import PetitionerIn

# Who may call: api/urls.py (a person's session with CSRF, or an API token) — the same for every router.
router = Router(tags=["Ý kiến, kiến nghị"])


class ErrorOut(Schema):
    message: str


# Every operation can answer these (bad input, not logged in, not allowed, not found), each with a message.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PetitionerOut(Schema):
    kind: str
    name: str
    address: str
    phone: str
    email: str


class PetitionIn(Schema):
    unit: UnitCode
    content: Text(LONG_TEXT, min_length=1)
    channel: Choice
    received_on: Date | None = None
    dialogue: Id | None = None
    field: FieldCode | None = None
    petitioner: PetitionerIn = PetitionerIn()
    follow_up_of: TrackingCode | None = None


class PetitionOut(Schema):
    id: int
    tracking_code: str
    unit: str
    dialogue: int | None
    content: str
    channel: str
    received_on: datetime.date
    matter: int
    field: str | None
    jurisdiction: str
    status: str
    agency: str | None
    due: datetime.date | None
    outcome: str
    answer: str
    grouped_with: list[str]
    petitioner: PetitionerOut | None = None


class PetitionPage(Schema):
    count: int  # how many opinions match, in all
    items: list[PetitionOut]  # this page: `limit` rows from `offset`, newest received first


class ClassifyIn(Schema):
    field: FieldCode | None = None
    jurisdiction: Choice


class GroupIn(Schema):
    others: list[Id] = Field(max_length=500)


class AssignIn(Schema):
    agency: OrganizationCode
    due: Date | None = None
    reason: Text(REASON_TEXT) = ""


class AnswerIn(Schema):
    outcome: Choice
    answer: Text(LONG_TEXT)
    legal_reason: Text(REASON_TEXT) = ""
    new_due: Date | None = None
    sent_to: Text(300) = ""


def _out(request: HttpRequest, petition: Petition, gate: Gate | None = None, others: list[str] | None = None) -> dict:
    """One petition as JSON; the petitioner only when the gate allows (a list shares one gate: one log row).

    `others`: the tracking codes of the matter's other opinions when the caller knows them (a new opinion's
    matter has none), sparing the query that reads them."""
    own_gate = gate is None
    gate = gate or Gate(request.user, Output.API, request, where=f"api petition {petition.pk}")
    case = petition.case
    data = {
        "id": petition.pk,
        "tracking_code": petition.tracking_code,
        "unit": petition.unit.code,
        "dialogue": petition.dialogue_id,
        "content": petition.content,
        "channel": petition.channel,
        "received_on": petition.received_on,
        "matter": case.pk,
        "field": case.field.code if case.field else None,
        "jurisdiction": case.jurisdiction,
        "status": case.status,
        "agency": case.agency.code if case.agency else None,
        "due": case.due,
        "outcome": case.outcome,
        "answer": case.answer,
        "grouped_with": others
        if others is not None
        else [other.tracking_code for other in case.petitions.all() if other.pk != petition.pk],
        "petitioner": None,
    }
    person = gate.reveal(petition.petitioner, case)
    if person is not None:
        data["petitioner"] = {
            "kind": person.kind,
            "name": person.display_name,
            "address": person.address,
            "phone": person.phone,
            "email": person.email,
        }
    if own_gate:
        gate.close()
    return data


def _petition(request: HttpRequest, pk: int) -> Petition:
    petition = visible_petitions(request.user).select_related("case__field", "case__agency", "petitioner").filter(pk=pk).first()
    if petition is None:
        raise HttpError(404, "Không tìm thấy ý kiến, hoặc bạn không có quyền xem.")
    return petition


def _require(request: HttpRequest, petition: Petition, action: str = "classify_petition") -> None:
    if not can(request.user, action, petition.unit):
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này.")


def _field(unit, code: str | None):
    if not code:
        return None
    profile = profile_for(unit, datetime.date.today())
    found = profile.opinion_fields().filter(code=code).first() if profile else None
    if found is None:
        raise HttpError(400, f"Lĩnh vực '{code}' không có trong danh mục của bộ quy định.")
    return found


def _run(action):
    try:
        return action()
    except casework.CaseError as error:
        raise HttpError(400, str(error)) from None


@router.post("", response={201: PetitionOut, **ERRORS}, summary="Tiếp nhận một ý kiến, kiến nghị")
def create(request: HttpRequest, payload: PetitionIn):
    unit = unit_by_code(payload.unit)  # its SQL built once (organizations.lookups)
    if unit is None:
        raise HttpError(400, f"Không có đơn vị '{payload.unit}'.")
    if not can(request.user, "classify_petition", unit):
        raise HttpError(403, "Bạn không có quyền tiếp nhận ý kiến cho đơn vị này.")
    if payload.channel not in Channel.values:
        raise HttpError(400, f"Kênh '{payload.channel}' không có; dùng: {', '.join(Channel.values)}.")
    if payload.petitioner.kind not in PetitionerKind.values:
        raise HttpError(400, f"Loại người kiến nghị '{payload.petitioner.kind}' không hợp lệ.")
    dialogue = unit.dialogues.filter(pk=payload.dialogue).first() if payload.dialogue else None
    if payload.dialogue and dialogue is None:
        raise HttpError(400, "Cuộc đối thoại không thuộc đơn vị này.")
    follow = None
    if payload.follow_up_of:
        follow = Petition.objects.filter(tracking_code=payload.follow_up_of, unit=unit).first()
        if follow is None:
            raise HttpError(400, f"Không có ý kiến mã '{payload.follow_up_of}' ở đơn vị này.")
    person = casework.PetitionerData(**payload.petitioner.dict())
    opinion = casework.Opinion(payload.content, field=_field(unit, payload.field))
    petition = _run(
        lambda: casework.receive(
            request.user, unit, opinion, payload.channel, person, payload.received_on, dialogue, follow_up_of=follow
        )
    )
    return 201, _out(request, petition, others=[])  # a new opinion is its matter's only one


@router.get("", response={200: PetitionPage, **ERRORS}, summary="Danh sách ý kiến (lọc, tìm không dấu), theo trang")
def list_petitions(
    request: HttpRequest,
    q: Text(200) = "",
    unit: UnitCode = "",
    dialogue: Id | None = None,
    field: Id | None = None,
    jurisdiction: Choice = "",
    status: Choice = "",
    agency: Id | None = None,
    channel: Choice = "",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    found = case_filter(
        request.user,
        {
            "q": q,
            "unit": unit,
            "dialogue": dialogue or "",
            "field": field or "",
            "jurisdiction": jurisdiction,
            "status": status,
            "agency": agency or "",
            "channel": channel,
        },
    )  # the same FilterSet as the page (petitions/filters.py)
    if found.problems():
        raise HttpError(400, found.problems())
    cases = found.qs
    chosen = visible_petitions(request.user).select_related(None).filter(case__in=cases.order_by().values("pk"))
    if channel:
        chosen = chosen.filter(channel=channel)
    count = cached_totals("api-petitions", chosen, data_version(Case, Petition), chosen.count)
    # Keys in order first, then the page's rows with their joins: the wide rows are read for this page only.
    wide = Petition.objects.select_related("unit", "case__unit", "case__field", "case__agency", "petitioner")
    wide = wide.prefetch_related("case__petitions")
    rows = rows_by_key(found.newest_first(count, chosen, "received_on"), wide, offset, limit)  # as the page: by scope
    gate = Gate(request.user, Output.API, request, where="api petitions list")
    listed = [_out(request, petition, gate) for petition in rows]
    gate.close()  # one access row for the whole page
    return {"count": count, "items": listed}


@router.get("/{pk}", response={200: PetitionOut, **ERRORS}, summary="Một ý kiến")
def read(request: HttpRequest, pk: Id):
    return _out(request, _petition(request, pk))


@router.post("/{pk}/classify", response={200: PetitionOut, **ERRORS}, summary="Phân loại")
def classify(request: HttpRequest, pk: Id, payload: ClassifyIn):
    petition = _petition(request, pk)
    _require(request, petition)
    _run(lambda: casework.classify(petition.case, request.user, _field(petition.unit, payload.field), payload.jurisdiction))
    return _out(request, _petition(request, pk))


@router.post("/{pk}/group", response={200: PetitionOut, **ERRORS}, summary="Gộp ý kiến trùng")
def group(request: HttpRequest, pk: Id, payload: GroupIn):
    petition = _petition(request, pk)
    _require(request, petition)
    others = [item.case for item in visible_petitions(request.user).filter(pk__in=payload.others)]
    if len(others) != len(set(payload.others)):
        raise HttpError(400, "Có ý kiến không tìm thấy hoặc bạn không có quyền xem.")
    _run(lambda: casework.group(petition.case, others, request.user))
    return _out(request, _petition(request, pk))


@router.post(
    "/{pk}/assign", response={200: PetitionOut, **ERRORS}, summary="Giao cơ quan trả lời"
)
def assign(request: HttpRequest, pk: Id, payload: AssignIn):
    petition = _petition(request, pk)
    _require(request, petition)
    agency = Organization.objects.filter(code=payload.agency, unit=petition.unit).first()
    if agency is None:
        raise HttpError(400, f"Không có cơ quan '{payload.agency}' ở đơn vị này.")
    _run(lambda: casework.assign(petition.case, request.user, agency, payload.due, payload.reason))
    return _out(request, _petition(request, pk))


@router.post("/{pk}/answer", response={200: PetitionOut, **ERRORS}, summary="Dự thảo trả lời")
def answer(request: HttpRequest, pk: Id, payload: AnswerIn):
    petition = _petition(request, pk)
    if not casework.may_draft(request.user, petition.case):
        raise HttpError(403, "Chỉ cơ quan được giao mới soạn trả lời.")
    _run(
        lambda: casework.draft_answer(
            petition.case, request.user, payload.outcome, payload.answer, payload.legal_reason, payload.new_due, payload.sent_to
        )
    )
    return _out(request, _petition(request, pk))


@router.post("/{pk}/approve", response={200: PetitionOut, **ERRORS}, summary="Duyệt trả lời")
def approve(request: HttpRequest, pk: Id):
    petition = _petition(request, pk)
    if not casework.may_approve(request.user, petition.case):
        raise HttpError(403, "Chỉ lãnh đạo cơ quan được giao mới duyệt trả lời.")
    _run(lambda: casework.approve(petition.case, request.user))
    return _out(request, _petition(request, pk))
