"""Document screens: a dialogue's documents (draft, issue, download DOCX/PDF), the register, templates, the dossier."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.log import record
from common import antivirus
from common.downloads import attachment_response, content_type_for
from dialogues.access import dialogue_for
from jobs.models import Job, JobState
from jobs.runner import active_jobs, existing, start
from organizations.access import can, units_for, visible_units
from organizations.models import Organization
from petitions.models import Output
from petitions.privacy import Gate

from . import dossier, templating
from .issuing import IssueError, conclusion_warnings, draft, issue, offered
from .jobs import generate_key, pdf_key, zip_key
from .kinds import Kind, file_name
from .layout import LISTS, PLACEHOLDERS, default_template
from .models import IssuedDocument
from .personal import check_dossier_file, check_issued
from .render import FILTERS, RenderError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DIALOGUE_KINDS = [k for k in Kind if k not in (Kind.ANSWER_REPORT, Kind.WRITTEN_ANSWER, Kind.ANNUAL_REPORT)]


def _docx_response(data: bytes, name: str) -> HttpResponse:
    return attachment_response(data, name, DOCX)


@login_required
def dialogue_documents(request, pk: int):
    dialogue = dialogue_for(request.user, pk)
    agencies = Organization.objects.filter(assigned_cases__dialogue=dialogue).distinct()
    in_force = dialogue.documents.filter(replaced=False, number__isnull=False)
    context = {
        "dialogue": dialogue,
        "kinds": [kind for kind in DIALOGUE_KINDS if offered(kind, dialogue)],
        "agencies": agencies,
        "issued": dialogue.documents.select_related("organization"),
        "in_force": {document.kind: document for document in in_force.filter(subject_id__isnull=True)},
        "reports_in_force": {document.subject_id: document for document in in_force.filter(kind=Kind.ANSWER_REPORT)},
        "conclusion_warnings": conclusion_warnings(dialogue),
        "can_issue": can(request.user, "plan_dialogue", dialogue.unit),
    }
    return render(request, "documents/dialogue.html", context)


def _subject(dialogue, request):
    agency_id = request.POST.get("agency") or request.GET.get("agency")
    if agency_id:
        return get_object_or_404(Organization, pk=agency_id, unit=dialogue.unit)
    return None


@login_required
def draft_download(request, pk: int, kind: str):
    dialogue = dialogue_for(request.user, pk)
    if kind not in Kind.values:
        raise Http404
    gate = Gate(request.user, Output.DOCX, request, where=f"draft {kind}")  # rendered for this reader
    try:
        result = draft(kind, dialogue, _subject(dialogue, request), gate=gate)
    except RenderError as error:
        messages.error(request, str(error))
        return redirect("documents:dialogue", pk=pk)
    gate.close()
    return _docx_response(result.docx, file_name(kind, prefix="du-thao"))


@login_required
@require_POST
def issue_document(request, pk: int, kind: str):
    dialogue = dialogue_for(request.user, pk)
    if not can(request.user, "plan_dialogue", dialogue.unit):
        raise PermissionDenied
    if kind not in Kind.values:
        raise Http404
    replace, reason = request.POST.get("replace") == "1", request.POST.get("reason", "")
    try:
        document = issue(kind, request.user, dialogue, _subject(dialogue, request), replace=replace, reason=reason)
    except (RenderError, IssueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Issued: %(number)s") % {"number": document.symbol or document.get_kind_display()})
        if kind == Kind.CONCLUSION:
            for warning in conclusion_warnings(dialogue):
                messages.warning(request, warning)
    return redirect("documents:dialogue", pk=pk)


def _document_for(request, pk: int) -> IssuedDocument:
    document = get_object_or_404(IssuedDocument.objects.select_related("organization__unit"), pk=pk)
    if not visible_units(request.user).filter(pk=document.organization.unit_id).exists():
        raise Http404
    return document


@login_required
def download(request, pk: int):
    document = _document_for(request, pk)
    check_issued(request, document, Output.DOCX).close()
    return attachment_response(
        document.file.open("rb"), file_name(document.kind, document.symbol or str(document.pk)), DOCX
    )


@login_required
def download_pdf(request, pk: int):
    """GET: the stored PDF if made, its progress if being made, else a button; POST: make it (a background job)."""
    document = _document_for(request, pk)
    check_issued(request, document, Output.PDF)  # refuse early; the download checks again and logs
    key = pdf_key(document)
    if request.method == "POST":
        params = {"document": document.pk}
        return _to_job(start("documents.pdf", user=request.user, params=params, unit=document.organization.unit, dedupe_key=key))
    job = existing(key)
    return _to_job(job) if job else render(request, "documents/pdf.html", {"document": document})


def _to_job(job: Job):
    """A finished job: its file; otherwise its page with the progress bar (or the failure reason)."""
    return redirect("jobs:download" if job.state == JobState.DONE else "jobs:detail", pk=job.pk)


@login_required
def petition_answer(request, pk: int):
    """The written answer to a petitioner (draft with GET, issued with a number with POST by the agency)."""
    from petitions.access import visible_petitions
    from petitions.casework import may_draft

    petition = get_object_or_404(visible_petitions(request.user).select_related("case__agency"), pk=pk)
    if petition.case.agency is None or not petition.case.answer:
        messages.error(request, _("The matter has no approved answer yet."))
        return redirect("petitions:case", pk=petition.case_id)
    if request.method == "POST":
        if not (may_draft(request.user, petition.case) or can(request.user, "plan_dialogue", petition.unit)):
            raise PermissionDenied
        try:
            document = issue(Kind.WRITTEN_ANSWER, request.user, subject=petition)
        except (RenderError, IssueError) as error:
            messages.error(request, str(error))
            return redirect("petitions:case", pk=petition.case_id)
        messages.success(request, _("Issued: %(number)s") % {"number": document.symbol})
        return redirect("petitions:case", pk=petition.case_id)
    gate = Gate(request.user, Output.DOCX, request, where=f"draft written answer {petition.tracking_code}")
    data = draft(Kind.WRITTEN_ANSWER, subject=petition, gate=gate).docx
    gate.close()
    return _docx_response(data, f"tra-loi-{petition.tracking_code}.docx")


@login_required
def register(request):
    units = visible_units(request.user)
    documents = IssuedDocument.objects.filter(organization__unit__in=units).select_related("organization", "dialogue")
    return render(request, "documents/register.html", {"documents": documents[:500]})


def _template_organizations(user):
    return Organization.objects.filter(unit__in=units_for(user, "manage_templates"), is_active=True)


def _templates_page(request, organizations, status: int = 200):
    context = {
        "organizations": organizations,
        "kinds": Kind.choices,
        "placeholders": PLACEHOLDERS,
        "lists": sorted(LISTS),
        "filters": sorted(FILTERS),
        "antivirus": antivirus.status(),
    }
    return render(request, "documents/templates.html", context, status=status)


@login_required
def templates(request):
    """Administrators of a unit replace its organisations' templates; a refused file changes nothing (400)."""
    organizations = _template_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    if request.method != "POST":
        return _templates_page(request, organizations)
    organization = get_object_or_404(organizations, pk=request.POST.get("organization") or 0)
    upload, kind = request.FILES.get("file"), request.POST.get("kind", "")
    if upload is None:
        messages.error(request, _("Choose the template file."))
        return _templates_page(request, organizations, status=400)
    content = upload.read(settings.UPLOAD_MAX_BYTES + 1)  # the check refuses anything longer
    try:
        templating.upload(organization, kind, upload.name, content, request.user, request=request)
    except RenderError as error:
        detail = {"organization": organization.code, "kind": kind, "name": upload.name[:200], "refused": str(error)[:300]}
        record("template.upload", request=request, target=f"{organization.code}/{kind}", detail=detail)
        messages.error(request, _("The template was not saved; the previous one stays. %(why)s") % {"why": error})
        return _templates_page(request, organizations, status=400)
    messages.success(request, _("The template is saved and will be used from now on."))
    return redirect("documents:templates")


