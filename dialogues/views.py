"""Dialogue screens: list, calendar, page with timeline, planning form, my tasks, overdue board, year view.

Views stay thin: they fetch through dialogues.access and change state through dialogues.lifecycle.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.pagination import cached_totals, data_version, paginate
from organizations.access import can, units_for, visible_units
from organizations.models import AdministrativeUnit, Appointment

from . import lifecycle
from .access import can_complete_step, dialogue_for, my_organization_ids, visible_dialogues
from .annual import COMMUNE, annual_view, area_communes, area_totals, commune_rows
from .enums import OPEN_STATUSES, DialogueForm, DialogueKind, Status
from .filters import page_filter
from .forms import DialogueDetailsForm, DialoguePlanForm, ParticipantsForm
from .models import Dialogue, ScheduleStep
from .record_views import record_context
from .schedule import plan_schedule

BAD_DATE = "Ngày không hợp lệ: hãy chọn ngày theo dạng ngày/tháng/năm."


def _parse_date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def list_numbers(dialogues, visible) -> dict:
    """The list's total (after filters) and the years offered (before them): two aggregates, cached until a dialogue changes."""
    version = data_version(Dialogue)
    years = cached_totals(
        "dialogue-years", visible, version, lambda: sorted({d.year for d in visible.dates("date", "year")}, reverse=True)
    )
    return {"count": cached_totals("dialogue-count", dialogues, version, dialogues.count), "years": years}


@login_required
def dialogue_list(request):
    visible = visible_dialogues(request.user)
    found = page_filter(request.GET, visible.prefetch_related("hosts__person"))
    dialogues, filters = found.qs, found.data  # the same FilterSet as the API (dialogues/filters.py)
    numbers = list_numbers(dialogues, visible)
    hosts = Appointment.objects.filter(organization__unit__in=visible_units(request.user), position__is_head=True)
    page = paginate(request, dialogues.order_by("-date", "-id"), count=numbers["count"])
    context = {
        "dialogues": page.object_list,
        "page": page,
        "filters": filters,
        "units": visible_units(request.user),
        "years": numbers["years"],
        "kinds": DialogueKind.choices,
        "forms": DialogueForm.choices,
        "statuses": Status.choices,
        "hosts": {a.person_id: a.person.full_name for a in hosts.select_related("person")},
        "can_plan": units_for(request.user, "plan_dialogue").exists(),
    }
    return render(request, "dialogues/list.html", context)


@login_required
def upcoming(request):
    today = timezone.localdate()
    dialogues = visible_dialogues(request.user).filter(date__gte=today, status__in=OPEN_STATUSES).order_by("date", "start_time")
    months: dict[tuple[int, int], list] = {}
    for dialogue in dialogues.prefetch_related("hosts__person"):
        months.setdefault((dialogue.date.year, dialogue.date.month), []).append(dialogue)
    return render(request, "dialogues/upcoming.html", {"months": months, "today": today})


@login_required
def detail(request, pk: int):
    dialogue = dialogue_for(request.user, pk)
    return render(request, "dialogues/detail.html", detail_context(request, dialogue))


def detail_context(request, dialogue, **extra) -> dict:
    """The dialogue page's context (record_views re-renders it with a form's errors and a 400)."""
    today = timezone.localdate()
    steps = list(dialogue.steps.select_related("owner", "done_by"))
    rows = [{"step": step, "state": step.state(today), "can_complete": can_complete_step(request.user, step)} for step in steps]
    context = {
        "dialogue": dialogue,
        "rows": rows,
        "today": today,
        "can_plan": can(request.user, "plan_dialogue", dialogue.unit),
        "events": dialogue.events.select_related("by"),
        "groups": dialogue.participant_groups.prefetch_related("organizations", "people"),
        "agencies": dialogue.cooperating_agencies.select_related("organization"),
        "hosts": dialogue.hosts.select_related("person", "position", "delegated_from"),
        "Status": Status,
        "archive_blockers": lifecycle.archive_blockers(dialogue) if dialogue.status == Status.CONCLUDED else [],
        **record_context(request, dialogue),
        **extra,
    }
    return context


