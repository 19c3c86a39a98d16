"""/api/v1/dialogues: list, create, read, update, transitions, schedule — same permissions as the screens."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja.errors import HttpError

from common.api_paging import DEFAULT_LIMIT, Limit, Offset, page_of
from common.api_types import (
    LONG_TEXT,
    REASON_TEXT,
    Choice,
    Count,
    Date,
    Id,
    OrganizationCode,
    Text,
    Time,
    UnitCode,
    WallTime,
    WebAddress,
    Year,
)
from organizations.access import can
from organizations.models import AdministrativeUnit, Appointment, Organization

from . import lifecycle
from .access import Forbidden, dialogue_for, visible_dialogues
from .enums import AdHocReason, DialogueForm, DialogueKind, ThematicTopic
from .filters import DialogueFilter
from .forms import duration_ok, plan_problems
from .models import Dialogue, DialogueHost

# Who may call: api/urls.py (a person's session with CSRF, or an API token) — the same for every router.
router = Router(tags=["Đối thoại"])


class ErrorOut(Schema):
    message: str


# Every operation can answer these (bad input, not logged in, not allowed, not found), each with a message.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class HostOut(Schema):
    person: str
    position: str
    on_behalf_of: str | None = None
    delegation_reason: str = ""


class StepOut(Schema):
    code: str
    due: datetime.date | None
    due_extended: datetime.date | None = None
    status: str
    state: str
    owner: str | None
    rule: str
    citation: str
    explanation: str
    done_on: datetime.date | None = None
    waived_reason: str = ""


class DialogueOut(Schema):
    id: int
    title: str
    unit: str
    unit_name: str
    kind: str
    topic: str
    ad_hoc_reason: str
    description: str
    form: str
    meeting_link: str
    takes_indirect_opinions: bool
    date: datetime.date
    start_time: WallTime
    end_time: WallTime
    venue: str
    expected_citizens: int
    status: str
    profile: str
    advising_office: str | None
    conclusion_issued_on: datetime.date | None
    hosts: list[HostOut]


# Input limits are the model's (common/api_types.py): lengths, integer ranges, no NUL, naive times.
class HostIn(Schema):
    appointment: Id
    on_behalf_of: Id | None = None
    reason: Text(REASON_TEXT) = ""


class DialogueIn(Schema):
    unit: UnitCode
    title: Text(300, min_length=1)
    kind: Choice
    date: Date
    hosts: list[HostIn] = Field(max_length=20)
    topic: Choice = ""
    ad_hoc_reason: Choice = ""
    description: Text(LONG_TEXT) = ""
    form: Choice = DialogueForm.IN_PERSON
    meeting_link: WebAddress = ""
    takes_indirect_opinions: bool = True
    start_time: Time = datetime.time(7, 30)
    end_time: Time = datetime.time(11, 30)
    venue: Text(300) = ""
    expected_citizens: Count = 0
    advising_office: OrganizationCode | None = None
    advising_override_reason: Text(REASON_TEXT) = ""
    notice_justification: Text(REASON_TEXT) = ""


class DialoguePatch(Schema):
    """Only the fields sent are changed; a field sent as null is refused (title, times and counts cannot be empty)."""

    title: Text(300, min_length=1) = None
    description: Text(LONG_TEXT) = None
    venue: Text(300) = None
    meeting_link: WebAddress = None
    expected_citizens: Count = None
    start_time: Time = None
    end_time: Time = None
    date: Date = None
    reason: Text(REASON_TEXT) = ""
    justification: Text(REASON_TEXT) = ""


class TransitionIn(Schema):
    action: Choice
    on: Date | None = None
    reason: Text(REASON_TEXT) = ""
    new_date: Date | None = None
    justification: Text(REASON_TEXT) = ""


HOST_DETAILS = ("person", "position", "delegated_from")


def _hosts(dialogue: Dialogue):
    """The hosts with their people: from the list's prefetch when there is one (no query per row)."""
    if "hosts" in getattr(dialogue, "_prefetched_objects_cache", {}):
        return dialogue.hosts.all()
    return dialogue.hosts.select_related(*HOST_DETAILS)


