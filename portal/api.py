"""The public API under /api/v1/public/: no login, read-only except sending an opinion.

The same rules as the public pages: only announced dialogues (never drafts or cancelled ones), opinions
sent through portal.submissions (consent required, rate limit per address), and tracking that never
shows who sent an opinion. Unknown codes are 404 with no hint whether the code exists elsewhere.
"""

# No `from __future__ import annotations`: ninja reads the types through the rate-limit decorator.
import datetime

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from common import dates
from common.api_paging import DEFAULT_LIMIT, Limit, Offset, page_of
from common.api_types import LONG_TEXT, Date, Id, Text, TrackingCode, UnitCode
from common.throttle import per_address
from dialogues.models import DialogueHost, ScheduleStep
from organizations.models import AdministrativeUnit
from petitions.casework import PetitionerData
from petitions.enums import PetitionerKind
from petitions.schemas import PetitionerIn

from . import conclusions
from .submissions import SubmissionError, public_dialogues, submit
from .tracking import public_status

router = Router(tags=["Công khai cho Nhân dân"], auth=None)


class ErrorOut(Schema):
    message: str


class PublicDialogueOut(Schema):
    id: int
    title: str
    unit: str
    unit_name: str
    kind: str
    topic: str
    form: str
    date: datetime.date
    start_time: str
    end_time: str
    venue: str
    meeting_link: str
    status: str
    hosts: list[str]
    opinions_until: datetime.date | None


class PublicDialoguePage(Schema):
    count: int
    items: list[PublicDialogueOut]


class OpinionIn(Schema):
    unit: UnitCode | None = None
    dialogue: Id | None = None
    content: Text(LONG_TEXT) = ""
    field: Text(200) = ""
    petitioner: PetitionerIn = PetitionerIn()
    consent: bool = False
    notify: bool = False  # agrees to be told about this opinion by the email or phone given


class OpinionCreated(Schema):
    code: str


class OpinionStatusOut(Schema):
    code: str
    state: str
    status: str
    unit: str
    sent_on: datetime.date
    dialogue: str
    agency: str
    due: datetime.date | None
    late: bool
    answer: str
    outcome: str
    answered_on: datetime.date | None
    document_number: str
    document_date: datetime.date | None
    reason: str
    feedback: str
    may_give_feedback: bool
    follow_up: str


def _dialogue_out(dialogue) -> dict:
    collect = next((step for step in dialogue.steps.all() if step.code == "collect"), None)
    upcoming = dialogue.date >= timezone.localdate()
    return {
        "id": dialogue.pk,
        "title": dialogue.title,
        "unit": dialogue.unit.code,
        "unit_name": dialogue.unit.name,
        "kind": dialogue.kind,
        "topic": dialogue.topic,
        "form": dialogue.form,
        "date": dialogue.date,
        "start_time": dialogue.start_time.strftime("%H:%M"),
        "end_time": dialogue.end_time.strftime("%H:%M"),
        "venue": dialogue.venue,
        "meeting_link": dialogue.meeting_link if upcoming else "",
        "status": dialogue.status,
        "hosts": [host.person.full_name for host in dialogue.hosts.all()],
        "opinions_until": collect.due if collect else None,
    }


