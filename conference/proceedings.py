"""Every change on the conference day goes through one function here (ConferenceError: a Vietnamese message).

Programme from the profile's order of business; attendance; the speakers' queue the secretary manages;
the minutes with optimistic locking; the outcome of each opinion; the conclusion notice (Mẫu 9).
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogues import lifecycle
from dialogues.enums import HELD_STATUSES
from dialogues.models import Dialogue
from organizations.models import Organization
from petitions import casework
from petitions.deadlines import after_conference_deadline
from petitions.enums import CaseStatus, Channel
from petitions.models import Case, CaseEvent, Petition

from . import alerts
from .models import (
    UNSETTLED,
    ConclusionNotice,
    Invitee,
    Minutes,
    NoticeRecipient,
    OpinionOutcome,
    OutcomeKind,
    ProgrammeItem,
    RefusalGround,
    Speaker,
    SpeakerStatus,
)

WHO_LABELS = {
    "advising_office": "Cơ quan chủ trì tham mưu",
    "host": "Người chủ trì",
    "chair": "Chủ trì hội nghị",
    "agency": "Lãnh đạo cơ quan chuyên môn",
    "citizens": "Nhân dân",
    "secretary": "Thư ký",
}


class ConferenceError(Exception):
    """A refused change; the message is shown to the user as it is."""


def _at(dialogue: Dialogue, minutes: int) -> datetime.time:
    start = datetime.datetime.combine(dialogue.date, dialogue.start_time) + datetime.timedelta(minutes=minutes)
    return start.time()


def programme_rows(dialogue: Dialogue) -> list[ProgrammeItem]:
    """The saved programme, or (unsaved) the one the profile's order of business gives, timed from the start."""
    saved = list(dialogue.programme.all())
    if saved:
        return saved
    items, elapsed = [], 0
    for order, rule in enumerate(dialogue.profile.agenda.all(), start=1):
        items.append(
            ProgrammeItem(
                dialogue=dialogue,
                order=order,
                title=rule.title,
                who=WHO_LABELS.get(rule.who, rule.who),
                start_time=_at(dialogue, elapsed),
                end_time=_at(dialogue, elapsed + rule.minutes),
                citation=rule.citation,
            )
        )
        elapsed += rule.minutes
    return items


