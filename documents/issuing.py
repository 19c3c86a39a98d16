"""Issue a document: take its number from the register, fill the issuer's template, keep the file.

A draft is the same document without a number, for reading before it is signed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dialogues.models import Dialogue
from organizations.models import Organization
from petitions.models import OpinionSheet, Petition

from . import content as builders
from .issuer import family, number_line, place_name, signature, superior_line, vietnamese_date
from .kinds import ABBREVIATION, Kind
from .models import DocumentTemplate, IssuedDocument
from .register import next_number
from .render import Content, built_in, render


@dataclass
class Draft:
    issuer: Organization
    content: Content
    docx: bytes


def build(kind: str, dialogue: Dialogue | None = None, subject=None) -> tuple[Organization, Content]:
    if kind == Kind.ANSWER_REPORT:
        return builders.answer_report(dialogue, subject)
    if kind == Kind.WRITTEN_ANSWER:
        return builders.written_answer(subject)
    if kind == Kind.OPINION_FORM:
        return builders.opinion_form(dialogue, subject if isinstance(subject, OpinionSheet) else None)
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


def draft(kind: str, dialogue: Dialogue | None = None, subject=None, day: datetime.date | None = None) -> Draft:
    day = day or timezone.localdate()
    issuer, content = build(kind, dialogue, subject)
    return Draft(issuer, content, render(template_for(issuer, kind), header(issuer, day, None, kind), content))


@transaction.atomic
def issue(
    kind: str, user: User | None, dialogue: Dialogue | None = None, subject=None, day: datetime.date | None = None
) -> IssuedDocument:
    """Number, render and register the document; its file is kept as issued."""
    day = day or timezone.localdate()
    issuer, content = build(kind, dialogue, subject)
    abbreviation = ABBREVIATION[kind]
    number, period = next_number(issuer, abbreviation, day) if abbreviation else (None, "")
    head = header(issuer, day, number, kind)
    docx = render(template_for(issuer, kind), head, content)
    symbol = head["number_line"].replace("Số:", "").replace("Số", "").strip() if number else ""
    document = IssuedDocument(
        organization=issuer,
        dialogue=dialogue if dialogue is not None else (subject.dialogue if isinstance(subject, Petition) else None),
        kind=kind,
        number=number,
        symbol=symbol,
        period=period,
        issued_on=day,
        title=(content.summary or content.heading or Kind(kind).label)[:400],
        subject_id=getattr(subject, "pk", None),
        issued_by=user,
    )
    document.file.save(f"{kind}-{symbol.replace('/', '-') or 'khong-so'}.docx", ContentFile(docx), save=False)
    document.save()
    return document
