"""Verbs that keep a dialogue's record after planning: hosts, co-operating agencies, the dossier custodian,
media announcements and the profile's extra duties (issues 11-12).

Each runs in a transaction on the locked dialogue row, writes a DialogueEvent, and raises
lifecycle.TransitionError (a Vietnamese message) without changing anything when it is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction

from common.uploads import ATTACHMENTS, UploadRejected, check_upload
from organizations.models import Organization
from regulations.models import DutyRule, MediaChannel
from workdays.calendar import WorkCalendar

from .enums import HELD_STATUSES, DialogueKind, Status, StepCode, StepStatus
from .hosts import advising_office_for, delegate_candidates, host_candidates, office_of_kind
from .lifecycle import AgencyTask, HostChoice, TransitionError, _locked, _not_future, _record, _require_open, _require_reason
from .models import CooperatingAgency, Dialogue, DialogueDuty, DialogueHost, MediaAnnouncement

MAX_DUTY_FILE_BYTES = 20 * 1024 * 1024


def _before_conference(dialogue: Dialogue, what: str) -> None:
    if dialogue.status in HELD_STATUSES:
        raise TransitionError(f"Hội nghị đã diễn ra: không thể {what} nữa.")


def _host_problems(dialogue: Dialogue, hosts: list[HostChoice]) -> str:
    """Why these hosts are not allowed by the profile's host rules on the conference day ("" when they are)."""
    if not hosts:
        return "Chọn ít nhất một người chủ trì."
    allowed = {appointment.pk for appointment in host_candidates(dialogue.profile, dialogue.unit, dialogue.date)}
    for choice in hosts:
        head = choice.on_behalf_of or choice.appointment
        if head.pk not in allowed:
            return f"{head.position.name} {head.person.full_name} không được chủ trì đối thoại theo quy định {dialogue.profile}."
        if choice.on_behalf_of is not None:
            if not (choice.reason or "").strip():
                return "Ủy quyền cho cấp phó phải ghi lý do (bất khả kháng)."
            deputies = delegate_candidates(dialogue.profile, dialogue.unit, head.position.code, dialogue.date)
            if choice.appointment.pk not in {deputy.pk for deputy in deputies}:
                return f"Quy định không cho {head.position.name} ủy quyền cho {choice.appointment.person.full_name}."
    return ""


@transaction.atomic
def change_hosts(dialogue: Dialogue, user: User | None, hosts: list[HostChoice], reason: str) -> Dialogue:
    """Change the host or co-hosts before the conference (with the reason), as the profile's host rules allow.

    Side effects: replaces the DialogueHost rows (their history keeps the old ones); when the hosts'
    positions change, the advising office follows the profile (003 Điều 7; dialogues.hosts) and the
    pending steps take their new owner; writes a "hosts" event "A → B".
    """
    dialogue = _locked(dialogue)
    reason = _require_reason(reason, "đổi người chủ trì")
    _require_open(dialogue)
    _before_conference(dialogue, "đổi người chủ trì")
    problem = _host_problems(dialogue, hosts)
    if problem:
        raise TransitionError(problem)
    old_hosts = list(dialogue.hosts.select_related("person", "position"))
    old_names = ", ".join(host.person.full_name for host in old_hosts)
    new_positions = [(choice.on_behalf_of or choice.appointment).position.code for choice in hosts]
    detail = {}
    if not dialogue.advising_override_reason:  # an office chosen by hand with its reason stays
        proposed = advising_office_for(dialogue.profile, dialogue.unit, new_positions)
        if proposed.office is not None and proposed.office != dialogue.advising_office:
            detail["advising_office"] = [getattr(dialogue.advising_office, "name", ""), proposed.office.name]
            dialogue.advising_office, dialogue.advising_with = proposed.office, proposed.with_office
            dialogue.save(update_fields=["advising_office", "advising_with"])
    dialogue.hosts.all().delete()
    for choice in hosts:
        DialogueHost.objects.create(
            dialogue=dialogue,
            person=choice.appointment.person,
            position=choice.appointment.position,
            organization=choice.appointment.organization,
            delegated_from=choice.on_behalf_of.person if choice.on_behalf_of else None,
            delegation_reason=(choice.reason or "").strip(),
        )
    _reassign_pending_steps(dialogue, hosts[0].appointment.organization)
    new_names = ", ".join(choice.appointment.person.full_name for choice in hosts)
    _record(dialogue, "hosts", dialogue.status, user, f"{old_names} → {new_names}. Lý do: {reason}", **detail)
    return dialogue


