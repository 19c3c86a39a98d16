"""Document screens: a dialogue's documents (draft, issue, download DOCX/PDF), the register, templates, the dossier."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogues.access import dialogue_for
from organizations.access import can, units_for, visible_units
from organizations.models import Organization

from . import dossier, templating
from .issuing import draft, issue
from .kinds import Kind
from .layout import PLACEHOLDERS, default_template
from .models import IssuedDocument
from .render import RenderError, to_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DIALOGUE_KINDS = [k for k in Kind if k not in (Kind.ANSWER_REPORT, Kind.WRITTEN_ANSWER)]


def _docx_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def dialogue_documents(request, pk: int):
    dialogue = dialogue_for(request.user, pk)
    agencies = Organization.objects.filter(assigned_cases__dialogue=dialogue).distinct()
    context = {
        "dialogue": dialogue,
        "kinds": DIALOGUE_KINDS,
        "agencies": agencies,
        "issued": dialogue.documents.select_related("organization"),
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
    try:
        result = draft(kind, dialogue, _subject(dialogue, request))
    except RenderError as error:
        messages.error(request, str(error))
        return redirect("documents:dialogue", pk=pk)
    return _docx_response(result.docx, f"du-thao-{kind}.docx")


@login_required
@require_POST
def issue_document(request, pk: int, kind: str):
    dialogue = dialogue_for(request.user, pk)
    if not can(request.user, "plan_dialogue", dialogue.unit):
        raise PermissionDenied
    if kind not in Kind.values:
        raise Http404
    try:
        document = issue(kind, request.user, dialogue, _subject(dialogue, request))
    except RenderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Issued: %(number)s") % {"number": document.symbol or document.get_kind_display()})
    return redirect("documents:dialogue", pk=pk)


def _document_for(request, pk: int) -> IssuedDocument:
    document = get_object_or_404(IssuedDocument.objects.select_related("organization__unit"), pk=pk)
    if not visible_units(request.user).filter(pk=document.organization.unit_id).exists():
        raise Http404
    return document


@login_required
def download(request, pk: int):
    document = _document_for(request, pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.kind}-{document.symbol.replace('/', '-') or document.pk}.docx",
    )


@login_required
def download_pdf(request, pk: int):
    document = _document_for(request, pk)
    with document.file.open("rb") as handle:
        data = handle.read()
    try:
        pdf = to_pdf(data)
    except RenderError as error:
        messages.error(request, str(error))
        return redirect(request.META.get("HTTP_REFERER") or "documents:register")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.kind}-{document.pk}.pdf"'
    return response


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
        document = issue(Kind.WRITTEN_ANSWER, request.user, subject=petition)
        messages.success(request, _("Issued: %(number)s") % {"number": document.symbol})
        return redirect("petitions:case", pk=petition.case_id)
    return _docx_response(draft(Kind.WRITTEN_ANSWER, subject=petition).docx, f"tra-loi-{petition.tracking_code}.docx")


@login_required
def register(request):
    units = visible_units(request.user)
    documents = IssuedDocument.objects.filter(organization__unit__in=units).select_related("organization", "dialogue")
    return render(request, "documents/register.html", {"documents": documents[:500]})


def _template_organizations(user):
    return Organization.objects.filter(unit__in=units_for(user, "manage_master_data"), is_active=True)


@login_required
def templates(request):
    organizations = _template_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    if request.method == "POST":
        organization = get_object_or_404(organizations, pk=request.POST.get("organization"))
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the template file."))
        else:
            try:
                templating.upload(organization, request.POST.get("kind", ""), upload.name, upload.read(), request.user)
            except RenderError as error:
                messages.error(request, _("The template was not saved; the previous one stays. %(why)s") % {"why": error})
            else:
                messages.success(request, _("The template is saved and will be used from now on."))
        return redirect("documents:templates")
    context = {"organizations": organizations, "kinds": Kind.choices, "placeholders": PLACEHOLDERS}
    return render(request, "documents/templates.html", context)


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
            if action == "generate":
                dossier.generate(dialogue, code, request.user)
            elif action == "upload":
                for upload in request.FILES.getlist("files"):
                    dossier.upload(dialogue, code, upload.name, upload.read(), request.user)
            elif action == "not_applicable":
                dossier.not_applicable(dialogue, code, request.POST.get("reason", ""))
        except (dossier.DossierError, RenderError) as error:
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
    }
    return render(request, "documents/dossier.html", context)


@login_required
def dossier_file(request, pk: int, file_id: int):
    from .models import DossierFile

    dialogue = dialogue_for(request.user, pk)
    stored = get_object_or_404(DossierFile, pk=file_id, entry__dialogue=dialogue)
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


@login_required
def dossier_zip(request, pk: int):
    dialogue = dialogue_for(request.user, pk)
    archive = dossier.export_zip(dialogue)
    archive.seek(0, 2)
    size = archive.tell()
    archive.seek(0)
    response = FileResponse(
        archive, as_attachment=True, filename=f"ho-so-doi-thoai-{dialogue.pk}.zip", content_type="application/zip"
    )
    response["Content-Length"] = str(size)  # the browser shows the download's progress
    return response
