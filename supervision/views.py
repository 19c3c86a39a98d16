"""Supervision screens: the overview with the plans, the lists, and the panel's actions (htmx or plain POST).

Views stay thin: they read the form, call one verb of supervision/verbs.py, and answer with the panel
(htmx), a redirect to the page (plain POST), or a 400 with the Vietnamese reason (nothing written).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from common import dates
from common.downloads import attachment_response, content_type_for
from common.pagination import paginate
from dialogues.access import dialogue_for
from organizations.access import visible_units
from petitions.access import case_for
from petitions.models import Case, Petition

from . import verbs
from .access import (
    bodies_for,
    get_or_404,
    may_open,
    visible_directions,
    visible_escalations,
    visible_findings,
    visible_plans,
)
from .enums import DirectionState
from .forms import (
    CompleteForm,
    CoverageForm,
    DirectionForm,
    EscalationForm,
    FindingForm,
    ForecastForm,
    PlanForm,
    ReplyForm,
    first_error,
)
from .models import Forecast, SupervisionPlan
from .panel import organizations_up, panel_context, unit_and_above
from .totals import findings_count

DENIED = _lazy(
    "Supervision is for the members of a unit's bodies (the Fatherland Front, the Party boards, the advising office, "
    "the agencies, upper-level viewers); your account has no role in any unit."
)


def supervision_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every supervision page: signed in, and a role in some unit (supervision.access.may_open); else one
    Vietnamese denial (403), the same on every page, before anything is read or written."""

    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_open(request.user):
            raise PermissionDenied(str(DENIED))
        return view(request, *args, **kwargs)

    return login_required(checked)


def _target(request: HttpRequest, kind: str, pk: int):
    """(dialogue, case) of the page the action is on; 404 when the user may not see it."""
    if kind == "doi-thoai":
        return dialogue_for(request.user, pk), None
    if kind == "vu-viec":
        case = case_for(request.user, pk)
        return case.dialogue, case
    raise Http404


def _answer(request: HttpRequest, dialogue, case, panel: str, error: str = "") -> HttpResponse:
    """The panel again (htmx), or back to the page; a refusal is a 400 with its reason."""
    on_case = case is not None and (panel != "dialogue" or dialogue is None)
    if request.headers.get("HX-Request"):
        context = panel_context(request, dialogue=None if on_case else dialogue, case=case if on_case else None, error=error)
        return render(request, "supervision/_panel.html", context, status=400 if error else 200)
    back = reverse("petitions:case", args=[case.pk]) if on_case else reverse("dialogues:detail", args=[dialogue.pk])
    if error:
        return render(request, "supervision/refused.html", {"error": error, "back": back}, status=400)
    messages.success(request, _("Saved."))
    return redirect(back)


def _run(request: HttpRequest, dialogue, case, panel: str, action) -> HttpResponse:
    try:
        action()
    except verbs.Refused as refused:
        return _answer(request, dialogue, case, panel, str(refused))
    return _answer(request, dialogue, case, panel)


def _plans_for(bodies, year: int):
    return SupervisionPlan.objects.filter(organization__in=bodies, year=year)


