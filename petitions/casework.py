"""Every change to an opinion or a matter goes through one function here, which writes its event.

Each raises CaseError (a Vietnamese message) and changes nothing when the change is not allowed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils.translation import gettext as _

from common import dates
from dialogues import progress
from dialogues.models import Dialogue
from notifications import petitioners as petitioner_notices
from organizations.access import memberships
from organizations.enums import Role
from organizations.models import AdministrativeUnit, Organization
from regulations.models import OpinionField

from . import alerts
from .deadlines import answer_deadline
from .enums import SENT_ELSEWHERE, CaseStatus, Channel, Jurisdiction, Outcome, PetitionerKind
from .models import Case, CaseEvent, OpinionSheet, Petition, Petitioner, new_tracking_code


class CaseError(Exception):
    """A refused change; the message is shown to the user as it is."""


@dataclass
class PetitionerData:
    kind: str = PetitionerKind.UNKNOWN
    full_name: str = ""
    organization_name: str = ""
    representative: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    residential_group: Organization | None = None

    def build(self) -> Petitioner | None:
        if self.kind == PetitionerKind.UNKNOWN:
            return None
        if self.kind == PetitionerKind.PERSON and not self.full_name.strip():
            raise CaseError(_("Give the petitioner's name, or choose “unknown”."))
        if self.kind == PetitionerKind.ORGANIZATION and not self.organization_name.strip():
            raise CaseError(_("Give the organisation's name and its representative."))
        return Petitioner.objects.create(
            kind=self.kind,
            full_name=self.full_name.strip(),
            organization_name=self.organization_name.strip(),
            representative=self.representative.strip(),
            address=self.address.strip(),
            phone=self.phone.strip(),
            email=self.email.strip(),
            residential_group=self.residential_group,
        )


@dataclass
class Opinion:
    content: str
    field: OpinionField | None = None
    field_hint: str = ""


def _event(case: Case, action: str, user: User | None, reason: str = "", **detail) -> None:
    CaseEvent.objects.create(case=case, action=action, by=user, reason=reason, detail=detail)


def _not_future(on: datetime.date | None, label: str) -> datetime.date:
    """The date given, or today; never after today (common.dates, the one check for screens and API)."""
    try:
        return dates.check_not_future(on or dates.today(), label)
    except ValidationError as error:
        raise CaseError(error.messages[0]) from None


def _refresh_steps(case: Case, user: User | None, on: datetime.date | None = None) -> None:
    """The dialogue's collect, classify and answer steps follow the work (dialogues.progress)."""
    if case.dialogue_id is not None:
        progress.refresh_work_steps(Dialogue(pk=case.dialogue_id), user, on)


def dialogue_work(dialogue: Dialogue, held_on: datetime.date | None) -> progress.Work:
    """The counts dialogues.progress needs, in two aggregate queries whatever the number of matters.

    Registered from PetitionsConfig.ready(). "Collected before the conference": a matter with an opinion
    not spoken in the hall (Channel.AT_CONFERENCE).
    """
    collected = Petition.objects.filter(case=OuterRef("pk")).exclude(channel=Channel.AT_CONFERENCE)
    before = Q(collected=True)
    totals = (
        Case.objects.filter(dialogue=dialogue)
        .annotate(collected=Exists(collected))
        .aggregate(
            matters=Count("pk", filter=before),
            unassigned=Count("pk", filter=before & Q(agency__isnull=True)),
            last_assigned=Max("assigned_on", filter=before),
            all_matters=Count("pk"),
            unanswered=Count("pk", filter=~Q(status=CaseStatus.CLOSED)),
            last_answered=Max("approved_on"),
        )
    )
    last_collected = None
    if held_on is not None:
        opinions = Petition.objects.filter(dialogue=dialogue, received_on__lte=held_on).exclude(channel=Channel.AT_CONFERENCE)
        last_collected = opinions.aggregate(last=Max("received_on"))["last"]
    return progress.Work(last_collected=last_collected, **totals)


