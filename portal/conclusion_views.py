"""Kết luận và kết quả thực hiện: the published conclusion notices by unit, one notice with the progress of its
unsettled matters, and its public PDF. No login; nothing here shows a petitioner (portal/conclusions.py).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from common import dates
from common.downloads import attachment_response
from common.pagination import paginate
from common.throttle import per_address
from jobs.models import Job, JobState
from jobs.runner import existing, start

from . import conclusions
from .jobs import KIND, pdf_key
from .public import _provinces, _units_with_dialogues

PAGE = 20


@require_GET
def conclusion_list(request):
    """Issued conclusion notices, newest first, by province and commune (?tinh=, ?xa=), paginated in SQL."""
    provinces = _provinces()
    province = provinces.filter(code=request.GET.get("tinh", "")).first()
    communes = _units_with_dialogues().order_by("name")
    if province is not None:
        communes = communes.filter(path__startswith=province.path)
    commune = communes.filter(code=request.GET.get("xa", "")).first()
    found = conclusions.published()
    if commune is not None:
        found = found.filter(unit=commune)
    elif province is not None:
        found = found.filter(unit__path__startswith=province.path)
    page = paginate(request, found, PAGE)
    context = {"provinces": provinces, "province": province, "communes": communes, "commune": commune, "page": page}
    return render(request, "portal/public/conclusions.html", {**context, "section": "conclusions"})


@require_GET
def conclusion_page(request, pk: int):
    """The notice's public text and, under it, each unsettled matter: agency, deadline, answered or not, late or not."""
    dialogue = get_object_or_404(conclusions.published(), pk=pk)
    today = dates.today()
    scrub = conclusions.Redactor(dialogue)
    page = paginate(request, conclusions.pending(dialogue), PAGE)
    context = {
        "dialogue": dialogue,
        "content": conclusions.public_content(dialogue),
        "totals": conclusions.totals(dialogue, today),
        "page": page,
        "rows": [conclusions.progress_row(case, scrub, today) for case in page.object_list],
        "section": "conclusions",
    }
    return render(request, "portal/public/conclusion.html", context)


@require_http_methods(["GET", "POST"])
@per_address("RATELIMIT_PUBLIC_OPINION", only_writes=True)  # making a PDF runs LibreOffice: asking is limited
def conclusion_pdf(request, pk: int):
    """GET: the PDF when made, else where it stands and a button; POST: have it made (once per version of the text)."""
    dialogue = get_object_or_404(conclusions.published(), pk=pk)
    key = pdf_key(dialogue)
    if request.method == "POST":
        start(KIND, user=None, params={"dialogue": dialogue.pk}, unit=dialogue.unit, dedupe_key=key)
        return redirect("portal:conclusion_pdf", pk=dialogue.pk)
    job = existing(key)
    if job is not None and job.state == JobState.DONE and job.result:
        return attachment_response(job.result.open("rb"), job.result_name, "application/pdf")
    failed = job is None and _failed(key)
    return render(request, "portal/public/conclusion_pdf.html", {"dialogue": dialogue, "job": job, "failed": failed})


def _failed(key: str) -> str:
    """Why the last attempt failed (LibreOffice missing or refusing), to say so instead of a silent button."""
    last = Job.objects.filter(dedupe_key=key, state=JobState.FAILED).order_by("-pk").first()
    return last.message if last else ""
