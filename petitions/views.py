"""Opinion screens: intake (single, Mẫu 4, spreadsheet), search, matter page, inbox, overdue, Mẫu 5, tracking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import attachment_response, content_type_for
from common.pagination import cached_totals, data_version, paginate, paginate_by_key
from common.spreadsheets import XLSX_CONTENT_TYPE
from jobs.models import Job
from notifications.consent import record_consent
from organizations.access import can, units_for
from organizations.models import Organization, StagedImport
from organizations.staging import StagingError
from regulations.models import profile_for

from . import casework, importing
from .access import case_for, intake_units, my_agency_ids, visible_cases, visible_petitions
from .access_log import log_units
from .enums import CaseStatus, Channel, Jurisdiction, Outcome
from .filters import filtered_cases, page_filter
from .forms import AnswerForm, AssignForm, ClassifyForm, ImportForm, IntakeForm, SheetForm, TellForm
from .importing import fields_by_name as _fields_by_name
from .models import Attachment, Case, Output, Petition, fold
from .paging import agencies_offered, filter_options, list_counts, with_first_opinion, with_petition_count
from .privacy import disclose, may_see_petitioner
from .suggest import suggestions_for
from .totals import field_jurisdiction_totals


def _require_intake(user):
    units = intake_units(user)
    if not units.exists():
        raise PermissionDenied
    return units


def _fields_for(unit):
    profile = profile_for(unit, timezone.localdate())
    return profile.opinion_fields() if profile else []


def _petitioner(data) -> casework.PetitionerData:
    return casework.PetitionerData(
        kind=data["kind"],
        full_name=data.get("full_name") or "",
        organization_name=data.get("organization_name") or "",
        representative=data.get("full_name") or "" if data["kind"] == "organization" else "",
        address=data.get("address") or "",
        phone=data.get("phone") or "",
        email=data.get("email") or "",
    )


@login_required
def intake(request):
    units = _require_intake(request.user)
    form = IntakeForm(request.POST or None, request.FILES or None, units=units, initial={"unit": units.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("attachment")
        code = (data.get("follow_up_of") or "").strip().upper()
        earlier = Petition.objects.filter(tracking_code=code, unit=data["unit"]).first() if code else None
        front_only = not units_for(request.user, "classify_petition").filter(pk=data["unit"].pk).exists()
        if code and earlier is None:
            form.add_error("follow_up_of", _("No opinion of this unit has this tracking code."))
        elif front_only and data["channel"] != Channel.FRONT:
            message = _("The Front records the opinions it collects, by the channel “Through the Fatherland Front committee”.")
            form.add_error("channel", message)
        else:
            try:
                petition = casework.receive(
                    request.user,
                    data["unit"],
                    casework.Opinion(data["content"]),
                    data["channel"],
                    _petitioner(data),
                    data["received_on"],
                    data.get("dialogue"),
                    follow_up_of=earlier,
                )
            except casework.CaseError as error:
                form.add_error(None, str(error))
            else:
                if upload:
                    stored = ContentFile(upload.content, name=upload.name)  # checked in IntakeForm.clean_attachment
                    Attachment.objects.create(petition=petition, file=stored, name=upload.name)
                if data.get("notify_consent"):  # contact checked in IntakeForm.clean; sends the receipt
                    record_consent(petition, email=data.get("email", ""), phone=data.get("phone", ""), source="staff")
                messages.success(request, _("Received. Tracking code: %(code)s") % {"code": petition.tracking_code})
                return redirect("petitions:case", pk=petition.case_id)
    return render(request, "petitions/intake.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def sheet(request):
    units = _require_intake(request.user)
    unit = units.filter(pk=request.POST.get("unit") or request.GET.get("unit") or 0).first() or units.first()
    fields = [field for field in _fields_for(unit) if field.form == "Mẫu 4"] or list(_fields_for(unit))
    form = SheetForm(request.POST or None, units=units, fields=fields, initial={"unit": unit})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opinions = [casework.Opinion(data[f"field_{field.pk}"], field=field) for field in fields if data.get(f"field_{field.pk}")]
        try:
            petitions = casework.receive_sheet(
                request.user, data["unit"], _petitioner(data), opinions, data["received_on"], data.get("dialogue")
            )
        except casework.CaseError as error:
            form.add_error(None, str(error))
        else:
            codes = ", ".join(petition.tracking_code for petition in petitions)
            messages.success(
                request, _("Form 4 entered: %(count)s opinions (%(codes)s).") % {"count": len(petitions), "codes": codes}
            )
            return redirect("petitions:list")
    return render(request, "petitions/sheet.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def import_file(request):
    """Upload → preview with the row-by-row report → confirm once; a bad file imports nothing."""
    units = _require_intake(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, units=units, initial={"unit": units.first()})
    context = {"form": form}
    if request.method == "POST" and request.POST.get("token"):
        try:
            outcome = importing.confirm(request.user, request.POST["token"], units)
        except StagingError as error:
            messages.error(request, str(error))
            return redirect("petitions:import")
        if outcome.result is None:
            if outcome.already:
                messages.warning(request, _("This file was already imported; nothing was imported again."))
            elif outcome.done_now:
                messages.success(request, _("Imported %(count)s opinions.") % {"count": outcome.staged.created_count})
            return redirect("petitions:import_batch", token=outcome.staged.token)
        context["result"] = outcome.result
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        unit = form.cleaned_data["unit"]
        result, rows, staged = importing.preview(
            request.user, unit, form.cleaned_data.get("dialogue"), upload.name, upload.content, _fields_by_name(unit)
        )
        context["result"] = result
        if staged is not None:
            context["preview"], context["token"] = rows[:50], staged.token
            context["background"] = importing.in_background(len(rows))
    invalid = request.method == "POST" and not form.is_valid() and not request.POST.get("token")
    status = 400 if invalid or (context.get("result") and not context["result"].ok) else 200
    return render(request, "petitions/import.html", context, status=status)


@login_required
def import_batch(request, token: str):
    """One imported (or queued) file: who, when, how many, its progress and the opinions it created."""
    units = _require_intake(request.user)
    staged = get_object_or_404(StagedImport, token=token, kind=importing.KIND, unit__in=units)
    codes = staged.params.get("codes", [])
    petitions = visible_petitions(request.user).filter(tracking_code__in=codes[:200]).order_by("pk")
    job = Job.objects.filter(dedupe_key=f"import:{staged.token}").order_by("-pk").first()
    return render(request, "petitions/import_batch.html", {"staged": staged, "petitions": petitions, "job": job})


@login_required
def import_template(request):
    _require_intake(request.user)
    return attachment_response(importing.template_workbook(), "mau-nhap-y-kien.xlsx", XLSX_CONTENT_TYPE)


@login_required
def case_list(request):
    found = page_filter(request.user, request.GET)
    cases, query = found.qs, found.data["q"]
    facets, total = list_counts(cases)  # field, jurisdiction, status, agency, channel and the total: SQL, cached
    counts = {
        "field": facets["field__name"],
        "jurisdiction": facets["jurisdiction"],
        "status": facets["status"],
        "agency": facets["agency__name"],
        "channel": facets["channel"],
    }
    labels = {"jurisdiction": dict(Jurisdiction.choices), "status": dict(CaseStatus.choices), "channel": dict(Channel.choices)}
    options = filter_options(visible_cases(request.user), units_for(request.user, "view"))
    # The page's dialogues come in a second query: joined, the planner hashes every dialogue of the province.
    rows = cases.select_related(None).select_related("unit", "field", "agency").prefetch_related("dialogue")
    # The page's keys in order first (the order costs what the user's scope holds), then their rows with the joins.
    page = paginate_by_key(request, found.newest_first(total), with_first_opinion(with_petition_count(rows)), count=total)
    context = {
        "cases": page.object_list,
        "page": page,
        "total": page.paginator.count,
        "query": query,
        "params": request.GET,
        "counts": counts,
        "labels": labels,
        "statuses": CaseStatus.choices,
        "jurisdictions": Jurisdiction.choices,
        "channels": Channel.choices,
        "agencies": agencies_offered(options["agencies"], request.GET.get("don_vi", "")),
        "fields": options["fields"],
        "can_intake": intake_units(request.user).exists(),
        "can_read_access_log": log_units(request.user).exists(),
        "today": timezone.localdate(),
    }
    return render(request, "petitions/list.html", context)


@login_required
def case_detail(request, pk: int):
    case = case_for(request.user, pk)
    show_people = may_see_petitioner(request.user, case)
    petitions = list(case.petitions.select_related("petitioner", "follow_up_of").prefetch_related("attachments"))
    if show_people:  # one log row for the page, listing every petitioner shown
        people = [petition.petitioner for petition in petitions]
        disclose(request.user, case, Output.PAGE, request, petitioners=people, where=f"matter {case.pk}")
    can_classify = can(request.user, "classify_petition", case.unit) and case.status != CaseStatus.CLOSED
    context = {
        "case": case,
        "petitions": petitions,
        "show_people": show_people,
        "can_classify": can_classify,
        "can_draft": casework.may_draft(request.user, case) and case.status in (CaseStatus.ASSIGNED, CaseStatus.DRAFTED),
        "can_approve": casework.may_approve(request.user, case) and case.status == CaseStatus.DRAFTED,
        "can_tell": show_people and (case.status == CaseStatus.CLOSED or case.outcome == Outcome.MORE_TIME),
        "events": case.events.select_related("by"),
        "today": timezone.localdate(),
    }
    if can_classify:
        fields = _fields_for(case.unit)
        context["classify_form"] = ClassifyForm(fields=fields, initial={"field": case.field, "jurisdiction": case.jurisdiction})
        context["assign_form"] = AssignForm(
            agencies=Organization.objects.filter(unit=case.unit, is_active=True), initial={"agency": case.agency}
        )
        context["suggestions"] = suggestions_for(case)
        context["merge_query"] = request.GET.get("gop", "").strip()[:200]
        if context["merge_query"]:  # a search by hand, also before classification (grouping is then a POST)
            folded = fold(context["merge_query"])
            in_opinions = Exists(Petition.objects.filter(case=OuterRef("pk"), search_text__contains=folded))
            found = Case.objects.filter(unit=case.unit).filter(Q(search_text__contains=folded) | in_opinions)
            context["merge_results"] = found.exclude(pk=case.pk).exclude(status=CaseStatus.CLOSED).order_by("-created_at")[:20]
    if context["can_draft"]:
        context["answer_form"] = AnswerForm(initial={"outcome": case.outcome or Outcome.ANSWERED, "answer": case.answer})
    context["tell_form"] = TellForm()
    return render(request, "petitions/case.html", context)


def _act(request, pk: int, action):
    case = case_for(request.user, pk)
    try:
        action(case)
    except casework.CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("petitions:case", pk=case.pk)


def _require_classifier(request, case):
    if not can(request.user, "classify_petition", case.unit):
        raise PermissionDenied


@login_required
@require_POST
def classify(request, pk: int):
    case = case_for(request.user, pk)
    _require_classifier(request, case)
    form = ClassifyForm(request.POST, fields=_fields_for(case.unit))
    if not form.is_valid():
        messages.error(request, _("Choose the field and the jurisdiction."))
        return redirect("petitions:case", pk=pk)
    return _act(
        request, pk, lambda c: casework.classify(c, request.user, form.cleaned_data["field"], form.cleaned_data["jurisdiction"])
    )


@login_required
@require_POST
def group(request, pk: int):
    case = case_for(request.user, pk)
    _require_classifier(request, case)
    ids = [int(value) for value in request.POST.getlist("others") if value.isdigit()]
    others = list(visible_cases(request.user).filter(pk__in=ids))
    return _act(request, pk, lambda c: casework.group(c, others, request.user))


@login_required
@require_POST
def assign(request, pk: int):
    case = case_for(request.user, pk)
    _require_classifier(request, case)
    form = AssignForm(request.POST, agencies=Organization.objects.filter(unit=case.unit, is_active=True))
    if not form.is_valid():
        messages.error(request, _("Choose the agency."))
        return redirect("petitions:case", pk=pk)
    data = form.cleaned_data
    return _act(
        request, pk, lambda c: casework.assign(c, request.user, data["agency"], data.get("due"), data.get("reason") or "")
    )


@login_required
@require_POST
def answer(request, pk: int):
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome and write the answer."))
        return redirect("petitions:case", pk=pk)
    data = form.cleaned_data
    return _act(
        request,
        pk,
        lambda c: casework.draft_answer(
            c,
            request.user,
            data["outcome"],
            data["answer"],
            data.get("legal_reason") or "",
            data.get("new_due"),
            data.get("sent_to") or "",
        ),
    )


@login_required
@require_POST
def approve(request, pk: int):
    return _act(request, pk, lambda c: casework.approve(c, request.user))


@login_required
@require_POST
def return_answer(request, pk: int):
    """The agency head sends the draft back with comments instead of approving it."""
    return _act(request, pk, lambda c: casework.return_answer(c, request.user, request.POST.get("comments", "")))


@login_required
@require_POST
def tell(request, pk: int, petition_id: int):
    case = case_for(request.user, pk)
    if not may_see_petitioner(request.user, case):
        raise PermissionDenied
    petition = get_object_or_404(Petition, pk=petition_id, case=case)
    form = TellForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date and how the petitioner was told."))
        return redirect("petitions:case", pk=pk)
    return _act(
        request, pk, lambda c: casework.tell_petitioner(petition, request.user, form.cleaned_data["on"], form.cleaned_data["how"])
    )


@login_required
def attachment(request, pk: int, attachment_id: int):
    """Attachments may carry personal data: the same people as the petitioner's identity may open them."""
    case = case_for(request.user, pk)
    if not may_see_petitioner(request.user, case):
        raise PermissionDenied
    stored = get_object_or_404(Attachment.objects.select_related("petition__petitioner"), pk=attachment_id, petition__case=case)
    response = attachment_response(stored.file.open("rb"), stored.name, content_type_for(stored.name))
    disclose(request.user, case, Output.FILE, request, petitioners=[stored.petition.petitioner], where=f"attachment {stored.pk}")
    return response


