"""Which documents name petitioners, and who may read them (the gate is petitions.privacy).

Decided by kind (no field on IssuedDocument): the answer report (Mẫu 6), the written answer to a
petitioner and a filled opinion form (Mẫu 4) name petitioners. Drafts are rendered per reader
(redacted where the reader may not see). An issued copy is the official record and names them in
full: only a reader who may see the petitioner of every matter in it downloads it (logged); others
get 403 and may download the draft, which is redacted for them. In the dossier ZIP those others get
a redacted rendition of each such document with its issued number, and no signed scans of it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from audit.log import record
from dialogues.models import Dialogue
from petitions.models import Case, OpinionSheet, Output, Petition
from petitions.privacy import Gate

from .kinds import Kind
from .models import IssuedDocument

NAMES_PETITIONERS = frozenset({Kind.ANSWER_REPORT, Kind.WRITTEN_ANSWER, Kind.OPINION_FORM})


def _cases(**filters) -> QuerySet[Case]:
    return Case.objects.filter(**filters).select_related("unit").prefetch_related("petitions__petitioner").distinct()


def cases_named(kind: str, dialogue: Dialogue | None, subject_id: int | None) -> list[Case]:
    """The matters whose petitioners a document of this kind names (empty: it names nobody)."""
    if kind not in NAMES_PETITIONERS or subject_id is None:
        return []
    if kind == Kind.ANSWER_REPORT:  # the agency's matters now, and those reassigned away since (an issued copy names them)
        from organizations.models import Organization

        name = Organization.objects.filter(pk=subject_id).values_list("name", flat=True).first() or ""
        ever = Case.objects.filter(dialogue=dialogue, events__action__in=["assigned", "reassigned"], events__detail__agency=name)
        return list(_cases(dialogue=dialogue).filter(Q(agency_id=subject_id) | Q(pk__in=ever.values("pk"))))
    if kind == Kind.WRITTEN_ANSWER:
        return list(_cases(petitions__pk=subject_id))
    return list(_cases(petitions__sheet_id=subject_id))


def issued_cases(document: IssuedDocument) -> list[Case]:
    return cases_named(document.kind, document.dialogue, document.subject_id)


def reveal_all(gate: Gate, cases: list[Case]) -> bool:
    """If the gate allows every matter, note all their petitioners as shown and say yes; else show nothing."""
    if not all(gate.allows(case) for case in cases):
        return False
    for case in cases:
        for petition in case.petitions.all():
            gate.reveal(petition.petitioner, case)
    return True


def check_issued(request: HttpRequest, document: IssuedDocument, output: str) -> Gate:
    """Refuse (403, security log) the issued copy to a reader who may not see its petitioners.

    Returns the reader's gate holding what the copy shows; close it once the file is served.
    """
    gate = Gate(request.user, output, request, where=f"{document.get_kind_display()} {document.symbol}".strip()[:200])
    if not reveal_all(gate, issued_cases(document)):
        record("permission.denied", request=request, target=f"document {document.pk}", detail={"reason": "petitioners"})
        raise PermissionDenied("Văn bản này ghi tên người kiến nghị; bạn chỉ tải được bản dự thảo đã ẩn thông tin cá nhân.")
    return gate


def subject_of(document: IssuedDocument):
    """The subject the document was built from (the agency, the petition or the opinion form), or None."""
    from organizations.models import Organization

    model = {Kind.ANSWER_REPORT: Organization, Kind.WRITTEN_ANSWER: Petition, Kind.OPINION_FORM: OpinionSheet}.get(document.kind)
    if model is None or document.subject_id is None:
        return None
    return model.objects.filter(pk=document.subject_id).first()


def redacted_copy(document: IssuedDocument, gate: Gate) -> bytes:
    """The issued document rebuilt for this reader, with its number and date, petitioners redacted."""
    from .issuing import build, header, template_for
    from .render import render

    issuer, content = build(document.kind, document.dialogue, subject_of(document), gate)
    head = header(issuer, document.issued_on, document.number, document.kind)
    return render(template_for(issuer, document.kind), head, content)


WITHHELD = "Bản scan này ghi tên người kiến nghị nên không được đưa vào bản tải của bạn (Luật 91/2025/QH15).\n"


def dossier_file_for(stored, item_kind: str | None, dialogue: Dialogue, gate: Gate) -> tuple[str, bytes]:
    """(name, content) of one dossier file as this reader may have it: the original, a redacted copy or a note."""
    with stored.file.open("rb") as handle:
        original = handle.read()
    document = stored.document
    if document is not None and document.kind in NAMES_PETITIONERS:
        if reveal_all(gate, issued_cases(document)):
            return stored.name, original
        return f"{stored.name.rsplit('.', 1)[0]} (da an thong tin ca nhan).docx", redacted_copy(document, gate)
    if document is None and item_kind in NAMES_PETITIONERS:
        if reveal_all(gate, list(_cases(dialogue=dialogue))):
            return stored.name, original
        return f"{stored.name} - da an.txt", WITHHELD.encode("utf-8")
    return stored.name, original


def check_dossier_file(request: HttpRequest, stored, dialogue: Dialogue, item_kind: str | None) -> Gate:
    """One dossier file: a generated document or a signed scan naming petitioners goes only to readers allowed (403)."""
    document = stored.document
    if document is not None:
        cases = issued_cases(document)
    else:
        cases = list(_cases(dialogue=dialogue)) if item_kind in NAMES_PETITIONERS else []
    output = Output.DOCX if stored.name.lower().endswith(".docx") else Output.FILE
    gate = Gate(request.user, output, request, where=f"dossier file {stored.pk}")
    if not reveal_all(gate, cases):
        record("permission.denied", request=request, target=f"dossier file {stored.pk}", detail={"reason": "petitioners"})
        raise PermissionDenied("Tệp này ghi tên người kiến nghị; bạn tải được tệp ZIP hồ sơ, trong đó tên đã được ẩn.")
    return gate