@login_required
def create(request):
    units = units_for(request.user, "plan_dialogue")
    if not units.exists():
        raise PermissionDenied
    form = DialoguePlanForm(request.POST or None, units=units, initial={"unit": units.first()})
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = form.save(request.user)
        except lifecycle.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The dialogue has been planned and its schedule computed."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    return render(request, "dialogues/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def participants(request, pk: int):
    """Change the participant groups and co-operating agencies after planning (before the conference)."""
    dialogue = dialogue_for(request.user, pk, "plan_dialogue")
    form = ParticipantsForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        groups, agencies = form.participant_choices()
        try:
            lifecycle.set_participants(dialogue, request.user, groups, agencies)
        except lifecycle.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    context = {"form": form, "dialogue": dialogue}
    return render(request, "dialogues/participants.html", context, status=400 if form.errors else 200)


@login_required
def edit(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "plan_dialogue")
    if not dialogue.is_open:
        messages.error(request, _("This dialogue can no longer change."))
        return redirect("dialogues:detail", pk=dialogue.pk)
    form = DialogueDetailsForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("dialogues:detail", pk=dialogue.pk)
    return render(request, "dialogues/edit.html", {"form": form, "dialogue": dialogue}, status=400 if form.errors else 200)


@login_required
def preview(request):
    """htmx: the schedule for the unit, kind and date being typed, with warnings for deadlines already past."""
    units = units_for(request.user, "plan_dialogue")
    unit = units.filter(pk=request.GET.get("unit") or 0).first()
    day = _parse_date(request.GET.get("date"))
    kind = request.GET.get("kind") if request.GET.get("kind") in DialogueKind.values else DialogueKind.PERIODIC
    context = {"unit": unit, "day": day, "steps": [], "today": timezone.localdate()}
    if unit and day:
        from regulations.models import binding_note, profile_for

        profile = profile_for(unit, day)
        context["profile"] = profile
        context["binding_note"] = binding_note(unit, day)  # says when a parent unit's regulation applies
        if profile:
            context["steps"] = plan_schedule(profile, kind, day, level=unit.level.code)
            context["past"] = [s for s in context["steps"] if s.due and s.due < context["today"] and s.code != "hold"]
    return render(request, "dialogues/_preview.html", context)


@login_required
@require_POST
def transition(request, pk: int, action: str):
    """The page's "next step" forms; a refusal shows the page again with its message and a 400."""
    dialogue = dialogue_for(request.user, pk, "plan_dialogue")
    on = _parse_date(request.POST.get("on"))
    reason = request.POST.get("reason", "")
    if request.POST.get("on") and on is None:
        return refused_page(request, dialogue, BAD_DATE)
    try:
        if action == "announce":
            lifecycle.announce(dialogue, request.user, on)
        elif action == "hold":
            lifecycle.hold(dialogue, request.user, on)
        elif action == "conclude":
            lifecycle.conclude(dialogue, request.user, on, reason)
        elif action == "archive":
            if request.POST.get("confirm") != "yes":
                raise lifecycle.TransitionError(_("Tick the box to confirm that the dossier is complete before archiving it."))
            lifecycle.archive(dialogue, request.user, on, request.POST.get("incomplete_reason", ""))
        elif action == "cancel":
            lifecycle.cancel(dialogue, request.user, reason)
        elif action == "reschedule":
            new_date = _parse_date(request.POST.get("new_date"))
            if new_date is None:
                raise lifecycle.TransitionError(_("Enter the new date."))
            lifecycle.reschedule(dialogue, request.user, new_date, reason, request.POST.get("justification", ""))
        else:
            raise Http404
    except lifecycle.TransitionError as error:
        return refused_page(request, dialogue, str(error))
    messages.success(request, _("Saved."))
    return redirect("dialogues:detail", pk=dialogue.pk)


def refused_page(request, dialogue, message: str) -> HttpResponse:
    """A refused change: the dialogue page again with the Vietnamese message and a 400 (nothing was written)."""
    messages.error(request, message)
    dialogue.refresh_from_db()
    return render(request, "dialogues/detail.html", detail_context(request, dialogue), status=400)