def _check_dialogue(unit: AdministrativeUnit, dialogue: Dialogue | None) -> None:
    if dialogue is not None and dialogue.unit_id != unit.pk:
        raise CaseError(_("The dialogue belongs to another unit."))


@transaction.atomic
def receive(
    user: User | None,
    unit: AdministrativeUnit,
    opinion: Opinion,
    channel: str,
    petitioner: PetitionerData | Petitioner | None = None,
    received_on: datetime.date | None = None,
    dialogue: Dialogue | None = None,
    sheet: OpinionSheet | None = None,
    follow_up_of: Petition | None = None,
    tracking_code: str | None = None,
) -> Petition:
    """Record one opinion from any channel: a new matter of its own, and a tracking code for the petitioner.

    `tracking_code` keeps a code the petitioner already holds (an opinion sent from the public portal), so
    the "received" event and the petition carry it from the start; a code already given to another
    opinion is refused. Without it a new code is drawn.
    """
    if channel not in Channel.values:
        raise CaseError(_("Unknown channel."))
    content = (opinion.content or "").strip()
    if not content:
        raise CaseError(_("The content of the opinion is empty."))
    _check_dialogue(unit, dialogue)
    if tracking_code and Petition.objects.filter(tracking_code=tracking_code).exists():
        raise CaseError(f"Mã theo dõi {tracking_code} đã được cấp cho một ý kiến khác.")
    received_on = _not_future(received_on, "Ngày tiếp nhận")
    if isinstance(petitioner, PetitionerData):
        petitioner = petitioner.build()
    case = Case.objects.create(unit=unit, dialogue=dialogue, summary=content, field=opinion.field)
    if opinion.field is not None:
        case.status = CaseStatus.CLASSIFIED if case.jurisdiction else CaseStatus.RECEIVED
    petition = Petition.objects.create(
        unit=unit,
        dialogue=dialogue,
        case=case,
        content=content,
        channel=channel,
        received_on=received_on,
        petitioner=petitioner,
        sheet=sheet,
        field_hint=opinion.field_hint or (opinion.field.name if opinion.field else ""),
        follow_up_of=follow_up_of,
        created_by=user,
        tracking_code=tracking_code or new_tracking_code(),
    )
    _event(case, "received", user, channel=channel, petition=petition.tracking_code)
    if follow_up_of is not None:
        _event(follow_up_of.case, "follow_up", user, petition=petition.tracking_code)
    return petition


@transaction.atomic
def receive_sheet(
    user: User | None,
    unit: AdministrativeUnit,
    petitioner: PetitionerData,
    opinions: list[Opinion],
    received_on: datetime.date,
    dialogue: Dialogue | None = None,
) -> list[Petition]:
    """A Mẫu 4 opinion form: several opinions, one per field, each its own record linked to the form."""
    opinions = [opinion for opinion in opinions if (opinion.content or "").strip()]
    if not opinions:
        raise CaseError(_("The form has no opinion."))
    fields = [opinion.field.pk for opinion in opinions if opinion.field]
    if len(fields) != len(set(fields)):
        raise CaseError(_("A Form 4 holds one opinion per field; two opinions have the same field."))
    person = petitioner.build()
    sheet = OpinionSheet.objects.create(unit=unit, dialogue=dialogue, petitioner=person, received_on=received_on, created_by=user)
    return [receive(user, unit, opinion, Channel.PAPER_FORM, person, received_on, dialogue, sheet=sheet) for opinion in opinions]