@supervision_page
@require_POST
def add_finding(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    dialogue, case = _target(request, kind, pk)
    unit = (case or dialogue).unit
    bodies = bodies_for(request.user).filter(unit__code__in=unit_and_above(unit))
    form = FindingForm(request.POST, bodies=bodies, agencies=organizations_up(unit), plans=_plans_for(bodies, dates.today().year))
    panel = "case" if case else "dialogue"
    if not form.is_valid():
        return _answer(request, dialogue, case, panel, first_error(form))
    data = form.cleaned_data
    return _run(
        request,
        dialogue,
        case,
        panel,
        lambda: verbs.record_finding(
            request.user,
            data["organization"],
            data["finding"],
            dialogue=None if case else dialogue,
            case=case,
            request=data["request"],
            agency=data["agency"],
            found_on=data["found_on"],
            plan=data["plan"],
        ),
    )


@supervision_page
@require_POST
def finding_reply(request: HttpRequest, pk: int) -> HttpResponse:
    return _reply(request, get_or_404(visible_findings(request.user), pk), verbs.record_finding_reply)


def _reply(request: HttpRequest, row, record) -> HttpResponse:
    """The agency's or the upper level's reply to a finding or an escalation: one form, one verb each."""
    form = ReplyForm(request.POST)
    panel = request.POST.get("panel", "case" if row.case_id else "dialogue")
    if not form.is_valid():
        return _answer(request, row.dialogue, row.case, panel, first_error(form))
    data = form.cleaned_data
    return _run(request, row.dialogue, row.case, panel, lambda: record(request.user, row, data["reply"], data["replied_on"]))


@supervision_page
@require_POST
def forecast(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for(request.user, pk)
    bodies = bodies_for(request.user).filter(unit__code__in=unit_and_above(dialogue.unit))
    form = ForecastForm(request.POST, request.FILES, bodies=bodies)
    if not form.is_valid():
        return _answer(request, dialogue, None, "dialogue", first_error(form))
    data = form.cleaned_data
    return _run(
        request,
        dialogue,
        None,
        "dialogue",
        lambda: verbs.attach_forecast(request.user, dialogue, data["organization"], data["content"], data["file"]),
    )


@supervision_page
def forecast_file(request: HttpRequest, pk: int) -> HttpResponse:
    """No petitioner data is in a forecast: whoever may see the dialogue may read it."""
    stored = Forecast.objects.select_related("dialogue").filter(pk=pk).exclude(file="").first()
    if stored is None:
        raise Http404
    dialogue_for(request.user, stored.dialogue_id)
    return attachment_response(stored.file.open("rb"), stored.file_name, content_type_for(stored.file_name))


@supervision_page
@require_POST
def escalate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    dialogue, case = _target(request, kind, pk)
    form = EscalationForm(request.POST, request.FILES)
    panel = "case" if case else "dialogue"
    if not form.is_valid():
        return _answer(request, dialogue, case, panel, first_error(form))
    data = form.cleaned_data
    return _run(
        request,
        dialogue,
        case,
        panel,
        lambda: verbs.escalate(
            request.user,
            (case or dialogue).unit,
            data["content"],
            data["upper_level"],
            data["letter_number"],
            data["letter_date"],
            data["due"],
            kind=data["kind"],
            dialogue=None if case else dialogue,
            case=case,
            upload=data["file"],
        ),
    )


@supervision_page
@require_POST
def escalation_reply(request: HttpRequest, pk: int) -> HttpResponse:
    return _reply(request, get_or_404(visible_escalations(request.user), pk), verbs.record_escalation_reply)


@supervision_page
def letter_file(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = get_or_404(visible_escalations(request.user).exclude(letter_file=""), pk)
    return attachment_response(
        escalation.letter_file.open("rb"), escalation.letter_file_name, content_type_for(escalation.letter_file_name)
    )


@supervision_page
@require_POST
def direct(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    dialogue, case = _target(request, kind, pk)
    unit = (case or dialogue).unit
    form = DirectionForm(request.POST, owners=organizations_up(unit))
    panel = "case" if case else "dialogue"
    if not form.is_valid():
        return _answer(request, dialogue, case, panel, first_error(form))
    data = form.cleaned_data
    return _run(
        request,
        dialogue,
        case,
        panel,
        lambda: verbs.direct(
            request.user,
            unit,
            data["content"],
            data["owner"],
            data["due"],
            directed_on=data["directed_on"],
            dialogue=None if case else dialogue,
            case=case,
        ),
    )


@supervision_page
@require_POST
def direction_done(request: HttpRequest, pk: int) -> HttpResponse:
    direction = get_or_404(visible_directions(request.user), pk)
    form = CompleteForm(request.POST)
    panel = request.POST.get("panel", "case" if direction.case_id else "dialogue")
    if not form.is_valid():
        return _answer(request, direction.dialogue, direction.case, panel, first_error(form))
    data = form.cleaned_data
    return _run(
        request,
        direction.dialogue,
        direction.case,
        panel,
        lambda: verbs.complete_direction(request.user, direction, data["result"], data["done_on"]),
    )


# The overview, the plans and the lists


@supervision_page
def home(request: HttpRequest) -> HttpResponse:
    """Plans of the visible units (paginated), this year's counts in them, and the plan form for the supervising
    bodies. Open to whoever may see the findings (supervision_page), showing only their units' rows."""
    today = dates.today()
    units = visible_units(request.user)  # the counts cover what this user may see, like the lists
    page = paginate(request, visible_plans(request.user).order_by("-year", "organization__name", "pk"))
    bodies = list(bodies_for(request.user))
    context = {
        "page": page,
        "counts": findings_count(units, today.replace(month=1, day=1), today.replace(month=12, day=31)),
        "year": today.year,
        "plan_form": PlanForm(bodies=bodies_for(request.user), initial={"organization": bodies[0]}) if bodies else None,
    }
    return render(request, "supervision/home.html", context)


@supervision_page
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST, bodies=bodies_for(request.user))
    if not form.is_valid():
        return render(
            request, "supervision/refused.html", {"error": first_error(form), "back": reverse("supervision:home")}, status=400
        )
    data = form.cleaned_data
    try:
        plan = verbs.create_plan(request.user, data["organization"], data["year"], data["title"], data["content"])
    except verbs.Refused as refused:
        return render(
            request, "supervision/refused.html", {"error": str(refused), "back": reverse("supervision:home")}, status=400
        )
    messages.success(request, _("Saved."))
    return redirect("supervision:plan", pk=plan.pk)


@supervision_page
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_or_404(visible_plans(request.user), pk)
    form = CoverageForm(request.POST or None, plan=plan, initial={"dialogues": plan.dialogues.all()})
    if request.method == "POST":
        back = reverse("supervision:plan", args=[plan.pk])
        if not form.is_valid():
            return render(request, "supervision/refused.html", {"error": first_error(form), "back": back}, status=400)
        codes = form.codes()
        cases = list(Case.objects.filter(pk__in=Petition.objects.filter(tracking_code__in=codes).values("case_id")))
        found = set(Petition.objects.filter(tracking_code__in=codes).values_list("tracking_code", flat=True))
        missing = [code for code in codes if code not in found]
        if missing:
            error = _("No opinion has these tracking codes: %(codes)s") % {"codes": ", ".join(missing)}
            return render(request, "supervision/refused.html", {"error": error, "back": back}, status=400)
        try:
            verbs.set_coverage(request.user, plan, form.cleaned_data["dialogues"], [*plan.cases.all(), *cases])
        except verbs.Refused as refused:
            return render(request, "supervision/refused.html", {"error": str(refused), "back": back}, status=400)
        messages.success(request, _("Saved."))
        return redirect(back)
    context = {
        "plan": plan,
        "form": form if plan.organization in bodies_for(request.user) else None,
        "dialogues": plan.dialogues.order_by("date", "pk"),
        "cases": plan.cases.select_related("agency").order_by("pk"),
        "findings": paginate(request, plan.findings.select_related("dialogue", "case", "agency").order_by("-found_on", "-pk")),
    }
    return render(request, "supervision/plan.html", context)


@supervision_page
def findings_list(request: HttpRequest) -> HttpResponse:
    rows = visible_findings(request.user).order_by("-found_on", "-pk")
    awaiting = request.GET.get("cho_tra_loi") == "1"
    if awaiting:
        rows = rows.filter(agency__isnull=False, replied_on__isnull=True)
    return render(request, "supervision/findings.html", {"page": paginate(request, rows), "awaiting": awaiting})


@supervision_page
def escalations_list(request: HttpRequest) -> HttpResponse:
    rows = visible_escalations(request.user).order_by("-letter_date", "-pk")
    overdue = request.GET.get("qua_han") == "1"
    if overdue:
        rows = rows.overdue().order_by("due", "pk")
    context = {"page": paginate(request, rows), "overdue": overdue, "today": dates.today()}
    return render(request, "supervision/escalations.html", context)


@supervision_page
def directions_list(request: HttpRequest) -> HttpResponse:
    rows = visible_directions(request.user).order_by("due", "pk")
    state = request.GET.get("trang_thai", "")
    if state == "qua_han":
        rows = rows.overdue()
    elif state in DirectionState.values:
        rows = rows.filter(state=state)
    else:
        state = ""
    context = {"page": paginate(request, rows), "state": state, "today": dates.today(), "States": DirectionState}
    return render(request, "supervision/directions.html", context)
