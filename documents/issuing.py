"""Issue a document: take its number from the register, fill the issuer's template, keep the file.

A draft is the same document without a number, for reading before it is signed. A numbered document
of a kind is issued once for a dialogue (and subject); issuing it again is an explicit replacement with
its reason, and the earlier number stays in the register marked as replaced. A document carries the
date recorded for it (the conclusion notice its issue date, the minutes the conference date), never
a date after today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from common import dates
from common.events import event
from dialogues.enums import DialogueKind, StepCode, StepStatus
from dialogues.models import Dialogue
from organizations.models import Organization
from petitions.models import OpinionSheet, Petition
from petitions.privacy import Gate, Record

from . import content as builders
from .issuer import family, number_line, place_name, signature, superior_line, vietnamese_date
from .kinds import ABBREVIATION, Kind, file_name
from .models import DocumentTemplate, IssuedDocument
from .register import next_number
from .render import Content, built_in, render


class IssueError(Exception):
    """A refused issue; the message is for the user (Vietnamese)."""


@dataclass
class Draft:
    issuer: Organization
    content: Content
    docx: bytes


# Builders of documents about a higher app's own subject, registered by that app at start-up (reports: Mẫu 2),
# so that documents imports none of them: kind -> builder(subject) -> (issuer, content).
SUBJECT_BUILDERS: dict = {}


def build(kind: str, dialogue: Dialogue | None = None, subject=None, gate: Gate | None = None) -> tuple[Organization, Content]:
    """The content; documents naming petitioners name them only as far as `gate` allows (none: redacted)."""
    if kind in SUBJECT_BUILDERS:
        return SUBJECT_BUILDERS[kind](subject)
    if kind == Kind.ANSWER_REPORT:
        return builders.answer_report(dialogue, subject, gate)
    if kind == Kind.WRITTEN_ANSWER:
        return builders.written_answer(subject, gate)
    if kind == Kind.OPINION_FORM:
        return builders.opinion_form(dialogue, subject if isinstance(subject, OpinionSheet) else None, gate)
    return builders.DIALOGUE_BUILDERS[kind](dialogue)


def template_for(issuer: Organization, kind: str) -> bytes:
    own = DocumentTemplate.objects.filter(organization=issuer, kind=kind).first()
    if own is not None:
        with own.file.open("rb") as handle:
            return handle.read()
    return built_in(family(issuer))


def header(issuer: Organization, day: datetime.date, number: int | None, kind: str) -> dict:
    sign = signature(issuer, day)
    return {
        "superior_body": superior_line(issuer),
        "issuer_name": issuer.name.upper(),
        "number_line": number_line(issuer, number, ABBREVIATION[kind]),
        "place_date": f"{place_name(issuer)}, {vietnamese_date(day)}",
        "sign_authority": sign.authority,
        "sign_title": sign.title,
        "signer": sign.name,
    }


def offered(kind: str, dialogue: Dialogue) -> bool:
    """Mẫu 7 (notice of an ad hoc dialogue) exists only for ad hoc dialogues."""
    return kind != Kind.NOTICE or dialogue.kind == DialogueKind.AD_HOC


def recorded_day(kind: str, dialogue: Dialogue | None) -> datetime.date | None:
    """The date the record holds for this document, which it must carry."""
    if dialogue is None:
        return None
    if kind == Kind.CONCLUSION:
        return dialogue.conclusion_issued_on
    if kind == Kind.MINUTES:
        return dialogue.date
    if kind == Kind.NOTICE:
        step = dialogue.steps.filter(code=StepCode.ANNOUNCE, status=StepStatus.DONE).first()
        return step.done_on if step else None
    return None


def dialogue_of(dialogue: Dialogue | None, subject) -> Dialogue | None:
    return dialogue if dialogue is not None else (subject.dialogue if isinstance(subject, Petition) else None)


def in_force(kind: str, dialogue: Dialogue | None, subject=None) -> IssuedDocument | None:
    """The numbered document of this kind already issued for the dialogue (and subject), not replaced."""
    dialogue = dialogue_of(dialogue, subject)
    subject_id = getattr(subject, "pk", None)
    if not ABBREVIATION[kind] or (dialogue is None and subject_id is None):
        return None
    found = IssuedDocument.objects.filter(dialogue=dialogue, kind=kind, replaced=False, number__isnull=False)
    found = found.filter(subject_id=subject_id) if subject_id else found.filter(subject_id__isnull=True)
    return found.order_by("-id").first()


def conclusion_warnings(dialogue: Dialogue) -> list[str]:
    """Matters of the dialogue with no outcome recorded at the conference: Mẫu 9 shows them as unsettled."""
    from conference.proceedings import without_outcome

    return [
        f"Vụ việc chưa ghi kết quả tại hội nghị: “{case.summary[:80]}” ({case.agency.name if case.agency else 'chưa giao'})"
        for case in without_outcome(dialogue)
    ]


def _day_of_record(kind: str, dialogue: Dialogue | None, day: datetime.date | None) -> datetime.date:
    day = recorded_day(kind, dialogue) or day or dates.today()
    try:
        return dates.check_not_future(day, "Ngày ban hành văn bản")
    except ValidationError as error:
        raise IssueError(error.messages[0]) from None


def draft(
    kind: str, dialogue: Dialogue | None = None, subject=None, day: datetime.date | None = None, gate: Gate | None = None
) -> Draft:
    """Rendered for one reader: petitioners appear only as far as the reader's gate allows (the caller closes it)."""
    day = recorded_day(kind, dialogue) or day or dates.today()
    issuer, content = build(kind, dialogue, subject, gate)
    head = header(issuer, day, None, kind) | content.signatures
    return Draft(issuer, content, render(template_for(issuer, kind), head, content))