@transaction.atomic
def classify(case: Case, user: User | None, field: OpinionField | None, jurisdiction: str) -> Case:
    """Set the field and the jurisdiction (Mẫu 5)."""
    if jurisdiction not in Jurisdiction.values:
        raise CaseError(_("Choose the jurisdiction."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise CaseError(_("This matter is closed."))
    case.field, case.jurisdiction = field, jurisdiction
    if case.status == CaseStatus.RECEIVED:
        case.status = CaseStatus.CLASSIFIED
    case.save()
    _event(case, "classified", user, field=field.name if field else "", jurisdiction=jurisdiction)
    return case


@transaction.atomic
def group(target: Case, others: list[Case], user: User | None) -> Case:
    """The same matter raised by many: move every petition into one matter, answered once for all.

    Side effect: the dialogue's classify step may be done by it (dialogues.progress).
    """
    target = Case.objects.select_for_update().get(pk=target.pk)
    others = list(Case.objects.select_for_update().filter(pk__in=[case.pk for case in others]).exclude(pk=target.pk))
    if not others:
        raise CaseError(_("Choose at least one other opinion to group with this one."))
    for case in [target, *others]:
        if case.status == CaseStatus.CLOSED:
            raise CaseError(_("A closed matter cannot be grouped."))
        if case.unit_id != target.unit_id:
            raise CaseError(_("Only opinions of the same unit can be grouped."))
    moved = []
    for case in others:
        moved += list(case.petitions.values_list("tracking_code", flat=True))
        case.petitions.update(case=target)
        if target.field_id is None and case.field_id:
            target.field = case.field
        case.delete()
    target.save()
    _event(target, "grouped", user, petitions=moved)
    _refresh_steps(target, user)  # the last unassigned matter may have joined an assigned one
    return target


def _agency_members(user: User, case: Case, roles: set[str]) -> bool:
    return any(m.organization_id == case.agency_id and m.role in roles for m in memberships(user))


def may_draft(user: User, case: Case) -> bool:
    return case.agency_id is not None and _agency_members(user, case, {Role.AGENCY_OFFICER, Role.AGENCY_HEAD})


def may_approve(user: User, case: Case) -> bool:
    return case.agency_id is not None and _agency_members(user, case, {Role.AGENCY_HEAD})


@transaction.atomic
def assign(
    case: Case, user: User | None, agency: Organization, due: datetime.date | None = None, reason: str = "", rule: str = ""
) -> Case:
    """Give the matter to an agency with its deadline (from the dialogue's schedule unless given; `rule` says
    where a given date comes from, else it is the advising office's).

    Reassigning to another agency needs a reason. Side effects: the agency's officers and head are notified;
    the dialogue's classify step is done when this was its last matter to assign (dialogues.progress).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise CaseError(_("This matter is closed."))
    if not case.jurisdiction:
        raise CaseError(_("Classify the matter (field and jurisdiction) before assigning it."))
    reassigning = case.agency_id is not None and case.agency_id != agency.pk
    if reassigning and not (reason or "").strip():
        raise CaseError(_("Reassigning to another agency needs a reason."))
    if due is None:
        deadline = answer_deadline(case.dialogue)
        due, rule = deadline.due, deadline.rule
        if due is None:
            raise CaseError(_("Set the answer deadline: %(why)s") % {"why": deadline.rule})
    elif not rule:
        rule = _("Set by the advising office")
    previous = case.agency.name if case.agency else ""
    case.agency, case.due, case.due_rule = agency, due, rule
    case.assigned_on = dates.today()
    case.status = CaseStatus.ASSIGNED
    case.outcome, case.answer, case.drafted_by = "", "", None
    case.save()
    _event(
        case,
        "reassigned" if reassigning else "assigned",
        user,
        reason.strip(),
        agency=agency.name,
        previous=previous,
        due=due.isoformat(),
    )
    alerts.assigned(case)
    _refresh_steps(case, user)
    return case


@transaction.atomic
def draft_answer(
    case: Case,
    user: User,
    outcome: str,
    answer: str,
    legal_reason: str = "",
    new_due: datetime.date | None = None,
    sent_to: str = "",
) -> Case:
    """The agency officer drafts the answer (Mẫu 6 content) for the agency head to approve."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not may_draft(user, case):
        raise CaseError(_("Only the assigned agency drafts the answer."))
    if case.status not in (CaseStatus.ASSIGNED, CaseStatus.DRAFTED):
        raise CaseError(_("Only an assigned matter can be answered."))
    if outcome not in Outcome.values:
        raise CaseError(_("Choose the outcome."))
    if not (answer or "").strip():
        raise CaseError(_("Write the answer."))
    if outcome == Outcome.MORE_TIME:
        if not (legal_reason or "").strip() or new_due is None:
            raise CaseError(_("More time needs its legal reason and the new date."))
        if case.due and new_due <= case.due:
            raise CaseError(_("The new date must be after the current deadline."))
    if outcome in SENT_ELSEWHERE and not (sent_to or "").strip():
        raise CaseError(_("Say where the matter is sent."))
    case.outcome, case.answer = outcome, answer.strip()
    case.legal_reason, case.proposed_due, case.sent_to = (legal_reason or "").strip(), new_due, (sent_to or "").strip()
    case.drafted_by, case.status = user, CaseStatus.DRAFTED
    case.save()
    _event(case, "drafted", user, outcome=outcome)
    return case


@transaction.atomic
def approve(case: Case, user: User, on: datetime.date | None = None) -> Case:
    """The agency head approves: the matter closes, or (more time) continues with its new date; the drafter is notified.

    Side effect: closing the dialogue's last open matter does its answer step, dated the last approval (dialogues.progress).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not may_approve(user, case):
        raise CaseError(_("Only the head of the assigned agency approves the answer."))
    if case.status != CaseStatus.DRAFTED:
        raise CaseError(_("There is no drafted answer to approve."))
    on = _not_future(on, "Ngày duyệt trả lời")
    case.approved_by, case.approved_on = user, on
    if case.outcome == Outcome.MORE_TIME:
        old_due = case.due
        case.due, case.due_rule, case.status = case.proposed_due, case.legal_reason, CaseStatus.ASSIGNED
        case.save()
        _event(
            case,
            "more_time",
            user,
            case.legal_reason,
            old_due=old_due.isoformat() if old_due else None,
            new_due=case.due.isoformat(),
        )
        alerts.reviewed(case, "case_approved")
        petitioner_notices.more_time(case, old_due)  # consenting petitioners hear the new date (003 Điều 10.2)
        return case
    case.status = CaseStatus.CLOSED
    case.save()
    _event(case, "approved", user, outcome=case.outcome)
    alerts.reviewed(case, "case_approved")
    petitioner_notices.answer_approved(case)  # petitioners who consented hear of the answer (003 Điều 10.2)
    _refresh_steps(case, user, on)
    return case


@transaction.atomic
def return_answer(case: Case, user: User, comments: str) -> Case:
    """The agency head sends the drafted answer back to the officer with comments (kept in the history).

    The draft stays as written for the officer to revise; the matter is assigned again; the drafter is notified.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not may_approve(user, case):
        raise CaseError(_("Only the head of the assigned agency approves the answer."))
    if case.status != CaseStatus.DRAFTED:
        raise CaseError(_("There is no drafted answer to approve."))
    comments = (comments or "").strip()
    if not comments:
        raise CaseError("Ghi ý kiến khi trả lại dự thảo để cán bộ sửa.")
    case.status = CaseStatus.ASSIGNED
    case.save(update_fields=["status"])
    _event(case, "returned", user, comments, outcome=case.outcome)
    alerts.reviewed(case, "case_returned", comments)
    return case


@transaction.atomic
def tell_petitioner(petition: Petition, user: User | None, on: datetime.date, how: str) -> Petition:
    """Record how and when the agency's written answer reached the petitioner (003 Điều 10.2; 004 Điều 11.2).

    Being named in the conclusion notice is a separate fact (NoticeRecipient). The date is never after
    today nor before the opinion was received; after the answer deadline it is recorded and shown as late.
    Also used for telling of a delay (002 Mẫu 9 3.2).
    """
    if not (how or "").strip():
        raise CaseError(_("Say how the petitioner was told."))
    on = _not_future(on, "Ngày trả lời người kiến nghị")
    if on < petition.received_on:
        raise CaseError("Ngày trả lời không thể trước ngày tiếp nhận ý kiến.")
    case = petition.case
    late = bool(case.due and on > case.due)
    petition.told_on, petition.told_how = on, how.strip()
    petition.save(update_fields=["told_on", "told_how"])
    _event(case, "told", user, how.strip(), petition=petition.tracking_code, on=on.isoformat(), late=late)
    return petition
