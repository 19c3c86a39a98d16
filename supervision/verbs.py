"""Every change to supervision, escalation and direction rows goes through one function here.

Each is atomic, locks the row it changes (or the dialogue/matter it hangs on), checks who may do it,
and leaves its history (django-simple-history, with the user). A refused change raises Refused (a
Vietnamese message, nothing written) or NotAllowed (403). Screens and the API call these only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from common import dates
from common.uploads import ATTACHMENTS, CheckedUpload, UploadRejected, check_upload
from dialogues.enums import HELD_STATUSES, Status
from dialogues.models import Dialogue
from organizations.access import can
from organizations.models import AdministrativeUnit, Organization
from petitions.models import Case

from .access import may_complete_direction, may_reply_to_finding, speaks_for
from .enums import DirectionState, EscalationKind
from .models import Direction, Escalation, Finding, Forecast, SupervisionPlan

MAX_FILE_BYTES = 20 * 1024 * 1024
# No seed gives the upper level a time to answer: 002 IV.3.1(2) only says "trình cấp trên giải quyết".
STAFF_DEADLINE = "Thời hạn do cơ quan tham mưu đặt: 000-004 không quy định thời hạn cấp trên trả lời."


class Refused(Exception):
    """A refused change; the message is shown to the user as it is."""


class NotAllowed(PermissionDenied):
    """The user may not make this change (403)."""


def _not_future(on: datetime.date | None, label: str) -> datetime.date:
    try:
        return dates.check_not_future(on or dates.today(), label)
    except ValidationError as error:
        raise Refused(error.messages[0]) from None


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise Refused(message)
    return value


def _checked(upload) -> CheckedUpload | None:
    if upload is None or isinstance(upload, CheckedUpload):
        return upload
    try:
        return check_upload(upload, allowed=ATTACHMENTS, max_bytes=MAX_FILE_BYTES)
    except UploadRejected as error:
        raise Refused(error.messages[0]) from None


def _saved(row, user: User | None, **fields):
    for name, value in fields.items():
        setattr(row, name, value)
    row._history_user = user
    row.save()
    return row


def _target_unit(dialogue: Dialogue | None, case: Case | None) -> AdministrativeUnit:
    if dialogue is None and case is None:
        raise Refused(_("Choose the dialogue or the matter this is about."))
    if dialogue is not None and case is not None and case.dialogue_id not in (None, dialogue.pk):
        raise Refused(_("The matter does not belong to this dialogue."))
    return (case or dialogue).unit


def _require_body(user: User, organization: Organization, unit: AdministrativeUnit) -> None:
    if not speaks_for(user, organization):
        raise NotAllowed
    if not unit.is_within(organization.unit):
        raise Refused(_("The supervising body is not of this unit or above it."))


# 1. The annual supervision plan (003 Điều 13.3, 14.3; 004 Điều 14.3, 15.3)


def _coverage(plan: SupervisionPlan, dialogues: Iterable[Dialogue], cases: Iterable[Case]) -> tuple[list, list]:
    dialogues, cases = list(dialogues), list(cases)
    if any(not item.unit.is_within(plan.unit) for item in [*dialogues, *cases]):
        raise Refused(_("A plan covers only dialogues and matters of its unit and below."))
    if any(item.date.year != plan.year for item in dialogues):
        raise Refused(_("A plan covers only dialogues of its year."))
    return dialogues, cases


@transaction.atomic
def create_plan(
    user: User,
    organization: Organization,
    year: int,
    title: str,
    content: str = "",
    dialogues: Iterable[Dialogue] = (),
    cases: Iterable[Case] = (),
) -> SupervisionPlan:
    """The body's plan for a year, with what it covers. Side effects: the plan and its coverage, with history."""
    _require_body(user, organization, organization.unit)
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one plan a year per body
    if SupervisionPlan.objects.filter(organization=organization, year=year).exists():
        raise Refused(_("This body already has a supervision plan for this year."))
    plan = SupervisionPlan(unit=organization.unit, organization=organization, year=year, created_by=user)
    plan = _saved(plan, user, title=_text(title, _("Give the plan a title.")), content=(content or "").strip())
    dialogues, cases = _coverage(plan, dialogues, cases)
    plan.dialogues.set(dialogues)
    plan.cases.set(cases)
    return plan