@transaction.atomic
def issue(
    kind: str,
    user: User | None,
    dialogue: Dialogue | None = None,
    subject=None,
    day: datetime.date | None = None,
    *,
    replace: bool = False,
    reason: str = "",
) -> IssuedDocument:
    """Number, render and register the document; its file is kept as issued, naming petitioners in full.

    Nobody reads it at this point; every download of it goes through documents.personal (gated, logged).
    Refused (IssueError, nothing written) when the document of this kind is already in force for the
    dialogue and this is not a replacement with its reason, when Mẫu 7 is asked for a dialogue that is
    not ad hoc, or when its date would be after today. A replacement marks the earlier one replaced.
    """
    if dialogue is not None and not offered(kind, dialogue):
        raise IssueError("Mẫu 7 (thông báo tổ chức đối thoại đột xuất) chỉ dùng cho cuộc đối thoại đột xuất.")
    day = _day_of_record(kind, dialogue, day)
    current = in_force(kind, dialogue, subject)
    reason = (reason or "").strip()
    if current is not None:
        current = IssuedDocument.objects.select_for_update().get(pk=current.pk)
        if not replace:
            raise IssueError(
                f"Văn bản này đã được ban hành: {current.symbol} ngày {current.issued_on:%d/%m/%Y}. "
                "Muốn ban hành lại, chọn “Thay thế” và ghi lý do; số cũ được giữ trong sổ là đã bị thay thế."
            )
        if not reason:
            raise IssueError("Ghi lý do thay thế văn bản đã ban hành.")
        current.replaced = True
        current.save(update_fields=["replaced"])
    issuer, content = build(kind, dialogue, subject, Record())
    abbreviation = ABBREVIATION[kind]
    number, period = next_number(issuer, abbreviation, day) if abbreviation else (None, "")
    head = header(issuer, day, number, kind) | content.signatures
    docx = render(template_for(issuer, kind), head, content)
    symbol = head["number_line"].replace("Số:", "").replace("Số", "").strip() if number else ""
    document = IssuedDocument(
        organization=issuer,
        dialogue=dialogue_of(dialogue, subject),
        kind=kind,
        number=number,
        symbol=symbol,
        period=period,
        issued_on=day,
        title=(content.summary or content.heading or Kind(kind).label)[:400],
        subject_id=getattr(subject, "pk", None),
        issued_by=user,
        replaces=current,
        replace_reason=reason if current else "",
    )
    document.file.save(file_name(kind, symbol), ContentFile(docx), save=False)
    document.save()
    from .dossier import file_issued  # the dossier builds on issuing; it keeps what is issued

    file_issued(document, user)
    event("document.issued", document_id=document.pk, kind=kind, organization_id=issuer.pk, replaces_id=document.replaces_id)
    return document