def _reassign_pending_steps(dialogue: Dialogue, host_organization: Organization) -> None:
    """Pending steps follow the new advising office; the conference step follows the first host."""
    for step in dialogue.steps.filter(status=StepStatus.PENDING):
        owner = host_organization if step.code == StepCode.HOLD else dialogue.advising_office
        if owner is not None and step.owner_id != owner.pk:
            step.owner = owner
            step.save(update_fields=["owner"])


@transaction.atomic
def set_agencies(dialogue: Dialogue, user: User | None, agencies: list[AgencyTask], reason: str = "") -> Dialogue:
    """Replace the co-operating agencies and their tasks before the conference.

    Side effects: rewrites CooperatingAgency rows (history keeps the old ones); writes an "agencies" event.
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    _before_conference(dialogue, "đổi cơ quan phối hợp")
    kept = [a for a in agencies if a.organization is not None and (a.task or "").strip()]
    if any(a.organization.unit_id != dialogue.unit_id for a in kept):
        raise TransitionError("Cơ quan phối hợp phải thuộc đơn vị tổ chức đối thoại.")
    old = ", ".join(a.organization.name for a in dialogue.cooperating_agencies.select_related("organization"))
    dialogue.cooperating_agencies.all().delete()
    for agency in kept:
        CooperatingAgency.objects.create(dialogue=dialogue, organization=agency.organization, task=agency.task.strip())
    new = ", ".join(a.organization.name for a in kept)
    text = f"{old or '—'} → {new or '—'}" + (f". Lý do: {reason.strip()}" if (reason or "").strip() else "")
    _record(dialogue, "agencies", dialogue.status, user, text)
    return dialogue


@transaction.atomic
def name_custodian(dialogue: Dialogue, user: User | None, office: Organization, note: str) -> Dialogue:
    """Record the office the chair named to make and keep the dossier of an ad hoc dialogue (002 IV.4.1).

    Periodic and thematic dialogues keep theirs at the advising office, so they are refused here.
    Side effects: sets Dialogue.dossier_custodian(_note); writes a "custodian" event.
    """
    dialogue = _locked(dialogue)
    _require_open(dialogue)
    if dialogue.kind != DialogueKind.AD_HOC:
        raise TransitionError(
            "Chỉ hội nghị đối thoại đột xuất do người chủ trì phân công cơ quan lập, lưu hồ sơ (002 IV.4.1); "
            "hồ sơ đối thoại định kỳ, chuyên đề do cơ quan tham mưu lưu."
        )
    if office is None or office.unit_id != dialogue.unit_id:
        raise TransitionError("Chọn cơ quan chuyên môn của đơn vị tổ chức đối thoại.")
    note = _require_reason(note, "ghi phân công của người chủ trì")
    old = dialogue.dossier_keeper
    dialogue.dossier_custodian, dialogue.dossier_custodian_note = office, note
    dialogue.save(update_fields=["dossier_custodian", "dossier_custodian_note"])
    _record(dialogue, "custodian", dialogue.status, user, f"{getattr(old, 'name', '—')} → {office.name}. {note}")
    return dialogue


@transaction.atomic
def record_media(
    dialogue: Dialogue,
    user: User | None,
    channel: str,
    on: datetime.date | None,
    other_name: str = "",
    link: str = "",
    note: str = "",
) -> MediaAnnouncement:
    """Record that the dialogue was announced or reported on a channel on a date (never after today).

    `channel` is a code of the profile's channels (002 V.3; 001 III.2) or "" with `other_name` for another.
    Side effects: one MediaAnnouncement; a "media" event.
    """
    dialogue = _locked(dialogue)
    if dialogue.status == Status.CANCELLED:
        raise TransitionError("Cuộc đối thoại đã hủy.")
    on = _not_future(on, "Ngày đưa tin")
    if channel:
        rule = MediaChannel.objects.filter(profile=dialogue.profile, code=channel).first()
        if rule is None:
            raise TransitionError(f"Kênh “{channel}” không có trong quy định {dialogue.profile}.")
        name = rule.name
    else:
        name = (other_name or "").strip()
        if not name:
            raise TransitionError("Ghi tên kênh thông tin.")
    if len(name) > 200 or len(note or "") > 300:
        raise TransitionError("Tên kênh tối đa 200 ký tự, ghi chú tối đa 300 ký tự.")
    found = MediaAnnouncement.objects.create(
        dialogue=dialogue, channel=channel, channel_name=name, on=on, link=link or "", note=(note or "").strip(), recorded_by=user
    )
    _record(dialogue, "media", dialogue.status, user, f"{name}: {on:%d/%m/%Y}", channel=channel, on=on.isoformat())
    return found


@dataclass
class ChannelCheck:
    """One required channel of the profile and when the dialogue went out on it (None: missing)."""

    rule: MediaChannel
    on: datetime.date | None


def media_checklist(dialogue: Dialogue) -> list[ChannelCheck]:
    """The profile's required channels, each with its first recorded date (two queries)."""
    firsts: dict[str, datetime.date] = {}
    for channel, on in dialogue.media_announcements.order_by("on").values_list("channel", "on"):
        firsts.setdefault(channel, on)
    return [ChannelCheck(rule, firsts.get(rule.code)) for rule in dialogue.profile.media_channels.all()]