@transaction.atomic
def set_coverage(user: User, plan: SupervisionPlan, dialogues: Iterable[Dialogue], cases: Iterable[Case]) -> SupervisionPlan:
    """Replace the dialogues and matters the plan covers. Side effects: the m2m rows and their history."""
    plan = (
        SupervisionPlan.objects.select_for_update(of=("self",))
        .select_related("organization__unit", "organization__kind", "unit")
        .get(pk=plan.pk)
    )
    _require_body(user, plan.organization, plan.unit)
    dialogues, cases = _coverage(plan, dialogues, cases)
    plan._history_user = user
    plan.dialogues.set(dialogues)
    plan.cases.set(cases)
    return plan


# 2. Findings, the request to the agency, the agency's reply


@transaction.atomic
def record_finding(
    user: User,
    organization: Organization,
    finding: str,
    *,
    dialogue: Dialogue | None = None,
    case: Case | None = None,
    request: str = "",
    agency: Organization | None = None,
    found_on: datetime.date | None = None,
    plan: SupervisionPlan | None = None,
) -> Finding:
    """A finding on a dialogue or a matter, with the request to the agency. Side effects: the row and its history."""
    unit = _target_unit(dialogue, case)
    _require_body(user, organization, unit)
    if plan is not None and plan.organization_id != organization.pk:
        raise Refused(_("The plan is another body's."))
    if agency is not None and not unit.is_within(agency.unit):
        raise Refused(_("The agency asked is not of this unit or above it."))
    request = (request or "").strip()
    if request and agency is None:
        raise Refused(_("Name the agency the request is made to."))
    row = Finding(unit=unit, organization=organization, dialogue=dialogue or (case.dialogue if case else None), case=case)
    return _saved(
        row,
        user,
        plan=plan,
        finding=_text(finding, _("Write the finding.")),
        request=request,
        agency=agency,
        found_on=_not_future(found_on, "Ngày giám sát"),
        created_by=user,
    )


@transaction.atomic
def record_finding_reply(user: User, finding: Finding, reply: str, replied_on: datetime.date | None = None) -> Finding:
    """The agency's reply and its date (never in the future, never before the finding). Side effects: history."""
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("unit", "organization__unit", "organization__kind", "agency")
        .get(pk=finding.pk)
    )
    if not may_reply_to_finding(user, finding):
        raise NotAllowed
    if finding.agency is None:
        raise Refused(_("No request was made to an agency, so there is no reply to record."))
    replied_on = _not_future(replied_on, "Ngày cơ quan trả lời")
    if replied_on < finding.found_on:
        raise Refused(_("The reply cannot be dated before the finding."))
    return _saved(finding, user, reply=_text(reply, _("Write the agency's reply.")), replied_on=replied_on)


# 3. The Front's forecast before the conference (002 V.4, 003 Điều 14.1, 004 Điều 15.1)


@transaction.atomic
def attach_forecast(user: User, dialogue: Dialogue, organization: Organization, content: str, upload=None) -> Forecast:
    """Attach or replace the body's forecast; refused once the conference is held or its day has passed.

    Side effects: the forecast row (one per body and dialogue), its file, and history.
    """
    dialogue = Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)
    _require_body(user, organization, dialogue.unit)
    if dialogue.status in HELD_STATUSES or dialogue.status == Status.CANCELLED or dates.today() > dialogue.date:
        raise Refused(_("The forecast is reported before the conference (003 Điều 14.1); this conference is already held."))
    content = _text(content, _("Write the situations likely at the conference."))
    checked = _checked(upload)
    forecast = Forecast.objects.filter(dialogue=dialogue, organization=organization).first() or Forecast(
        dialogue=dialogue, organization=organization, created_by=user
    )
    if checked is not None:
        forecast.file.save(checked.name, ContentFile(checked.content), save=False)
        forecast.file_name = checked.name
    return _saved(forecast, user, content=content, submitted_on=dates.today())


# 4. Escalation to the upper level (002 IV.3.1(2)); a policy proposal is one kind