@login_required
@require_POST
def step_action(request, pk: int, step_id: int, action: str):
    """Mark a step done (its transition for announce, hold, conclude, archive) or waive it; a refusal is a 400."""
    dialogue = dialogue_for(request.user, pk)
    step = get_object_or_404(ScheduleStep, pk=step_id, dialogue=dialogue)
    if not can_complete_step(request.user, step) or (action == "waive" and not can(request.user, "plan_dialogue", dialogue.unit)):
        raise PermissionDenied
    if action not in ("done", "waive"):
        raise Http404
    if request.POST.get("on") and _parse_date(request.POST.get("on")) is None:
        return refused_page(request, dialogue, BAD_DATE)
    try:
        if action == "done":
            lifecycle.complete_step(step, request.user, _parse_date(request.POST.get("on")))
        else:
            lifecycle.waive_step(step, request.user, request.POST.get("reason", ""))
    except lifecycle.TransitionError as error:
        return refused_page(request, dialogue, str(error))
    messages.success(request, _("Saved."))
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = request.build_absolute_uri(dialogue_url(dialogue))
        return response
    return redirect("dialogues:detail", pk=dialogue.pk)


def dialogue_url(dialogue) -> str:
    from django.urls import reverse

    return reverse("dialogues:detail", args=[dialogue.pk])


def _pending_steps(queryset):
    return queryset.pending().select_related("dialogue__unit", "owner").order_by(F("due").asc(nulls_last=True), "dialogue__date")


@login_required
def my_tasks(request):
    steps = _pending_steps(ScheduleStep.objects.filter(owner_id__in=my_organization_ids(request.user)))
    steps = steps.filter(dialogue__unit__in=visible_units(request.user))
    page = paginate(request, steps)
    return render(request, "dialogues/my_tasks.html", {"steps": page.object_list, "page": page, "today": timezone.localdate()})


UNIT_TOTALS_SHOWN = 30


def overdue_totals(units, today: datetime.date) -> list[dict]:
    """Overdue steps per unit (code, name, count), most first: one grouped query, kept while no step or dialogue changes.

    The board's total is their sum, so the page does not COUNT a million rows a second time (issue 16).
    """
    steps = ScheduleStep.objects.overdue(today).filter(dialogue__unit__in=units)

    def compute() -> list[dict]:
        grouped = steps.order_by().values("dialogue__unit_id").annotate(count=Count("id"))
        counts = {row["dialogue__unit_id"]: row["count"] for row in grouped}
        names = AdministrativeUnit.objects.filter(pk__in=list(counts)).values_list("pk", "code", "name")
        rows = [{"code": code, "name": name, "count": counts[pk]} for pk, code, name in names]
        return sorted(rows, key=lambda row: (-row["count"], row["name"]))

    version = f"{today}:{data_version(ScheduleStep, Dialogue)}"
    return cached_totals("overdue-steps", units, version, compute)


@login_required
def overdue(request):
    units = units_for(request.user, "supervise")
    if not units.exists():
        raise PermissionDenied
    today = timezone.localdate()
    totals = overdue_totals(units, today)  # per unit, so the board says where the delays are without listing them all
    steps = _pending_steps(ScheduleStep.objects.overdue(today).filter(dialogue__unit__in=units))
    page = paginate(request, steps.order_by("due", "dialogue__date", "id"), count=sum(row["count"] for row in totals))
    context = {"steps": page.object_list, "page": page, "today": today, "totals": totals[:UNIT_TOTALS_SHOWN]}
    return render(request, "dialogues/overdue.html", context)


@login_required
def year_view(request):
    """One unit's heads against their minimum; for a city or province also every commune below it, a page at a time,
    with the dialogue Luật 72/2025/QH15 Điều 43 requires of each commune once a year (held / not held)."""
    today = timezone.localdate()
    year = int(request.GET["nam"]) if request.GET.get("nam", "").isdigit() else today.year
    units = visible_units(request.user)
    if not 2000 <= year <= 2100:
        error = _("The year must be between 2000 and 2100.")
        return render(request, "dialogues/year.html", {"units": units, "year": today.year, "error": error}, status=400)
    unit = units.filter(code=request.GET.get("don_vi", "")).first() or units.first()
    view = annual_view(unit, year, today) if unit else None
    context = {"view": view, "units": units, "year": year, "unit": unit}
    if unit is not None and unit.level.code != COMMUNE:
        page = paginate(request, area_communes(unit, year))
        context.update(page=page, communes=commune_rows(list(page.object_list), year, today), totals=area_totals(unit, year))
    return render(request, "dialogues/year.html", context)