def missing_channels(dialogue: Dialogue) -> list[str]:
    return [check.rule.name for check in media_checklist(dialogue) if check.on is None]


def sync_duties(dialogue: Dialogue, calendar: WorkCalendar | None = None) -> list[DialogueDuty]:
    """Create or re-date the profile's duties of this dialogue (called from lifecycle.sync_schedule).

    A duty done keeps its date; the due date is the conference day, or N working days before it.
    """
    duties = []
    existing = {duty.code: duty for duty in dialogue.duties.all()}
    for rule in DutyRule.objects.filter(profile=dialogue.profile):
        duty = existing.get(rule.code) or DialogueDuty(dialogue=dialogue, code=rule.code)
        due = dialogue.date
        if rule.days_before:
            due = (calendar or WorkCalendar()).before(dialogue.date, rule.days_before).date
        values = {
            "title": rule.title,
            "citation": rule.citation,
            "dossier_item": rule.dossier_item,
            "due": due,
            "owner": duty.owner or office_of_kind(dialogue.unit, rule.owner_kind) or dialogue.advising_office,
            "with_office": duty.with_office or (office_of_kind(dialogue.unit, rule.with_kind) if rule.with_kind else None),
        }
        if duty.pk is None or any(getattr(duty, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(duty, name, value)
            duty.save()
        duties.append(duty)
    return duties


# Called with (duty, user) once a duty's file is stored: documents files it into the dossier item
# the profile names (registered from DocumentsConfig.ready(); this app knows no dossier).
DUTY_FILED: list[Callable[[DialogueDuty, User | None], None]] = []


def register_duty_filed(hook: Callable[[DialogueDuty, User | None], None]) -> None:
    if hook not in DUTY_FILED:
        DUTY_FILED.append(hook)


@transaction.atomic
def file_duty(
    duty: DialogueDuty, user: User | None, name: str, content: bytes, on: datetime.date | None = None
) -> DialogueDuty:
    """Store the duty's file (PDF, Word, scan; the common upload check) and mark it done on `on` (not after today).

    Side effects: DialogueDuty.file/done_on/done_by; a "duty_done" event; each DUTY_FILED hook
    (the dossier item of the profile's rule gets a copy).
    """
    dialogue = _locked(duty.dialogue)
    _require_open(dialogue)
    on = _not_future(on, "Ngày hoàn thành")
    try:
        checked = check_upload(content, allowed=ATTACHMENTS, max_bytes=MAX_DUTY_FILE_BYTES, name=name)
    except UploadRejected as error:
        raise TransitionError(" ".join(error.messages)) from None
    duty = DialogueDuty.objects.select_for_update().get(pk=duty.pk)
    duty.file.save(checked.name, ContentFile(checked.content), save=False)
    duty.file_name, duty.done_on, duty.done_by = checked.name, on, user
    duty.save()
    _record(dialogue, "duty_done", dialogue.status, user, f"{duty.title}: {checked.name}", code=duty.code, on=on.isoformat())
    for hook in DUTY_FILED:
        hook(duty, user)
    return duty