@transaction.atomic
def build_programme(dialogue: Dialogue) -> list[ProgrammeItem]:
    """Save the programme from the profile's order of business (once; then it is edited). On an explicit
    POST only; the dialogue row is locked so two clicks cannot save it twice (and (dialogue, order) is unique)."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    items = programme_rows(dialogue)
    for item in items:
        if item.pk is None:
            item.save()
    return items


@transaction.atomic
def invite_from_plan(dialogue: Dialogue) -> int:
    """One invitation per organisation and person of the plan's participant groups (missing ones only).

    The dialogue row is locked, so two clicks create each invitation once (also unique in the database).
    """
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    created = 0
    for group in dialogue.participant_groups.prefetch_related("organizations", "people"):
        for organization in group.organizations.all():
            _, made = Invitee.objects.get_or_create(
                dialogue=dialogue, group=group, organization=organization, defaults={"name": organization.name}
            )
            created += made
        for person in group.people.all():
            _, made = Invitee.objects.get_or_create(dialogue=dialogue, group=group, name=person.full_name)
            created += made
    return created


def check_in(invitee: Invitee) -> Invitee:
    """Mark present; a second check-in changes nothing and says when the first one was."""
    if invitee.checked_in_at is not None:
        raise ConferenceError(
            f"{invitee.name} đã điểm danh lúc {timezone.localtime(invitee.checked_in_at):%H:%M} ngày "
            f"{timezone.localtime(invitee.checked_in_at):%d/%m/%Y}; không cần điểm danh lại."
        )
    invitee.checked_in_at = timezone.now()
    invitee.save(update_fields=["checked_in_at"])
    return invitee


def add_walk_in(dialogue: Dialogue, name: str, online: bool = False) -> Invitee:
    name = (name or "").strip()
    if not name:
        raise ConferenceError(_("Give the participant's name."))
    return Invitee.objects.create(dialogue=dialogue, name=name, walk_in=not online, online=online, checked_in_at=timezone.now())


def _require_open(dialogue: Dialogue) -> None:
    if not dialogue.is_open:
        raise ConferenceError(_("This dialogue can no longer change."))


@transaction.atomic
def register_speaker(
    dialogue: Dialogue,
    name: str,
    topic: str,
    residential_group: str = "",
    petitions=(),
    before: bool = False,
    limit_seconds: int = 300,
) -> Speaker:
    """Add a speaker at the end of the queue (before the conference from the collected opinions, or in the hall)."""
    _require_open(dialogue)
    if not (name or "").strip() or not (topic or "").strip():
        raise ConferenceError(_("A speaker needs a name and a topic."))
    if not 30 <= limit_seconds <= 1800:
        raise ConferenceError(_("The time limit must be between 30 seconds and 30 minutes."))
    last = dialogue.speakers.aggregate(last=Max("position"))["last"] or 0
    speaker = Speaker.objects.create(
        dialogue=dialogue,
        name=name.strip(),
        topic=topic.strip(),
        residential_group=(residential_group or "").strip(),
        registered_before=before,
        position=last + 1,
        limit_seconds=limit_seconds,
    )
    speaker.petitions.set(petitions)
    return speaker


def queue(dialogue: Dialogue):
    return dialogue.speakers.filter(status=SpeakerStatus.WAITING).order_by("position", "id")


def current(dialogue: Dialogue) -> Speaker | None:
    return dialogue.speakers.filter(status=SpeakerStatus.SPEAKING).first()


@transaction.atomic
def call_next(dialogue: Dialogue) -> Speaker | None:
    """The speaking person (if any) has spoken; the first waiting one takes the floor with the clock started."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _require_open(dialogue)
    speaking = current(dialogue)
    if speaking is not None:
        finish(speaking)
    following = queue(dialogue).first()
    if following is None:
        return None
    following.status, following.started_at = SpeakerStatus.SPEAKING, timezone.now()
    following.save(update_fields=["status", "started_at"])
    return following


def finish(speaker: Speaker, summary: str = "") -> Speaker:
    """Mark the speaker as having spoken, with the summary of the speech for the minutes."""
    if speaker.status not in (SpeakerStatus.SPEAKING, SpeakerStatus.WAITING):
        raise ConferenceError(_("This speaker is no longer in the queue."))
    speaker.status, speaker.ended_at = SpeakerStatus.SPOKEN, timezone.now()
    if summary:
        speaker.summary = summary.strip()
    speaker.save(update_fields=["status", "ended_at", "summary"])
    return speaker


