"""The publication board and each dialogue's publication page. Thin: publishing/results.py decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common import dates
from common.forms import first_error
from common.pagination import paginate
from dialogues.models import Dialogue
from organizations.access import can, visible_units

from . import results
from .forms import DispatchForm, HeadquartersForm, RecipientForm
from .models import Publication

WRITE = "plan_dialogue"  # the advising office records what was posted and sent

FILTER_KEYS = ("", "tre-han", "tat-ca")  # needs attention (open or done late), late, all


def _condition(key: str) -> Q:
    done_late = Q(completed_on__gt=F("due_on"))
    if key == "tre-han":
        return Q(completed_on__isnull=True, due_on__lt=dates.today()) | done_late
    if key == "tat-ca":
        return Q()
    return Q(completed_on__isnull=True) | done_late


def board_rows(user, key: str):
    """The publications the user may read, filtered in SQL, with dispatch counts as one grouped aggregate."""
    condition = _condition(key)
    return (
        Publication.objects.filter(dialogue__unit__in=visible_units(user))
        .filter(condition)
        .select_related("dialogue__unit")
        .annotate(heads=Count("dispatches"), sent=Count("dispatches", filter=Q(dispatches__sent_on__isnull=False)))
        .order_by("due_on", "id")
    )


@login_required
@require_GET
def board(request):
    key = request.GET.get("loc", "")
    page = paginate(request, board_rows(request.user, key))
    context = {"page": page, "rows": page.object_list, "key": key, "today": dates.today()}
    return render(request, "publishing/board.html", context)


def _publication(request, dialogue_pk: int) -> Publication:
    dialogue = get_object_or_404(Dialogue.objects.select_related("unit", "profile"), pk=dialogue_pk)
    if not can(request.user, "view", dialogue.unit):
        raise PermissionDenied
    publication = Publication.objects.filter(dialogue=dialogue).select_related("dialogue__unit").first()
    if publication is None:
        raise PermissionDenied  # no publication duty for this dialogue (not held, or not bound by the rule)
    return publication


@login_required
def detail(request, dialogue_pk: int, status: int = 200, forms: dict | None = None):
    publication = _publication(request, dialogue_pk)
    dispatches = list(publication.dispatches.all())
    pending = [(d.pk, d.recipient) for d in dispatches if d.sent_on is None]
    today = dates.today()
    context = {
        "publication": publication,
        "dialogue": publication.dialogue,
        "portal_on": results.portal_posted_on(publication.dialogue),
        "dispatches": dispatches,
        "late": publication.is_late(today),
        "may_write": can(request.user, WRITE, publication.dialogue.unit),
        "headquarters_form": HeadquartersForm(initial={"on": today}),
        "dispatch_form": DispatchForm(choices=pending, initial={"on": today, "dispatches": [pk for pk, _name in pending]}),
        "recipient_form": RecipientForm(),
    }
    context.update(forms or {})
    return render(request, "publishing/detail.html", context, status=status)


def _for_write(request, dialogue_pk: int) -> Publication:
    publication = _publication(request, dialogue_pk)
    if not can(request.user, WRITE, publication.dialogue.unit):
        raise PermissionDenied
    return publication


def _refused(request, dialogue_pk: int, message: str, **forms):
    """Bad input or a refused change: the page again with the reason, as a 400; nothing was written."""
    messages.error(request, message)
    return detail(request, dialogue_pk, status=400, forms=forms)


@login_required
@require_POST
def headquarters(request, dialogue_pk: int):
    publication = _for_write(request, dialogue_pk)
    form = HeadquartersForm(request.POST)
    if not form.is_valid():
        return _refused(request, dialogue_pk, first_error(form), headquarters_form=form)
    try:
        results.record_headquarters(publication, request.user, form.cleaned_data["on"])
    except results.PublishingError as error:
        return _refused(request, dialogue_pk, str(error), headquarters_form=form)
    messages.success(request, _("The posting at the commune headquarters was recorded."))
    return redirect("publishing:detail", dialogue_pk)


@login_required
@require_POST
def dispatch(request, dialogue_pk: int):
    publication = _for_write(request, dialogue_pk)
    choices = publication.dispatches.filter(sent_on__isnull=True).values_list("pk", "recipient")
    form = DispatchForm(request.POST, choices=choices)
    if not form.is_valid():
        return _refused(request, dialogue_pk, first_error(form))
    try:
        results.record_dispatch(publication, request.user, form.cleaned_data["dispatches"], form.cleaned_data["on"])
    except results.PublishingError as error:
        return _refused(request, dialogue_pk, str(error))
    messages.success(request, _("The dispatch to the heads was recorded."))
    return redirect("publishing:detail", dialogue_pk)


@login_required
@require_POST
def recipient(request, dialogue_pk: int):
    publication = _for_write(request, dialogue_pk)
    form = RecipientForm(request.POST)
    if not form.is_valid():
        return _refused(request, dialogue_pk, first_error(form), recipient_form=form)
    try:
        results.add_recipient(publication, request.user, form.cleaned_data["name"])
    except results.PublishingError as error:
        return _refused(request, dialogue_pk, str(error), recipient_form=form)
    messages.success(request, _("The recipient was added."))
    return redirect("publishing:detail", dialogue_pk)