def _out(dialogue: Dialogue) -> dict:
    hosts = [
        {
            "person": host.person.full_name,
            "position": host.position.name,
            "on_behalf_of": host.delegated_from.full_name if host.delegated_from else None,
            "delegation_reason": host.delegation_reason,
        }
        for host in _hosts(dialogue)
    ]
    return {
        **{name: getattr(dialogue, name) for name in DialogueOut.model_fields if hasattr(dialogue, name) and name != "hosts"},
        "unit": dialogue.unit.code,
        "unit_name": dialogue.unit.name,
        "profile": dialogue.profile.code,
        "advising_office": dialogue.advising_office.code if dialogue.advising_office else None,
        "hosts": hosts,
    }


def _fetch(request: HttpRequest, pk: int, action: str = "view") -> Dialogue:
    try:
        return dialogue_for(request.user, pk, action)
    except Http404:
        raise HttpError(404, "Không tìm thấy cuộc đối thoại, hoặc bạn không có quyền xem.") from None
    except Forbidden:
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này với cuộc đối thoại.") from None


class DialoguePage(Schema):
    count: int  # how many dialogues match, in all
    items: list[DialogueOut]  # this page: `limit` rows from `offset`, latest date first


@router.get("", response={200: DialoguePage, **ERRORS}, summary="Danh sách cuộc đối thoại, theo trang")
def list_dialogues(
    request: HttpRequest,
    unit: UnitCode = "",
    year: Year | None = None,
    kind: Choice = "",
    form: Choice = "",
    status: Choice = "",
    host: Id | None = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    hosts = Prefetch("hosts", queryset=DialogueHost.objects.select_related(*HOST_DETAILS))
    data = {"unit": unit, "year": year or "", "kind": kind, "form": form, "status": status, "host": host or ""}
    found = DialogueFilter(data, queryset=visible_dialogues(request.user).prefetch_related(hosts))  # the page's filters too
    if not found.is_valid():
        raise HttpError(400, found.problems())
    count, rows = page_of(found.qs.order_by("-date", "-id"), limit, offset)
    return {"count": count, "items": [_out(dialogue) for dialogue in rows]}


@router.post("", response={201: DialogueOut, **ERRORS}, summary="Lập kế hoạch một cuộc đối thoại")
def create_dialogue(request: HttpRequest, payload: DialogueIn):
    unit = AdministrativeUnit.objects.filter(code=payload.unit).first()
    if unit is None:
        raise HttpError(400, f"Không có đơn vị '{payload.unit}'.")
    if not can(request.user, "plan_dialogue", unit):
        raise HttpError(403, "Bạn không có quyền lập kế hoạch đối thoại cho đơn vị này.")
    _check_choices(payload)
    hosts = []
    for host in payload.hosts:
        appointment = Appointment.objects.filter(pk=host.appointment, organization__unit=unit).first()
        behalf = Appointment.objects.filter(pk=host.on_behalf_of, organization__unit=unit).first() if host.on_behalf_of else None
        if appointment is None or (host.on_behalf_of and behalf is None):
            raise HttpError(400, "Người chủ trì phải là người đang giữ chức vụ ở đơn vị này.")
        hosts.append(lifecycle.HostChoice(appointment, behalf, host.reason))
    office = None
    if payload.advising_office:
        office = Organization.objects.filter(code=payload.advising_office, unit=unit).first()
        if office is None:
            raise HttpError(400, f"Không có cơ quan '{payload.advising_office}' ở đơn vị này.")
    fields = payload.dict(exclude={"unit", "hosts", "advising_office", "advising_override_reason"})
    try:
        dialogue = lifecycle.create_dialogue(
            request.user,
            hosts=hosts,
            advising_office=office,
            advising_override_reason=payload.advising_override_reason,
            unit=unit,
            **fields,
        )
    except lifecycle.TransitionError as error:
        raise HttpError(400, str(error)) from None
    return 201, _out(dialogue)


def _check_choices(payload: DialogueIn) -> None:
    checks = [
        ("kind", payload.kind, DialogueKind, True),
        ("form", payload.form, DialogueForm, True),
        ("topic", payload.topic, ThematicTopic, False),
        ("ad_hoc_reason", payload.ad_hoc_reason, AdHocReason, False),
    ]
    for name, value, allowed, required in checks:
        if (value or required) and value not in allowed.values:
            raise HttpError(400, f"Giá trị '{value}' của '{name}' không hợp lệ; dùng: {', '.join(allowed.values)}.")
    problems = plan_problems(payload.dict())
    if problems:
        raise HttpError(400, " ".join(f"{field}: {message}" for field, message in problems))


@router.get("/{pk}", response={200: DialogueOut, **ERRORS}, summary="Một cuộc đối thoại")
def read_dialogue(request: HttpRequest, pk: Id):
    return _out(_fetch(request, pk))


@router.patch("/{pk}", response={200: DialogueOut, **ERRORS}, summary="Sửa kế hoạch")
def update_dialogue(request: HttpRequest, pk: Id, payload: DialoguePatch):
    dialogue = _fetch(request, pk, "plan_dialogue")
    if not dialogue.is_open:
        raise HttpError(400, "Cuộc đối thoại đã hủy hoặc đã lưu hồ sơ, không sửa được nữa.")
    changes = payload.dict(exclude_unset=True, exclude={"date", "reason", "justification"})
    with transaction.atomic():
        if changes:
            for name, value in changes.items():
                setattr(dialogue, name, value)
            if not duration_ok(dialogue.start_time, dialogue.end_time):
                raise HttpError(400, "Hội nghị kéo dài từ nửa ngày đến một ngày: kiểm tra giờ bắt đầu và giờ kết thúc.")
            dialogue.save(update_fields=list(changes))
        if payload.date and payload.date != dialogue.date:
            try:
                dialogue = lifecycle.reschedule(dialogue, request.user, payload.date, payload.reason, payload.justification)
            except lifecycle.TransitionError as error:
                transaction.set_rollback(True)
                raise HttpError(400, str(error)) from None
    return _out(Dialogue.objects.get(pk=dialogue.pk))


TRANSITIONS = {"announce", "hold", "conclude", "archive", "cancel", "reschedule"}


@router.post(
    "/{pk}/transitions", response={200: DialogueOut, **ERRORS}, summary="Chuyển trạng thái"
)
def transition(request: HttpRequest, pk: Id, payload: TransitionIn):
    """action: announce | hold | conclude | archive | cancel | reschedule (with new_date)."""
    dialogue = _fetch(request, pk, "plan_dialogue")
    if payload.action not in TRANSITIONS:
        raise HttpError(400, f"Thao tác '{payload.action}' không có; dùng: {', '.join(sorted(TRANSITIONS))}.")
    try:
        if payload.action == "announce":
            dialogue = lifecycle.announce(dialogue, request.user, payload.on)
        elif payload.action == "hold":
            dialogue = lifecycle.hold(dialogue, request.user, payload.on)
        elif payload.action == "conclude":
            dialogue = lifecycle.conclude(dialogue, request.user, payload.on, payload.reason)
        elif payload.action == "archive":
            dialogue = lifecycle.archive(dialogue, request.user, payload.on, payload.reason)  # reason: archive incomplete
        elif payload.action == "cancel":
            dialogue = lifecycle.cancel(dialogue, request.user, payload.reason)
        else:
            if payload.new_date is None:
                raise lifecycle.TransitionError("Cần ngày mới (new_date).")
            dialogue = lifecycle.reschedule(dialogue, request.user, payload.new_date, payload.reason, payload.justification)
    except lifecycle.TransitionError as error:
        raise HttpError(400, str(error)) from None
    return _out(dialogue)


@router.get("/{pk}/schedule", response={200: list[StepOut], **ERRORS}, summary="Lịch các bước và thời hạn")
def schedule(request: HttpRequest, pk: Id):
    dialogue = _fetch(request, pk)
    return [
        {
            "code": step.code,
            "due": step.due,
            "due_extended": step.due_extended,
            "status": step.status,
            "state": step.state(),
            "owner": step.owner.name if step.owner else None,
            "rule": step.rule,
            "citation": step.citation,
            "explanation": step.explanation,
            "done_on": step.done_on,
            "waived_reason": step.waived_reason,
        }
        for step in dialogue.steps.select_related("owner")
    ]


# --- The record after planning (issues 11-12): hosts, co-operating agencies, custodian, media, duties.
# Each endpoint calls the same verb as the screen (dialogues.record); a refusal is a 400 that wrote nothing.


class HostsIn(Schema):
    hosts: list[HostIn] = Field(min_length=1, max_length=20)
    reason: Text(REASON_TEXT, min_length=1)


class AgencyIn(Schema):
    organization: OrganizationCode
    task: Text(LONG_TEXT, min_length=1)


class AgenciesIn(Schema):
    agencies: list[AgencyIn] = Field(max_length=50)
    reason: Text(REASON_TEXT) = ""


class CustodianIn(Schema):
    organization: OrganizationCode
    note: Text(REASON_TEXT, min_length=1)


class MediaIn(Schema):
    channel: Choice = ""  # a code of the profile's channels; "" with other_name for another channel
    on: Date
    other_name: Text(200) = ""
    link: WebAddress = ""
    note: Text(300) = ""


class ChannelOut(Schema):
    code: str
    name: str
    citation: str
    on: datetime.date | None


class DutyOut(Schema):
    code: str
    title: str
    owner: str | None
    due: datetime.date | None
    state: str
    citation: str
    done_on: datetime.date | None
    file_name: str


class RecordOut(Schema):
    dossier_kept_by: str | None
    dossier_custodian_note: str
    media_channels: list[ChannelOut]
    missing_channels: list[str]
    duties: list[DutyOut]
    archive_incomplete: str  # allowed | refused, by the profile's archive rule (refused when it has none)
    archived_incomplete_reason: str
    archived_missing: list[str]


def _refused(call):
    try:
        return call()
    except lifecycle.TransitionError as error:
        raise HttpError(400, str(error)) from None


def _unit_org(dialogue: Dialogue, code: str) -> Organization:
    office = Organization.objects.filter(code=code, unit=dialogue.unit).first()
    if office is None:
        raise HttpError(400, f"Không có cơ quan '{code}' ở đơn vị tổ chức đối thoại.")
    return office


@router.post("/{pk}/hosts", response={200: DialogueOut, **ERRORS}, summary="Đổi người chủ trì (trước hội nghị)")
def change_hosts(request: HttpRequest, pk: Id, payload: HostsIn):
    from .record import change_hosts as change

    dialogue = _fetch(request, pk, "plan_dialogue")
    hosts = []
    for host in payload.hosts:
        found = Appointment.objects.filter(organization__unit=dialogue.unit).select_related("person", "position", "organization")
        appointment = found.filter(pk=host.appointment).first()
        behalf = found.filter(pk=host.on_behalf_of).first() if host.on_behalf_of else None
        if appointment is None or (host.on_behalf_of and behalf is None):
            raise HttpError(400, "Người chủ trì phải là người đang giữ chức vụ ở đơn vị này.")
        hosts.append(lifecycle.HostChoice(appointment, behalf, host.reason))
    return _out(_refused(lambda: change(dialogue, request.user, hosts, payload.reason)))


@router.post("/{pk}/agencies", response={200: DialogueOut, **ERRORS}, summary="Đổi cơ quan phối hợp (trước hội nghị)")
def change_agencies(request: HttpRequest, pk: Id, payload: AgenciesIn):
    from .record import set_agencies

    dialogue = _fetch(request, pk, "plan_dialogue")
    agencies = [lifecycle.AgencyTask(_unit_org(dialogue, row.organization), row.task) for row in payload.agencies]
    return _out(_refused(lambda: set_agencies(dialogue, request.user, agencies, payload.reason)))


@router.post("/{pk}/custodian", response={200: RecordOut, **ERRORS}, summary="Cơ quan lập, lưu hồ sơ đối thoại đột xuất")
def name_custodian(request: HttpRequest, pk: Id, payload: CustodianIn):
    from .record import name_custodian as name

    dialogue = _fetch(request, pk, "plan_dialogue")
    office = _unit_org(dialogue, payload.organization)
    return _record_out(_refused(lambda: name(dialogue, request.user, office, payload.note)))


@router.post("/{pk}/media", response={201: RecordOut, **ERRORS}, summary="Ghi một lần đưa tin về hội nghị")
def record_media(request: HttpRequest, pk: Id, payload: MediaIn):
    from .record import record_media as write

    dialogue = _fetch(request, pk, "plan_dialogue")
    args = (payload.channel, payload.on, payload.other_name, payload.link, payload.note)
    _refused(lambda: write(dialogue, request.user, *args))
    return 201, _record_out(Dialogue.objects.get(pk=dialogue.pk))


@router.get("/{pk}/record", response={200: RecordOut, **ERRORS}, summary="Đưa tin, việc khác, nơi lưu hồ sơ")
def read_record(request: HttpRequest, pk: Id):
    return _record_out(_fetch(request, pk))


def _record_out(dialogue: Dialogue) -> dict:
    from .record import media_checklist

    checks = media_checklist(dialogue)
    keeper = dialogue.dossier_keeper
    return {
        "dossier_kept_by": keeper.name if keeper else None,
        "dossier_custodian_note": dialogue.dossier_custodian_note,
        "media_channels": [
            {"code": c.rule.code, "name": c.rule.name, "citation": c.rule.citation, "on": c.on} for c in checks
        ],
        "missing_channels": [c.rule.name for c in checks if c.on is None],
        "duties": [
            {
                "code": duty.code,
                "title": duty.title,
                "owner": duty.owner.name if duty.owner else None,
                "due": duty.due,
                "state": duty.state(),
                "citation": duty.citation,
                "done_on": duty.done_on,
                "file_name": duty.file_name,
            }
            for duty in dialogue.duties.select_related("owner")
        ],
        "archive_incomplete": "allowed" if lifecycle.archive_incomplete_allowed(dialogue.profile) else "refused",
        "archived_incomplete_reason": dialogue.archived_incomplete_reason,
        "archived_missing": dialogue.archived_missing,
    }


@router.post(
    "/{pk}/duties/{code}/file", response={200: RecordOut, **ERRORS}, summary="Nộp tệp của một việc (báo cáo KT-XH…)"
)
def file_duty(request: HttpRequest, pk: Id, code: Choice, on: Form[Date], file: File[UploadedFile]):
    """Multipart: `file` (PDF, Word, scan; the common upload check) and `on` (the date it was done, not after today)."""
    from .access import can_do_duty
    from .record import MAX_DUTY_FILE_BYTES
    from .record import file_duty as store

    dialogue = _fetch(request, pk)
    duty = dialogue.duties.filter(code=code).first()
    if duty is None:
        raise HttpError(404, f"Cuộc đối thoại không có việc '{code}'.")
    if not can_do_duty(request.user, duty):
        raise HttpError(403, "Bạn không có quyền nộp tệp của việc này.")
    content = file.read(MAX_DUTY_FILE_BYTES + 1)
    _refused(lambda: store(duty, request.user, file.name or "", content, on))
    return _record_out(Dialogue.objects.get(pk=dialogue.pk))
