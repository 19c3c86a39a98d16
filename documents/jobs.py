"""Long document work as background jobs: a PDF copy of an issued document, and the dossier ZIP.

The results are stored (jobs.Job.result) and served again to the next reader instead of being redone.
The PDF of an issued document is the official record: its download re-checks the reader's right to
see the petitioners it names (documents.personal.check_issued). The ZIP is built for one reader
(redacted where they may not see), so its key includes the reader and only they download it.
"""

from __future__ import annotations

import hashlib
import subprocess

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from dialogues.models import Dialogue
from jobs.models import Job
from jobs.runner import JobFailed, register
from petitions.models import Case, Output
from petitions.privacy import Gate

from . import dossier, render
from .issuing import IssueError
from .models import DossierEntry, IssuedDocument
from .personal import check_issued

PDF_FAILED = "LibreOffice không chuyển được văn bản này sang PDF; hãy tải bản DOCX để in, hoặc báo quản trị viên."


def pdf_name(document: IssuedDocument) -> str:
    return f"{document.kind}-{document.symbol.replace('/', '-') or document.pk}.pdf"


def pdf_key(document: IssuedDocument) -> str:
    """One PDF per stored file: a replaced file gets a new key, so a new PDF."""
    return f"documents.pdf:{document.pk}:{document.file.name}"


def zip_key(dialogue: Dialogue, user) -> str:
    """One ZIP per reader, dossier state and what the reader may see: any change makes a new key."""
    state = [
        (item.rule.code, item.status, item.entry.reason if item.entry else "", [(f.pk, f.size) for f in item.files])
        for item in dossier.checklist(dialogue)
    ]
    gate = Gate(user, Output.ZIP)
    seen = [case.pk for case in Case.objects.filter(dialogue=dialogue).select_related("unit") if gate.allows(case)]
    digest = hashlib.sha256(repr((dialogue.title, str(dialogue.date), state, seen)).encode()).hexdigest()[:32]
    return f"documents.dossier_zip:{dialogue.pk}:{user.pk}:{digest}"


def _document_guard(request, job: Job) -> Gate:
    document = IssuedDocument.objects.filter(pk=job.params.get("document")).first()
    if document is None:
        raise PermissionDenied
    return check_issued(request, document, Output.PDF)


@register("documents.pdf", guard=_document_guard, label=_("PDF copy"))
def make_pdf(job: Job, *, document: int) -> None:
    """Convert the issued DOCX to PDF with LibreOffice (up to two minutes for a long document)."""
    issued = IssuedDocument.objects.filter(pk=document).first()
    if issued is None:
        raise JobFailed("Văn bản không còn trong sổ đăng ký.")
    job.set_progress(0, 1)
    with issued.file.open("rb") as handle:
        data = handle.read()
    try:
        pdf = render.to_pdf(data)
    except render.RenderError as error:
        raise JobFailed(str(error)) from error
    except (subprocess.SubprocessError, OSError) as error:
        raise JobFailed(PDF_FAILED) from error
    job.finish(pdf_name(issued), pdf)


def _reader_only(request, job: Job) -> None:
    """Only the reader it was built for, and only while it still matches the dossier and their rights."""
    if job.created_by_id != request.user.pk:
        raise PermissionDenied("Bản ZIP này được lập cho người khác; hãy tự lập bản của mình từ trang hồ sơ.")
    dialogue = Dialogue.objects.filter(pk=job.params.get("dialogue")).first()
    if dialogue is None or zip_key(dialogue, request.user) != job.dedupe_key:
        raise PermissionDenied("Hồ sơ hoặc quyền xem đã thay đổi từ khi lập bản ZIP này; hãy lập lại từ trang hồ sơ.")


@register("documents.dossier_zip", guard=_reader_only, label=_("Dossier ZIP"))
def make_dossier_zip(job: Job, *, dialogue: int) -> None:
    """The dossier as one ZIP for the reader who asked; the disclosure is logged once when it is built."""
    found = Dialogue.objects.filter(pk=dialogue).first()
    if found is None:
        raise JobFailed("Cuộc đối thoại không còn trong hệ thống.")
    gate = Gate(job.created_by, Output.ZIP, where=f"dossier {found.pk} (job {job.pk})")
    archive = dossier.export_zip(found, gate, progress=job.set_progress)
    gate.close()
    job.finish(f"ho-so-doi-thoai-{found.pk}.zip", archive)


def generate_key(dialogue: Dialogue, code: str) -> str:
    """A double click, or a second tab, while nothing changed in the item does not issue the documents twice."""
    entry = DossierEntry.objects.filter(dialogue=dialogue, item_code=code).first()
    state = f"{entry.status}:{entry.files.count()}" if entry else "missing"
    return f"documents.dossier_generate:{dialogue.pk}:{code}:{state}"


@register("documents.dossier_generate", label=_("Generating the dossier documents"))
def generate_item(job: Job, *, dialogue: int, item: str) -> None:
    """Issue a dossier item's documents from the data (one per agency or per opinion form: possibly many)."""
    found = Dialogue.objects.filter(pk=dialogue).first()
    if found is None or job.created_by is None:
        raise JobFailed("Cuộc đối thoại hoặc người yêu cầu không còn trong hệ thống.")
    try:
        documents = dossier.generate(found, item, job.created_by)
    except (dossier.DossierError, render.RenderError, IssueError) as error:
        raise JobFailed(str(error)) from error
    job.set_progress(len(documents), len(documents))
    job.finish()
