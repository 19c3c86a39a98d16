"""Staff screens of convening: voter counts, requests, signed lists, the planning duty. Thin: the verbs decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from common import dates
from common.downloads import attachment_response, content_type_for
from common.forms import first_error
from common.pagination import paginate
from organizations.access import can, units_for, visible_units
from petitions.models import Output

from . import privacy, requests, rules
from .forms import AssignForm, CloseForm, LinkForm, RequestForm, SignaturesForm, ToldForm, VoterCountForm
from .models import ConveningRequest, PlanningDuty, SignatureList, VoterCount

WRITE = "plan_dialogue"  # the advising staff and administrators record requests and lists
ASSIGN = "manage_regulations"  # the unit's rules are the administrator's: owner and deadline of the duty


def _writable_units(user):
    """The communes where the user records voters and requests (the law binds the commune level)."""
    units = units_for(user, WRITE).filter(level__code=rules.LEVEL)
    if not units.exists():
        raise PermissionDenied
    return units


@login_required
@require_GET
def request_list(request):
    found = (
        ConveningRequest.objects.filter(unit__in=visible_units(request.user))
        .select_related("unit", "duty__owner", "duty__dialogue")
        .order_by("-received_on", "-id")
    )
    page = paginate(request, found)
    may_write = units_for(request.user, WRITE).exists()
    context = {"page": page, "requests": page.object_list, "may_write": may_write, "today": dates.today()}
    return render(request, "convening/list.html", context)


@login_required
def voters(request, status: int = 200, form: VoterCountForm | None = None):
    units = _writable_units(request.user)
    if request.method == "POST" and form is None:
        form = VoterCountForm(request.POST, units=units)
        if form.is_valid():
            try:
                requests.record_voters(request.user, **form.cleaned_data)
            except requests.ConveningError as error:
                messages.error(request, str(error))
                return voters(request, 400, form)
            messages.success(request, _("The number of voters was recorded."))
            return redirect("convening:voters")
        messages.error(request, first_error(form))
        return voters(request, 400, form)
    page = paginate(
        request, VoterCount.objects.filter(unit__in=units).select_related("unit").order_by("unit__path", "-as_of", "-id")
    )
    form = form or VoterCountForm(units=units, initial={"as_of": dates.today()})
    return render(request, "convening/voters.html", {"page": page, "counts": page.object_list, "form": form}, status=status)


@login_required
def create(request):
    units = _writable_units(request.user)
    form = RequestForm(request.POST or None, units=units, initial={"received_on": dates.today()})
    if request.method == "POST":
        if form.is_valid():
            try:
                created = requests.receive_request(request.user, **form.cleaned_data)
            except requests.ConveningError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The request was recorded."))
                return redirect("convening:detail", created.pk)
        else:
            messages.error(request, first_error(form))
        return render(request, "convening/create.html", {"form": form}, status=400)
    return render(request, "convening/create.html", {"form": form})


def _request(request, pk: int) -> ConveningRequest:
    found = get_object_or_404(ConveningRequest.objects.select_related("unit", "voter_count"), pk=pk)
    if not can(request.user, "view", found.unit):
        raise PermissionDenied
    return found


def _duty(found: ConveningRequest) -> PlanningDuty | None:
    return PlanningDuty.objects.filter(request=found).select_related("owner", "dialogue").first()


@login_required
def detail(request, pk: int, status: int = 200, forms: dict | None = None):
    found = _request(request, pk)
    duty = _duty(found)
    may_write = can(request.user, WRITE, found.unit)
    context = {
        "item": found,
        "duty": duty,
        "representative": "" if found.anonymised_on else privacy.representative_label(request.user, found, request),
        "lists": found.signature_lists.all(),
        "may_see_lists": privacy.may_see_voters(request.user, found),
        "may_write": may_write,
        "may_assign": can(request.user, ASSIGN, found.unit),
        "signatures_form": SignaturesForm(),
        "told_form": ToldForm(initial={"on": dates.today()}),
        "close_form": CloseForm(initial={"on": dates.today()}),
    }
    if duty is not None and duty.fulfilled_on is None and found.is_open:
        context["assign_form"] = AssignForm(
            request_obj=found, initial={"owner": duty.owner_id, "due_on": duty.due_on, "basis": duty.due_basis}
        )
        context["link_form"] = LinkForm(dialogues=requests.plannable_dialogues(duty))
    context.update(forms or {})
    return render(request, "convening/detail.html", context, status=status)


def _refused(request, pk: int, message: str, **forms):
    """Bad input or a refused change: the page again with the reason, as a 400; nothing was written."""
    messages.error(request, message)
    return detail(request, pk, status=400, forms=forms)


def _for_write(request, pk: int, action: str = WRITE) -> ConveningRequest:
    found = _request(request, pk)
    if not can(request.user, action, found.unit):
        raise PermissionDenied
    return found


@login_required
@require_POST
def add_signatures(request, pk: int):
    found = _for_write(request, pk)
    form = SignaturesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, pk, first_error(form), signatures_form=form)
    try:
        requests.add_signatures(found, request.user, supporters=form.cleaned_data["supporters"], scan=form.cleaned_data["scan"])
    except requests.ConveningError as error:
        return _refused(request, pk, str(error), signatures_form=form)
    messages.success(request, _("The signed list was added."))
    return redirect("convening:detail", pk)


def _open_duty(found: ConveningRequest) -> PlanningDuty:
    duty = _duty(found)
    if duty is None:
        raise PermissionDenied  # no duty before the threshold: nothing to assign or link
    return duty


@login_required
@require_POST
def assign(request, pk: int):
    found = _for_write(request, pk, ASSIGN)
    duty = _open_duty(found)
    form = AssignForm(request.POST, request_obj=found)
    if not form.is_valid():
        return _refused(request, pk, first_error(form), assign_form=form)
    try:
        requests.assign_duty(
            duty,
            request.user,
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            basis=form.cleaned_data["basis"],
        )
    except requests.ConveningError as error:
        return _refused(request, pk, str(error), assign_form=form)
    messages.success(request, _("The duty was assigned."))
    return redirect("convening:detail", pk)


@login_required
@require_POST
def link(request, pk: int):
    found = _for_write(request, pk)
    duty = _open_duty(found)
    form = LinkForm(request.POST, dialogues=requests.plannable_dialogues(duty))
    if not form.is_valid():
        return _refused(request, pk, _("Choose a dialogue of this commune, planned on or after the request and not cancelled."))
    try:
        requests.link_dialogue(duty, request.user, form.cleaned_data["dialogue"])
    except requests.ConveningError as error:
        return _refused(request, pk, str(error))
    messages.success(request, _("The dialogue planned from this request was recorded; the duty is fulfilled."))
    return redirect("convening:detail", pk)


@login_required
@require_POST
def told(request, pk: int):
    found = _for_write(request, pk)
    form = ToldForm(request.POST)
    if not form.is_valid():
        return _refused(request, pk, first_error(form), told_form=form)
    try:
        requests.record_told(found, request.user, on=form.cleaned_data["on"], how=form.cleaned_data["how"])
    except requests.ConveningError as error:
        return _refused(request, pk, str(error), told_form=form)
    messages.success(request, _("Recorded that the representative was told."))
    return redirect("convening:detail", pk)


CLOSING = {
    "invalid": (requests.mark_invalid, _lazy("The request was closed: its supporters' lists are invalid.")),
    "withdrawn": (requests.record_withdrawal, _lazy("The request was closed: withdrawn by the representative.")),
}


@login_required
@require_POST
def close(request, pk: int, decision: str):
    """Close the request without a dialogue (one verb per decision); the same form for both."""
    if decision not in CLOSING:
        raise Http404
    found = _for_write(request, pk)
    verb, done = CLOSING[decision]
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _refused(request, pk, first_error(form), close_form=form)
    try:
        verb(found, request.user, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"])
    except requests.ConveningError as error:
        return _refused(request, pk, str(error), close_form=form)
    messages.success(request, str(done))
    return redirect("convening:detail", pk)


@login_required
@require_GET
def download(request, pk: int, list_id: int):
    """A signed list's scan, for those who may see voters' data; each download is logged."""
    found = _request(request, pk)
    signed = get_object_or_404(SignatureList.objects.exclude(file=""), pk=list_id, request=found)
    if not privacy.may_see_voters(request.user, found):
        raise PermissionDenied
    privacy.log(
        request.user,
        request,
        Output.FILE,
        f"Danh sách chữ ký yêu cầu đối thoại #{found.pk}: {signed.original_name}",
        signed.supporters,
    )
    return attachment_response(signed.file.open("rb"), signed.original_name, content_type_for(signed.original_name))
