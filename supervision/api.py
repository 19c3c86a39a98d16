"""/api/v1/supervision: plans, findings and replies, forecasts, escalations to the upper level, directions, totals.

The same verbs as the screens (supervision/verbs.py). Files (forecast, letter) are attached on the
screens; the API carries the text and dates. Lists are limit/offset pages counted in SQL.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from common.api_paging import DEFAULT_LIMIT, Limit, Offset, page_of
from common.api_types import LONG_TEXT, Choice, Date, Id, OrganizationCode, Text, UnitCode, Year
from dialogues.access import visible_dialogues
from organizations.access import scope, units_for
from organizations.lookups import unit_by_code
from organizations.models import AdministrativeUnit, Organization
from petitions.access import visible_cases

from . import verbs
from .access import may_open, visible_directions, visible_escalations, visible_findings, visible_plans
from .enums import DirectionState, EscalationKind
from .totals import findings_count
from .views import DENIED  # the pages' denial, word for word

router = Router(tags=["Giám sát, kiến nghị cấp trên, chỉ đạo"])


class ErrorOut(Schema):
    message: str


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PlanIn(Schema):
    organization: OrganizationCode
    year: Year
    title: Text(300, min_length=1)
    content: Text(LONG_TEXT) = ""
    dialogues: list[Id] = []
    matters: list[Id] = []


class PlanOut(Schema):
    id: int
    unit: str
    year: int
    organization: str
    title: str
    content: str
    dialogues: list[int]
    matters: list[int]


class FindingIn(Schema):
    organization: OrganizationCode
    finding: Text(LONG_TEXT, min_length=1)
    dialogue: Id | None = None
    matter: Id | None = None
    request: Text(LONG_TEXT) = ""
    agency: OrganizationCode | None = None
    found_on: Date | None = None
    plan: Id | None = None


class FindingOut(Schema):
    id: int
    unit: str
    organization: str
    dialogue: int | None
    matter: int | None
    plan: int | None
    found_on: datetime.date
    finding: str
    request: str
    agency: str | None
    reply: str
    replied_on: datetime.date | None


class ReplyIn(Schema):
    reply: Text(LONG_TEXT, min_length=1)
    replied_on: Date | None = None


class ForecastIn(Schema):
    organization: OrganizationCode
    content: Text(LONG_TEXT, min_length=1)


class ForecastOut(Schema):
    id: int
    dialogue: int
    organization: str
    content: str
    submitted_on: datetime.date


class EscalationIn(Schema):
    kind: Choice = EscalationKind.BEYOND_AUTHORITY
    content: Text(LONG_TEXT, min_length=1)
    upper_level: Text(300, min_length=1)
    letter_number: Text(50, min_length=1)
    letter_date: Date
    due: Date
    dialogue: Id | None = None
    matter: Id | None = None


class EscalationOut(Schema):
    id: int
    unit: str
    kind: str
    dialogue: int | None
    matter: int | None
    content: str
    upper_level: str
    letter_number: str
    letter_date: datetime.date
    due: datetime.date
    due_rule: str
    reply: str
    replied_on: datetime.date | None
    overdue: bool


class DirectionIn(Schema):
    content: Text(LONG_TEXT, min_length=1)
    owner: OrganizationCode
    due: Date
    directed_on: Date | None = None
    dialogue: Id | None = None
    matter: Id | None = None


class DirectionOut(Schema):
    id: int
    unit: str
    dialogue: int | None
    matter: int | None
    content: str
    owner: str
    directed_on: datetime.date
    due: datetime.date
    state: str  # open, done or overdue
    result: str
    done_on: datetime.date | None


class CompleteIn(Schema):
    result: Text(LONG_TEXT, min_length=1)
    done_on: Date | None = None


class PlanPage(Schema):
    count: int
    items: list[PlanOut]


class FindingPage(Schema):
    count: int
    items: list[FindingOut]


class EscalationPage(Schema):
    count: int
    items: list[EscalationOut]


class DirectionPage(Schema):
    count: int
    items: list[DirectionOut]


def _open(request: HttpRequest) -> None:
    """Every endpoint: a role in some unit (access.may_open), else the supervision pages' own Vietnamese denial (403),
    before anything is read or written (not an empty list that reads as "nothing to supervise")."""
    if not may_open(request.user):
        raise HttpError(403, str(DENIED))


def _run(action):
    try:
        return action()
    except verbs.Refused as refused:
        raise HttpError(400, str(refused)) from None
    except verbs.NotAllowed:
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này.") from None


def _organization(code: str | None, label: str, required: bool = True) -> Organization | None:
    if not code:
        if required:
            raise HttpError(400, f"Cho biết mã {label}.")
        return None
    found = Organization.objects.select_related("unit", "kind").filter(code=code).first()
    if found is None:
        raise HttpError(400, f"Không có {label} mã '{code}'.")
    return found


def _dialogue(request: HttpRequest, pk: int | None):
    if pk is None:
        return None
    found = visible_dialogues(request.user).filter(pk=pk).first()
    if found is None:
        raise HttpError(404, "Không tìm thấy cuộc đối thoại, hoặc bạn không có quyền xem.")
    return found


def _case(request: HttpRequest, pk: int | None):
    if pk is None:
        return None
    found = visible_cases(request.user).filter(pk=pk).first()
    if found is None:
        raise HttpError(404, "Không tìm thấy vụ việc, hoặc bạn không có quyền xem.")
    return found


def _one(queryset, pk: int):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise HttpError(404, "Không tìm thấy, hoặc bạn không có quyền xem.")
    return found


def _plan_out(plan) -> dict:
    return {
        "id": plan.pk,
        "unit": plan.unit.code,
        "year": plan.year,
        "organization": plan.organization.code,
        "title": plan.title,
        "content": plan.content,
        "dialogues": [d.pk for d in plan.dialogues.all()],
        "matters": [c.pk for c in plan.cases.all()],
    }


def _finding_out(row) -> dict:
    return {
        "id": row.pk,
        "unit": row.unit.code,
        "organization": row.organization.code,
        "dialogue": row.dialogue_id,
        "matter": row.case_id,
        "plan": row.plan_id,
        "found_on": row.found_on,
        "finding": row.finding,
        "request": row.request,
        "agency": row.agency.code if row.agency else None,
        "reply": row.reply,
        "replied_on": row.replied_on,
    }


def _escalation_out(row) -> dict:
    return {
        "id": row.pk,
        "unit": row.unit.code,
        "kind": row.kind,
        "dialogue": row.dialogue_id,
        "matter": row.case_id,
        "content": row.content,
        "upper_level": row.upper_level,
        "letter_number": row.letter_number,
        "letter_date": row.letter_date,
        "due": row.due,
        "due_rule": row.due_rule,
        "reply": row.reply,
        "replied_on": row.replied_on,
        "overdue": row.is_overdue(),
    }


def _direction_out(row) -> dict:
    return {
        "id": row.pk,
        "unit": row.unit.code,
        "dialogue": row.dialogue_id,
        "matter": row.case_id,
        "content": row.content,
        "owner": row.owner.code,
        "directed_on": row.directed_on,
        "due": row.due,
        "state": "overdue" if row.is_overdue() else row.state,
        "result": row.result,
        "done_on": row.done_on,
    }


# Plans


@router.get("/plans", response={200: PlanPage, **ERRORS}, summary="Kế hoạch giám sát hằng năm")
def list_plans(request: HttpRequest, year: Year | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    _open(request)
    rows = visible_plans(request.user).prefetch_related("dialogues", "cases").order_by("-year", "pk")
    if year:
        rows = rows.filter(year=year)
    count, items = page_of(rows, limit, offset)
    return {"count": count, "items": [_plan_out(plan) for plan in items]}


@router.post("/plans", response={201: PlanOut, **ERRORS}, summary="Lập kế hoạch giám sát năm")
def create_plan(request: HttpRequest, payload: PlanIn):
    _open(request)
    body = _organization(payload.organization, "tổ chức giám sát")
    dialogues = list(visible_dialogues(request.user).filter(pk__in=payload.dialogues))
    cases = list(visible_cases(request.user).filter(pk__in=payload.matters))
    if len(dialogues) != len(set(payload.dialogues)) or len(cases) != len(set(payload.matters)):
        raise HttpError(400, "Có cuộc đối thoại hoặc vụ việc không tìm thấy hoặc bạn không có quyền xem.")
    plan = _run(lambda: verbs.create_plan(request.user, body, payload.year, payload.title, payload.content, dialogues, cases))
    return 201, _plan_out(plan)


# Findings


@router.get("/findings", response={200: FindingPage, **ERRORS}, summary="Kết quả giám sát")
def list_findings(
    request: HttpRequest,
    dialogue: Id | None = None,
    matter: Id | None = None,
    awaiting_reply: bool = False,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    _open(request)
    rows = visible_findings(request.user).order_by("-found_on", "-pk")
    if dialogue:
        rows = rows.filter(dialogue_id=dialogue)
    if matter:
        rows = rows.filter(case_id=matter)
    if awaiting_reply:
        rows = rows.filter(agency__isnull=False, replied_on__isnull=True)
    count, items = page_of(rows, limit, offset)
    return {"count": count, "items": [_finding_out(row) for row in items]}


@router.post("/findings", response={201: FindingOut, **ERRORS}, summary="Ghi kết quả giám sát một cuộc đối thoại hoặc vụ việc")
def create_finding(request: HttpRequest, payload: FindingIn):
    _open(request)
    body = _organization(payload.organization, "tổ chức giám sát")
    agency = _organization(payload.agency, "cơ quan", required=False)
    plan = _one(visible_plans(request.user), payload.plan) if payload.plan else None
    dialogue, case = _dialogue(request, payload.dialogue), _case(request, payload.matter)
    row = _run(
        lambda: verbs.record_finding(
            request.user,
            body,
            payload.finding,
            dialogue=dialogue,
            case=case,
            request=payload.request,
            agency=agency,
            found_on=payload.found_on,
            plan=plan,
        )
    )
    return 201, _finding_out(row)


@router.post("/findings/{pk}/reply", response={200: FindingOut, **ERRORS}, summary="Ghi trả lời của cơ quan")
def reply_finding(request: HttpRequest, pk: Id, payload: ReplyIn):
    _open(request)
    row = _one(visible_findings(request.user), pk)
    return _finding_out(_run(lambda: verbs.record_finding_reply(request.user, row, payload.reply, payload.replied_on)))


# The forecast before the conference


@router.post("/dialogues/{pk}/forecast", response={200: ForecastOut, **ERRORS}, summary="Dự báo tình huống trước hội nghị (MTTQ)")
def forecast(request: HttpRequest, pk: Id, payload: ForecastIn):
    _open(request)
    dialogue = _dialogue(request, pk)
    body = _organization(payload.organization, "tổ chức giám sát")
    row = _run(lambda: verbs.attach_forecast(request.user, dialogue, body, payload.content))
    return {
        "id": row.pk,
        "dialogue": row.dialogue_id,
        "organization": body.code,
        "content": row.content,
        "submitted_on": row.submitted_on,
    }


# Escalations to the upper level


@router.get("/escalations", response={200: EscalationPage, **ERRORS}, summary="Kiến nghị cấp trên")
def list_escalations(
    request: HttpRequest, overdue: bool = False, matter: Id | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
):
    _open(request)
    rows = visible_escalations(request.user).order_by("-letter_date", "-pk")
    if overdue:
        rows = rows.overdue().order_by("due", "pk")
    if matter:
        rows = rows.filter(case_id=matter)
    count, items = page_of(rows, limit, offset)
    return {"count": count, "items": [_escalation_out(row) for row in items]}


@router.post("/escalations", response={201: EscalationOut, **ERRORS}, summary="Ghi văn bản kiến nghị cấp trên")
def create_escalation(request: HttpRequest, payload: EscalationIn):
    _open(request)
    dialogue, case = _dialogue(request, payload.dialogue), _case(request, payload.matter)
    if dialogue is None and case is None:
        raise HttpError(400, "Cho biết cuộc đối thoại hoặc vụ việc được kiến nghị.")
    row = _run(
        lambda: verbs.escalate(
            request.user,
            (case or dialogue).unit,
            payload.content,
            payload.upper_level,
            payload.letter_number,
            payload.letter_date,
            payload.due,
            kind=payload.kind,
            dialogue=dialogue,
            case=case,
        )
    )
    return 201, _escalation_out(row)


@router.post("/escalations/{pk}/reply", response={200: EscalationOut, **ERRORS}, summary="Ghi trả lời của cấp trên")
def reply_escalation(request: HttpRequest, pk: Id, payload: ReplyIn):
    _open(request)
    row = _one(visible_escalations(request.user), pk)
    return _escalation_out(_run(lambda: verbs.record_escalation_reply(request.user, row, payload.reply, payload.replied_on)))


# Directions


@router.get("/directions", response={200: DirectionPage, **ERRORS}, summary="Chỉ đạo xử lý sau hội nghị")
def list_directions(request: HttpRequest, state: Choice = "", limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    _open(request)
    rows = visible_directions(request.user).order_by("due", "pk")
    if state == "overdue":
        rows = rows.overdue()
    elif state in DirectionState.values:
        rows = rows.filter(state=state)
    elif state:
        raise HttpError(400, "Trạng thái chỉ nhận: open, done, overdue.")
    count, items = page_of(rows, limit, offset)
    return {"count": count, "items": [_direction_out(row) for row in items]}


@router.post(
    "/directions", response={201: DirectionOut, **ERRORS}, summary="Ghi chỉ đạo xử lý (người chịu trách nhiệm, thời hạn)"
)
def create_direction(request: HttpRequest, payload: DirectionIn):
    _open(request)
    dialogue, case = _dialogue(request, payload.dialogue), _case(request, payload.matter)
    if dialogue is None and case is None:
        raise HttpError(400, "Cho biết cuộc đối thoại hoặc vụ việc được chỉ đạo.")
    owner = _organization(payload.owner, "cơ quan")
    row = _run(
        lambda: verbs.direct(
            request.user,
            (case or dialogue).unit,
            payload.content,
            owner,
            payload.due,
            directed_on=payload.directed_on,
            dialogue=dialogue,
            case=case,
        )
    )
    return 201, _direction_out(row)


@router.post("/directions/{pk}/complete", response={200: DirectionOut, **ERRORS}, summary="Báo cáo kết quả thực hiện chỉ đạo")
def complete_direction(request: HttpRequest, pk: Id, payload: CompleteIn):
    _open(request)
    row = _one(visible_directions(request.user), pk)
    return _direction_out(_run(lambda: verbs.complete_direction(request.user, row, payload.result, payload.done_on)))


# Totals for the reports


class TotalsOut(Schema):
    findings: int
    findings_on_dialogues: int
    findings_on_matters: int
    requests: int
    requests_replied: int
    forecasts: int
    escalations: int
    policy_proposals: int
    escalations_replied: int
    escalations_overdue: int
    directions: int
    directions_done: int
    directions_overdue: int


@router.get("/totals", response={200: TotalsOut, **ERRORS}, summary="Số liệu giám sát của một đơn vị (và cấp dưới) trong kỳ")
def totals(request: HttpRequest, unit: UnitCode, start: Date, end: Date):
    _open(request)
    found = unit_by_code(unit)
    if found is None or not units_for(request.user, "supervise").filter(pk=found.pk).exists():
        raise HttpError(404, f"Không có đơn vị '{unit}', hoặc bạn không có quyền xem.")
    if end < start:
        raise HttpError(400, "Ngày cuối kỳ phải sau ngày đầu kỳ.")
    units = scope(AdministrativeUnit.objects.filter(path__startswith=found.path), request.user, unit_field="pk")
    return findings_count(units, start, end)