@router.get(
    "/dialogues",
    response={200: PublicDialoguePage, 400: ErrorOut},
    summary="Lịch đối thoại đã công bố (lọc theo địa phương và ngày)",
    auth=None,
)
def dialogues(
    request: HttpRequest,
    unit: UnitCode | None = None,
    date_from: Date | None = None,
    date_to: Date | None = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    found = public_dialogues().select_related("unit").order_by("date", "start_time", "id")
    if unit:
        place = AdministrativeUnit.objects.filter(code=unit).first()
        if place is None:
            raise HttpError(400, "Không có địa phương mang mã này.")
        found = found.filter(unit__path__startswith=place.path)
    if date_from:
        found = found.filter(date__gte=date_from)
    if date_to:
        found = found.filter(date__lte=date_to)
    found = found.prefetch_related(
        Prefetch("hosts", queryset=DialogueHost.objects.select_related("person")),
        Prefetch("steps", queryset=ScheduleStep.objects.filter(code="collect")),
    )
    count, items = page_of(found, limit, offset)
    return {"count": count, "items": [_dialogue_out(dialogue) for dialogue in items]}


def _sender(data: PetitionerIn) -> PetitionerData:
    """The staff API's petitioner shape; an organisation's representative may also come as full_name."""
    organisation = data.kind == PetitionerKind.ORGANIZATION
    return PetitionerData(
        kind=data.kind,
        full_name="" if organisation else data.full_name,
        organization_name=data.organization_name,
        representative=(data.representative or data.full_name) if organisation else "",
        address=data.address,
        phone=data.phone,
        email=data.email,
    )


@router.post(
    "/opinions",
    response={201: OpinionCreated, 400: ErrorOut, 429: ErrorOut},
    summary="Gửi một ý kiến (cần đồng ý xử lý dữ liệu cá nhân; giới hạn số lần gửi theo địa chỉ)",
    auth=None,
)
@per_address("RATELIMIT_PUBLIC_OPINION")
def send_opinion(request: HttpRequest, payload: OpinionIn):
    dialogue = public_dialogues().select_related("unit").filter(pk=payload.dialogue).first() if payload.dialogue else None
    if payload.dialogue and dialogue is None:
        raise HttpError(400, "Không có hội nghị đối thoại đã công bố mang số này.")
    unit = AdministrativeUnit.objects.filter(code=payload.unit).first() if payload.unit else None
    if payload.unit and unit is None:
        raise HttpError(400, "Không có địa phương mang mã này.")
    unit = unit or (dialogue.unit if dialogue else None)
    if unit is None:
        raise HttpError(400, "Hãy cho biết địa phương (unit) hoặc hội nghị đối thoại (dialogue) nhận ý kiến.")
    try:
        sender = _sender(payload.petitioner)
        options = {"dialogue": dialogue, "field_hint": payload.field, "notify": payload.notify}
        submission = submit(unit, payload.content, sender, consent=payload.consent, **options)
    except SubmissionError as error:
        raise HttpError(400, str(error)) from None
    return 201, {"code": submission.code}


@router.get(
    "/opinions/{code}",
    response={200: OpinionStatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="Tra cứu một ý kiến theo mã (không bao giờ có thông tin người gửi)",
    auth=None,
)
@per_address("RATELIMIT_TRACKING")
def track_opinion(request: HttpRequest, code: TrackingCode):
    found = public_status(code)
    if found is None:
        raise HttpError(404, "Không có ý kiến nào mang mã này.")
    return found.as_dict()


class ConclusionOut(Schema):
    id: int
    title: str
    unit: str
    unit_name: str
    date: datetime.date
    published_on: datetime.date
    number: str
    url: str
    pdf_url: str


class ConclusionPage(Schema):
    count: int
    items: list[ConclusionOut]


class ProgressOut(Schema):
    summary: str
    agency: str
    due: datetime.date | None
    answered: bool
    answered_on: datetime.date | None
    late: bool


class ConclusionTotals(Schema):
    unsettled: int
    answered: int
    answered_late: int
    overdue: int


class ConclusionDetailOut(ConclusionOut):
    heading: str
    summary: str
    text: list[str]
    table: list[list[str]]
    totals: ConclusionTotals
    progress_count: int
    progress: list[ProgressOut]


def _conclusion_out(dialogue) -> dict:
    return {
        "id": dialogue.pk,
        "title": dialogue.title,
        "unit": dialogue.unit.code,
        "unit_name": dialogue.unit.name,
        "date": dialogue.date,
        "published_on": dialogue.published_on,
        "number": dialogue.symbol or "",
        "url": reverse("portal:conclusion", args=[dialogue.pk]),
        "pdf_url": reverse("portal:conclusion_pdf", args=[dialogue.pk]),
    }


@router.get(
    "/conclusions",
    response={200: ConclusionPage, 400: ErrorOut},
    summary="Thông báo kết luận đã công bố (lọc theo địa phương; không có thông tin người kiến nghị)",
    auth=None,
)
def conclusion_list(request: HttpRequest, unit: UnitCode | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    found = conclusions.published()
    if unit:
        place = AdministrativeUnit.objects.filter(code=unit).first()
        if place is None:
            raise HttpError(400, "Không có địa phương mang mã này.")
        found = found.filter(unit__path__startswith=place.path)
    count, items = page_of(found, limit, offset)
    return {"count": count, "items": [_conclusion_out(dialogue) for dialogue in items]}


@router.get(
    "/conclusions/{dialogue_id}",
    response={200: ConclusionDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="Một thông báo kết luận và tiến độ trả lời từng vụ việc chưa giải quyết tại hội nghị",
    auth=None,
)
def conclusion_detail(request: HttpRequest, dialogue_id: Id, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    dialogue = conclusions.published().filter(pk=dialogue_id).first()
    if dialogue is None:
        raise HttpError(404, "Không có thông báo kết luận đã công bố mang số này.")
    content = conclusions.public_content(dialogue)
    today, scrub = dates.today(), conclusions.Redactor(dialogue)
    count, cases = page_of(conclusions.pending(dialogue), limit, offset)
    table = next((block.rows for block in content.body if block.rows), [])
    return {
        **_conclusion_out(dialogue),
        "heading": content.heading,
        "summary": content.summary,
        "text": [block.text for block in content.body if block.text],
        "table": table,
        "totals": conclusions.totals(dialogue, today),
        "progress_count": count,
        "progress": [conclusions.progress_row(case, scrub, today).as_dict() for case in cases],
    }
