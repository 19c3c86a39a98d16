"""The public PDF of a conclusion notice: Mẫu 9 rendered from its redacted public text, converted by LibreOffice.

Made once per version of the public text (the dedupe key holds its digest) when a visitor asks for it,
then served from the stored job result to everyone; the official issued copy is never handed out here.
"""

from __future__ import annotations

import subprocess

from django.utils.translation import gettext_lazy as _

from dialogues.models import Dialogue
from documents import content as builders
from documents import render
from documents.issuing import header, template_for
from documents.jobs import PDF_FAILED
from documents.kinds import Kind
from documents.models import IssuedDocument
from jobs.models import Job
from jobs.runner import JobFailed, register

from .conclusions import digest, public_content, published

KIND = "portal.conclusion_pdf"


def pdf_key(dialogue: Dialogue) -> str:
    return f"{KIND}:{dialogue.pk}:{digest(public_content(dialogue))}"


def public_docx(dialogue: Dialogue) -> bytes:
    """Mẫu 9 with the issuer's template, its number and publication date, from the redacted text."""
    issuer, _content = builders.conclusion(dialogue)
    document = IssuedDocument.objects.filter(dialogue=dialogue, kind=Kind.CONCLUSION, replaced=False).order_by("-pk").first()
    day = published().get(pk=dialogue.pk).published_on
    content = public_content(dialogue)
    head = header(issuer, day, document.number if document else None, Kind.CONCLUSION) | content.signatures
    return render.render(template_for(issuer, Kind.CONCLUSION), head, content)


@register(KIND, label=_("PDF copy"))
def make_public_pdf(job: Job, *, dialogue: int) -> None:
    found = published().filter(pk=dialogue).first()
    if found is None:
        raise JobFailed("Thông báo kết luận này chưa được công bố.")
    job.set_progress(0, 1)
    try:
        pdf = render.to_pdf(public_docx(found))
    except render.RenderError as error:
        raise JobFailed(str(error)) from error
    except (subprocess.SubprocessError, OSError) as error:
        raise JobFailed(PDF_FAILED) from error
    job.finish(f"ket-luan-doi-thoai-{found.pk}.pdf", pdf)