@transaction.atomic
def escalate(
    user: User,
    unit: AdministrativeUnit,
    content: str,
    upper_level: str,
    letter_number: str,
    letter_date: datetime.date,
    due: datetime.date,
    *,
    kind: str = EscalationKind.BEYOND_AUTHORITY,
    dialogue: Dialogue | None = None,
    case: Case | None = None,
    upload=None,
) -> Escalation:
    """Record the letter to the upper level and when its reply is expected. Side effects: the row, its file, history."""
    if not can(user, "follow_up_conclusions", unit):
        raise NotAllowed
    if kind not in EscalationKind.values:
        raise Refused(_("Unknown kind of escalation."))
    if any(item is not None and item.unit_id != unit.pk for item in (dialogue, case)):
        raise Refused(_("The dialogue or matter belongs to another unit."))
    if case is not None:
        Case.objects.select_for_update().filter(pk=case.pk).first()
    letter_date = _not_future(letter_date, "Ngày văn bản kiến nghị")
    if due is None or due < letter_date:
        raise Refused(_("Set the date by which the upper level's reply is expected, not before the letter."))
    checked = _checked(upload)
    row = Escalation(unit=unit, kind=kind, dialogue=dialogue or (case.dialogue if case else None), case=case, created_by=user)
    if checked is not None:
        row.letter_file.save(checked.name, ContentFile(checked.content), save=False)
        row.letter_file_name = checked.name
    return _saved(
        row,
        user,
        content=_text(content, _("Write what is proposed to the upper level.")),
        upper_level=_text(upper_level, _("Name the upper level the letter went to.")),
        letter_number=_text(letter_number, _("Give the letter's number.")),
        letter_date=letter_date,
        due=due,
        due_rule=STAFF_DEADLINE,
    )


@transaction.atomic
def record_escalation_reply(
    user: User, escalation: Escalation, reply: str, replied_on: datetime.date | None = None
) -> Escalation:
    """The upper level's reply and the date it was received. Side effects: history; the escalation stops being chased."""
    escalation = Escalation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=escalation.pk)
    if not can(user, "follow_up_conclusions", escalation.unit):
        raise NotAllowed
    replied_on = _not_future(replied_on, "Ngày nhận trả lời của cấp trên")
    if replied_on < escalation.letter_date:
        raise Refused(_("The reply cannot be dated before the letter."))
    return _saved(escalation, user, reply=_text(reply, _("Write the upper level's reply.")), replied_on=replied_on)


# 5. Directions to handle the cadres who caused the problem (002 IV.3.1(2))


@transaction.atomic
def direct(
    user: User,
    unit: AdministrativeUnit,
    content: str,
    owner: Organization,
    due: datetime.date,
    *,
    directed_on: datetime.date | None = None,
    dialogue: Dialogue | None = None,
    case: Case | None = None,
) -> Direction:
    """A follow-up duty with an owner and a deadline. Side effects: the row and its history."""
    if not can(user, "follow_up_conclusions", unit):
        raise NotAllowed
    if any(item is not None and item.unit_id != unit.pk for item in (dialogue, case)):
        raise Refused(_("The dialogue or matter belongs to another unit."))
    if not unit.is_within(owner.unit):
        raise Refused(_("The owner is not an organisation of this unit or above it."))
    directed_on = _not_future(directed_on, "Ngày chỉ đạo")
    if due is None or due < directed_on:
        raise Refused(_("Set a deadline on or after the day of the direction."))
    row = Direction(unit=unit, dialogue=dialogue or (case.dialogue if case else None), case=case, created_by=user)
    return _saved(row, user, content=_text(content, _("Write the direction.")), owner=owner, due=due, directed_on=directed_on)


@transaction.atomic
def complete_direction(user: User, direction: Direction, result: str, done_on: datetime.date | None = None) -> Direction:
    """The owner reports the result; the duty is done. Side effects: history."""
    direction = Direction.objects.select_for_update(of=("self",)).select_related("unit", "owner").get(pk=direction.pk)
    if not may_complete_direction(user, direction):
        raise NotAllowed
    if direction.state == DirectionState.DONE:
        raise Refused(_("This direction is already done."))
    done_on = _not_future(done_on, "Ngày hoàn thành")
    if done_on < direction.directed_on:
        raise Refused(_("The result cannot be dated before the direction."))
    return _saved(direction, user, result=_text(result, _("Write the result.")), done_on=done_on, state=DirectionState.DONE)