@login_required
def inbox(request):
    cases = visible_cases(request.user).filter(agency_id__in=my_agency_ids(request.user)).exclude(status=CaseStatus.CLOSED)
    page = paginate(request, cases.order_by(F("due").asc(nulls_last=True), "pk"))
    return render(request, "petitions/inbox.html", {"cases": page.object_list, "page": page, "today": timezone.localdate()})


@login_required
def overdue(request):
    units = units_for(request.user, "supervise")
    if not units.exists():
        raise PermissionDenied
    today = timezone.localdate()
    cases = Case.objects.overdue(today).filter(unit__in=units).select_related("agency", "unit")
    page = paginate(request, cases.order_by("due", "pk"))
    return render(request, "petitions/overdue.html", {"cases": page.object_list, "page": page, "today": today})


@login_required
def compilation(request):
    """Mẫu 5 content: totals by field and jurisdiction, and the proposed assignment per matter."""
    cases, _query = filtered_cases(request.user, request.GET)
    # The same table as the Mẫu 5 document: one GROUP BY, kept in the cache while no matter or opinion changes.
    counted = cached_totals("compilation", cases, data_version(Case, Petition), lambda: field_jurisdiction_totals(cases))
    by_field = {name or _("Not classified"): row for name, row in counted.by_field.items()}
    ordered = cases.select_related(None).order_by(F("field__order").asc(nulls_last=True), "pk")
    rows = with_petition_count(cases.select_related(None).select_related("field", "agency"))  # no join with every dialogue
    page = paginate_by_key(request, ordered, rows, count=counted.matters)  # the matters are already counted by the totals
    context = {
        "cases": page.object_list,
        "page": page,
        "by_field": by_field,
        "totals": counted.totals,
        "grand_total": counted.opinions,
        "jurisdictions": Jurisdiction.choices,
        "params": request.GET,
    }
    return render(request, "petitions/compilation.html", context)