@login_required
def template_download(request):
    organizations = _template_organizations(request.user)
    organization = organizations.filter(pk=request.GET.get("organization") or 0).first()
    kind = request.GET.get("kind", "")
    if organization is None or kind not in Kind.values:
        family = request.GET.get("family", "state")
        return _docx_response(default_template("party" if family == "party" else "state"), f"mau-{family}.docx")
    return _docx_response(templating.current(organization, kind), f"mau-{organization.code}-{kind}.docx")


@login_required
def dossier_page(request, pk: int):
    dialogue = dialogue_for(request.user, pk)
    editable = can(request.user, "plan_dialogue", dialogue.unit)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        code, action = request.POST.get("item", ""), request.POST.get("action", "")
        try:
            if action == "generate":  # a background job: one document per agency or opinion form can be many
                job = start(
                    "documents.dossier_generate",
                    user=request.user,
                    params={"dialogue": dialogue.pk, "item": code},
                    unit=dialogue.unit,
                    dedupe_key=generate_key(dialogue, code),
                )
                if job.state == JobState.FAILED:
                    raise dossier.DossierError(job.message)
                if job.active:
                    return redirect("documents:dossier", pk=pk)  # the page shows its progress, then reloads
            elif action == "upload":
                for upload in request.FILES.getlist("files"):
                    dossier.upload(dialogue, code, upload.name, upload.read(dossier.MAX_SCAN_BYTES + 1), request.user)
            elif action == "not_applicable":
                dossier.not_applicable(dialogue, code, request.POST.get("reason", ""))
        except (dossier.DossierError, RenderError, IssueError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
        return redirect("documents:dossier", pk=pk)
    done, total = dossier.completeness(dialogue)
    context = {
        "dialogue": dialogue,
        "items": dossier.checklist(dialogue),
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "archive_step": dialogue.step("archive"),
        "editable": editable,
        "zip_job": existing(zip_key(dialogue, request.user)),  # this reader's ZIP of the dossier as it is now
        "generating": active_jobs("documents.dossier_generate", dialogue=dialogue.pk),
    }
    return render(request, "documents/dossier.html", context)


@login_required
def dossier_file(request, pk: int, file_id: int):
    from .models import DossierFile

    dialogue = dialogue_for(request.user, pk)
    stored = get_object_or_404(DossierFile.objects.select_related("entry", "document"), pk=file_id, entry__dialogue=dialogue)
    gate = check_dossier_file(request, stored, dialogue, dossier.generated_items().get(stored.entry.item_code))
    response = attachment_response(stored.file.open("rb"), stored.name, content_type_for(stored.name))
    gate.close()
    return response


@login_required
def dossier_zip(request, pk: int):
    """POST: build this reader's ZIP as a background job; GET: the built ZIP if still current, else the dossier page."""
    dialogue = dialogue_for(request.user, pk)
    key = zip_key(dialogue, request.user)
    if request.method == "POST":
        params = {"dialogue": dialogue.pk}
        return _to_job(start("documents.dossier_zip", user=request.user, params=params, unit=dialogue.unit, dedupe_key=key))
    job = existing(key)
    return _to_job(job) if job else redirect("documents:dossier", pk=pk)
