"""The three verbs of an opinion from the web: submit (by anyone), accept and reject (by the unit's advising office).

Each is atomic, locks the row, and leaves its history (simple_history on WebSubmission, plus the
matter's own events once accepted). They raise SubmissionError with a Vietnamese message and change
nothing when refused.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from common import dates
from common.uploads import CheckedUpload
from dialogues.enums import Status
from dialogues.models import Dialogue
from notifications.consent import ConsentError, clean_contact, record_consent
from organizations.access import units_for
from organizations.enums import Role
from organizations.models import AdministrativeUnit, Membership
from petitions import casework
from petitions.casework import PetitionerData
from petitions.enums import Channel, PetitionerKind
from petitions.models import Attachment, Petition

from .models import RejectReason, SubmissionStatus, WebSubmission

PUBLIC_STATUSES = (Status.ANNOUNCED, Status.HELD, Status.CONCLUDED, Status.ARCHIVED)
MAX_CONTENT = 5000


class SubmissionError(Exception):
    """A refused submission or decision; the message is Vietnamese and shown as it is."""


def public_dialogues():
    """Dialogues the public may see: announced or later, never planned (drafts) or cancelled."""
    return Dialogue.objects.filter(status__in=PUBLIC_STATUSES)


def receiving_units():
    """Units the public may write to: every unit whose advising office works in the system (someone there accepts
    web opinions), whether or not a dialogue is announced: opinions are collected through every channel, the
    commune's portal included (001 I.2, 003 Điều 3.3), and between dialogues too."""
    offices = Membership.objects.filter(role=Role.ADVISING_STAFF, organization__is_active=True)
    return AdministrativeUnit.objects.filter(pk__in=offices.values("organization__unit")).order_by("path")


def open_for_opinions():
    """Dialogues an opinion may still be sent to: announced and not yet held (opinions are collected before the
    conference: 002 IV.1, 000 Bước 2); after it, an opinion goes to the commune without a dialogue."""
    return Dialogue.objects.filter(status=Status.ANNOUNCED, date__gte=dates.today())


def _check_sender(sender: PetitionerData) -> PetitionerData:
    """A person with a name, an organisation with its representative, or nobody named; never a residential group."""
    if sender.kind not in PetitionerKind.values:
        raise SubmissionError("Cách gửi ý kiến không hợp lệ.")
    if sender.kind == PetitionerKind.UNKNOWN:
        return PetitionerData()  # anonymous: whatever else was typed is not kept
    if sender.kind == PetitionerKind.PERSON and not sender.full_name.strip():
        raise SubmissionError("Hãy ghi họ và tên, hoặc chọn gửi ẩn danh.")
    if sender.kind == PetitionerKind.ORGANIZATION and not (sender.organization_name.strip() and sender.representative.strip()):
        raise SubmissionError("Hãy ghi tên tổ chức và họ tên người đại diện.")
    if not (sender.phone.strip() or sender.email.strip()):
        raise SubmissionError("Hãy ghi số điện thoại hoặc thư điện tử để nhận trả lời, hoặc chọn gửi ẩn danh.")
    return sender


@transaction.atomic
def submit(
    unit: AdministrativeUnit,
    content: str,
    sender: PetitionerData,
    *,
    consent: bool,
    dialogue: Dialogue | None = None,
    field_hint: str = "",
    upload: CheckedUpload | None = None,
    notify: bool = False,
) -> WebSubmission:
    """Keep an opinion from the public form as "waiting for acceptance" and give it a tracking code.

    Side effects: one WebSubmission row (and its history row), the checked attachment stored under media/portal/.
    """
    if not consent:
        raise SubmissionError("Cần đồng ý với việc xử lý dữ liệu cá nhân để gửi ý kiến (Luật 91/2025/QH15).")
    content = (content or "").strip()
    if not content:
        raise SubmissionError("Nội dung ý kiến đang trống.")
    if len(content) > MAX_CONTENT:
        raise SubmissionError(f"Nội dung ý kiến dài quá {MAX_CONTENT} ký tự.")
    if not receiving_units().filter(pk=unit.pk).exists():
        raise SubmissionError("Địa phương này chưa nhận ý kiến qua cổng thông tin; hãy gửi qua Ủy ban MTTQ hoặc bộ phận một cửa.")
    if dialogue is not None and dialogue.unit_id != unit.pk:
        raise SubmissionError("Không tìm thấy hội nghị đối thoại này ở địa phương đã chọn.")
    if dialogue is not None and not open_for_opinions().filter(pk=dialogue.pk).exists():
        raise SubmissionError(
            "Hội nghị này đã diễn ra hoặc chưa được thông báo: hãy gửi ý kiến cho xã, phường mà không chọn hội nghị."
        )
    sender = _check_sender(sender)
    if notify:
        try:
            clean_contact(sender.email, sender.phone)  # checked now, so acceptance never fails on them
        except ConsentError as error:
            raise SubmissionError(str(error)) from None
    submission = WebSubmission(
        unit=unit,
        dialogue=dialogue,
        content=content,
        field_hint=(field_hint or "").strip()[:200],
        kind=sender.kind,
        full_name=(sender.representative if sender.kind == PetitionerKind.ORGANIZATION else sender.full_name).strip()[:200],
        organization_name=sender.organization_name.strip()[:255],
        address=sender.address.strip()[:300],
        phone=sender.phone.strip()[:30],
        email=sender.email.strip()[:254],
        consent_at=timezone.now(),
        notify_consent=bool(notify) and bool(sender.phone.strip() or sender.email.strip()),
    )
    if upload is not None:
        submission.attachment = ContentFile(upload.content, name=upload.name)
        submission.attachment_name = upload.name
    while Petition.objects.filter(tracking_code=submission.code).exists():
        submission.code = WebSubmission._meta.get_field("code").default()
    submission.save()
    return submission


