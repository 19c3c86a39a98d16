"""Plan the dialogue from a request: the dialogues planning form, prefilled from the request, whose dialogue is
linked to the request in the same transaction (requests.plan_dialogue). The form and its checks are the
dialogues app's; this view only fills it in and names the request."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dialogues import lifecycle
from dialogues.enums import DialogueKind, ThematicTopic
from dialogues.forms import DialoguePlanForm
from organizations.access import units_for

from . import requests
from .models import ConveningRequest
from .numbers import vn_number
from .views import WRITE, _duty, _request


def initial_for(found: ConveningRequest) -> dict:
    """A dialogue asked for by the voters is held in addition to the commune's yearly periodic one (docs/luat-72.md
    §2): thematic, on the policy or project the request names, with the request's subject and text."""
    description = _(
        "At the request of the voters received on %(day)s: %(supporters)s supporters of %(threshold)s needed (%(citation)s)."
    ) % {
        "day": found.received_on.strftime("%d/%m/%Y"),
        "supporters": vn_number(found.supporters),
        "threshold": vn_number(found.threshold),
        "citation": found.threshold_citation,
    }
    return {
        "unit": found.unit_id,
        "title": found.title,
        "kind": DialogueKind.THEMATIC,
        "topic": ThematicTopic.POLICY,
        "description": f"{description}\n\n{found.content}",
    }


@login_required
def plan(request, pk: int):
    found = _request(request, pk)
    units = units_for(request.user, WRITE).filter(pk=found.unit_id)
    duty = _duty(found)
    if not units.exists() or duty is None:
        raise PermissionDenied  # only the commune's planners, and only once the threshold opened the duty
    if duty.fulfilled_on is not None:
        messages.error(request, _("The dialogue has already been planned; the duty is closed."))
        return redirect("convening:detail", pk)
    if not found.is_open:
        messages.error(request, _("The request was closed without a dialogue; its duty is closed."))
        return redirect("convening:detail", pk)
    form = DialoguePlanForm(request.POST or None, units=units, initial=initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = requests.plan_dialogue(duty, request.user, lambda: form.save(request.user))
        except (lifecycle.TransitionError, requests.ConveningError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The dialogue was planned from the request; the duty is fulfilled."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    context = {"form": form, "convening_request": found}
    return render(request, "dialogues/form.html", context, status=400 if form.errors else 200)