@transaction.atomic
def move(speaker: Speaker, step: int) -> None:
    """Move a waiting speaker up (-1) or down (+1) in the queue."""
    waiting = list(queue(speaker.dialogue).select_for_update())
    if speaker not in waiting:
        raise ConferenceError(_("Only a waiting speaker can be moved."))
    index = waiting.index(speaker)
    target = index + step
    if not 0 <= target < len(waiting):
        return
    waiting[index], waiting[target] = waiting[target], waiting[index]
    for position, item in enumerate(waiting, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def refuse(speaker: Speaker, ground: str, reason: str) -> Speaker:
    """003 Điều 4.3: the chair refuses to dialogue with this person — recorded with the ground and the reason."""
    if ground not in RefusalGround.values:
        raise ConferenceError(_("Choose the ground for refusing (003 Article 4.3)."))
    if not (reason or "").strip():
        raise ConferenceError(_("Record the reason for refusing."))
    if speaker.status in (SpeakerStatus.SPOKEN, SpeakerStatus.REFUSED):
        raise ConferenceError(_("This speaker is no longer in the queue."))
    speaker.status, speaker.refusal_ground, speaker.refusal_reason = SpeakerStatus.REFUSED, ground, reason.strip()
    speaker.ended_at = timezone.now()
    speaker.save()
    return speaker


class MinutesConflict(ConferenceError):
    """Someone else saved the minutes since this editor loaded them."""


MINUTES_FIELDS = ["time_and_place", "composition", "content", "proceedings", "conclusion", "end_time"]


def minutes_draft(dialogue: Dialogue) -> Minutes:
    """The saved minutes, or an unsaved first version to show (reading the page writes nothing)."""
    saved = Minutes.objects.filter(dialogue=dialogue).first()
    return saved or Minutes(dialogue=dialogue, time_and_place=_time_and_place(dialogue))


def _time_and_place(dialogue: Dialogue) -> str:
    return f"{dialogue.start_time:%H giờ %M}, ngày {dialogue.date:%d/%m/%Y}, tại {dialogue.venue or '…'}"


def minutes_for(dialogue: Dialogue) -> Minutes:
    """The minutes row, created on the first save (call only from a write)."""
    minutes, _created = Minutes.objects.get_or_create(
        dialogue=dialogue,
        defaults={
            "time_and_place": _time_and_place(dialogue),
        },
    )
    return minutes


@transaction.atomic
def save_minutes(dialogue: Dialogue, user: User, version: int, **fields) -> Minutes:
    """Save only if nobody saved since `version` was read; otherwise MinutesConflict and nothing changes."""
    unknown = set(fields) - set(MINUTES_FIELDS)
    if unknown:
        raise ConferenceError(_("Unknown part of the minutes."))
    minutes = Minutes.objects.select_for_update().get(pk=minutes_for(dialogue).pk)
    if minutes.version != version:
        who = (minutes.updated_by.first_name or minutes.updated_by.username) if minutes.updated_by else "?"
        raise MinutesConflict(
            _("%(who)s saved the minutes at %(time)s while you were editing. Reload to see their text, then add yours.")
            % {"who": who, "time": timezone.localtime(minutes.updated_at).strftime("%H:%M:%S")}
        )
    for name, value in fields.items():
        setattr(minutes, name, value)
    minutes.version, minutes.updated_by, minutes.updated_at = version + 1, user, timezone.now()
    minutes.save()
    return minutes


@transaction.atomic
def record_outcome(
    dialogue: Dialogue, user: User, case: Case, kind: str, agency: Organization | None = None, note: str = ""
) -> OpinionOutcome:
    """The outcome of a matter at the conference; an unsettled one becomes a tracked duty (assigned, with its deadline)."""
    if kind not in OutcomeKind.values:
        raise ConferenceError(_("Choose the outcome."))
    dialogue = Dialogue.objects.get(pk=dialogue.pk)
    if case.dialogue_id != dialogue.pk:
        raise ConferenceError(_("This opinion is not one of this dialogue's."))
    if dialogue.status not in HELD_STATUSES and dialogue.status != "announced" and dialogue.kind != "ad_hoc":
        raise ConferenceError(_("Outcomes are recorded at or after the conference."))
    if kind == OutcomeKind.WRITTEN and agency is None:
        raise ConferenceError(_("Choose the agency that will answer in writing."))
    outcome, _created = OpinionOutcome.objects.update_or_create(
        case=case, defaults={"dialogue": dialogue, "kind": kind, "agency": agency, "note": (note or "").strip()}
    )
    if kind in UNSETTLED and case.status != CaseStatus.CLOSED:
        jurisdiction = "upper" if kind == OutcomeKind.ESCALATE else (case.jurisdiction or "within")
        case = casework.classify(case, user, case.field, jurisdiction)
        target = agency or case.agency or dialogue.advising_office
        deadline = after_conference_deadline(dialogue)
        reason = _("Outcome at the conference") if case.agency_id and case.agency_id != target.pk else ""
        try:
            casework.assign(case, user, target, deadline.due, reason, rule=deadline.rule)
        except casework.CaseError as error:
            raise ConferenceError(str(error)) from None
    return outcome


def opinion_at_conference(dialogue: Dialogue, user: User, content: str, speaker: Speaker | None = None) -> Petition:
    """A new opinion spoken in the hall becomes a petition record with the channel "at the conference"."""
    petition = casework.receive(
        user,
        dialogue.unit,
        casework.Opinion(content),
        Channel.AT_CONFERENCE,
        None,
        dialogue.date if dialogue.date <= timezone.localdate() else None,
        dialogue,
    )
    if speaker is not None:
        speaker.petitions.add(petition)
    return petition


def without_outcome(dialogue: Dialogue):
    """The dialogue's matters with no outcome recorded at the conference (Mẫu 9 counts them as unsettled)."""
    return Case.objects.filter(dialogue=dialogue, conference_outcome__isnull=True).select_related("agency")


def notice_counts(dialogue: Dialogue) -> tuple[int, int]:
    """(settled, unsettled) over every matter of the dialogue: one without an outcome is not settled."""
    settled = dialogue.outcomes.filter(kind=OutcomeKind.SETTLED).count()
    return settled, Case.objects.filter(dialogue=dialogue).count() - settled


RECIPIENT_KINDS = {
    "mass_mobilization_board": "Ban Dân vận / Ban Tuyên giáo và Dân vận",
    "party_building_board": "Ban Xây dựng Đảng",
    "fatherland_front": "Ủy ban Mặt trận Tổ quốc",
    "mass_organization": "Tổ chức chính trị - xã hội",
}


def planned_recipients(dialogue: Dialogue) -> list[dict]:
    """003 Điều 10.1: the competent agencies, the petitioners, Ban Dân vận / Ban XDĐ, the Front and mass organisations."""
    rows: list[dict] = []
    seen: set[int] = set()
    agencies = Organization.objects.filter(assigned_cases__dialogue=dialogue).distinct()
    for organization in agencies:
        rows.append({"organization": organization, "petition": None, "role": "Cơ quan có thẩm quyền giải quyết"})
        seen.add(organization.pk)
    for organization in dialogue.unit.organizations.filter(kind__code__in=RECIPIENT_KINDS, is_active=True):
        if organization.pk not in seen:
            rows.append({"organization": organization, "petition": None, "role": RECIPIENT_KINDS[organization.kind.code]})
    for petition in Petition.objects.filter(dialogue=dialogue, petitioner__isnull=False):
        rows.append({"organization": None, "petition": petition, "role": "Người kiến nghị"})
    return rows


@transaction.atomic
def issue_notice(
    dialogue: Dialogue, user: User, issued_on: datetime.date, extension_reason: str = "", duties: str = ""
) -> ConclusionNotice:
    """Issue the conclusion notice (Mẫu 9).

    Side effects: the dialogue is concluded (10 working days, up to 15 with a reason, later shown as
    late — 003 Điều 10.1); the `answer` deadline is recomputed from the issue date and set on every
    assigned matter of the dialogue; the recipients (petitioners included) are listed and marked sent.
    The petitioners' written answers are recorded later by the agency (casework.tell_petitioner).
    The Front and supervising boards of the unit are notified (conference/alerts.py).
    """
    if hasattr(dialogue, "conclusion_notice"):
        raise ConferenceError(_("The conclusion notice has already been issued."))
    try:
        dialogue = lifecycle.conclude(dialogue, user, issued_on, extension_reason)
    except lifecycle.TransitionError as error:
        raise ConferenceError(str(error)) from None
    settled, unsettled = notice_counts(dialogue)
    notice = ConclusionNotice.objects.create(
        dialogue=dialogue,
        issued_on=issued_on,
        settled=settled,
        unsettled=unsettled,
        advising_duties=(duties or "").strip(),
        issued_by=user,
    )
    deadline = after_conference_deadline(dialogue)
    due = deadline.due
    for case in Case.objects.filter(dialogue=dialogue, agency__isnull=False).exclude(status=CaseStatus.CLOSED):
        if due and case.due != due:
            old = case.due
            case.due, case.due_rule = due, deadline.rule[:300]
            case.save(update_fields=["due", "due_rule"])
            CaseEvent.objects.create(
                case=case,
                action="deadline_from_notice",
                by=user,
                detail={"old": old.isoformat() if old else None, "new": due.isoformat()},
            )
    for row in planned_recipients(dialogue):
        # Being named in the notice is not the written answer: `told_on` stays for the agency to record.
        NoticeRecipient.objects.create(notice=notice, sent_on=issued_on, **row)
    alerts.notice_issued(notice)
    return notice