def may_decide(user: User, submission: WebSubmission) -> bool:
    """The advising office of the unit (who records and classifies its opinions) decides."""
    return units_for(user, "classify_petition").filter(pk=submission.unit_id).exists()


def _locked_pending(user: User, submission: WebSubmission) -> WebSubmission:
    if not may_decide(user, submission):
        raise SubmissionError("Chỉ văn phòng tham mưu của địa phương được tiếp nhận ý kiến này.")
    locked = WebSubmission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != SubmissionStatus.PENDING:
        raise SubmissionError("Ý kiến này đã được xử lý.")
    return locked


def _petitioner(submission: WebSubmission) -> PetitionerData:
    """The kept sender as casework takes it (WebSubmission.full_name holds an organisation's representative)."""
    organisation = submission.kind == PetitionerKind.ORGANIZATION
    return PetitionerData(
        kind=submission.kind,
        full_name="" if organisation else submission.full_name,
        organization_name=submission.organization_name,
        representative=submission.full_name if organisation else "",
        address=submission.address,
        phone=submission.phone,
        email=submission.email,
    )


@transaction.atomic
def accept(submission: WebSubmission, user: User) -> Petition:
    """Record the opinion in the unit's intake (casework.receive, channel "Public web form") under the same code.

    Side effects: a Petitioner (unless anonymous), a Case and Petition with their "received" event, the
    attachment copied to the petition; the citizen's consent to be notified recorded (notifications.consent)
    when the box was ticked; the submission marked accepted, linked, with who and when.
    """
    locked = _locked_pending(user, submission)
    try:
        petition = casework.receive(
            user,
            locked.unit,
            casework.Opinion(locked.content, field_hint=locked.field_hint),
            Channel.WEB_FORM,
            _petitioner(locked),
            timezone.localdate(locked.created_at),
            locked.dialogue,
            tracking_code=locked.code,  # the code the citizen already holds, shown in the "received" event too
        )
    except casework.CaseError as error:
        raise SubmissionError(str(error)) from None
    if locked.attachment:
        with locked.attachment.open("rb") as stored:
            copy = ContentFile(stored.read(), name=locked.attachment_name or "tep-dinh-kem")
        Attachment.objects.create(petition=petition, file=copy, name=locked.attachment_name)
    if locked.notify_consent:
        record_consent(petition, email=locked.email, phone=locked.phone, source="web")
    locked.status, locked.petition = SubmissionStatus.ACCEPTED, petition
    locked.decided_by, locked.decided_at = user, timezone.now()
    locked.save()
    return petition


@transaction.atomic
def reject(submission: WebSubmission, user: User, reason: str, note: str = "") -> WebSubmission:
    """Mark the opinion as spam, out of scope or a duplicate; the citizen sees the reason on the tracking page.

    Side effects: the submission's status, reason, note, who and when (and its history row).
    """
    if reason not in RejectReason.values:
        raise SubmissionError("Hãy chọn lý do không tiếp nhận.")
    locked = _locked_pending(user, submission)
    locked.status, locked.reject_reason, locked.reject_note = SubmissionStatus.REJECTED, reason, (note or "").strip()[:1000]
    locked.decided_by, locked.decided_at = user, timezone.now()
    locked.save()
    return locked
