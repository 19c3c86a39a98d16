"""Screens for the dialogue's record after planning: hosts, dossier custodian, media announcements, duties.

Thin: each fetches through dialogues.access and writes through one verb of dialogues.record; a refused
change re-renders its form (or the dialogue page) with the Vietnamese message and a 400, writing nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizations.access import can
from regulations.models import archive_rule_for

from . import record
from .access import can_do_duty, dialogue_for
from .enums import HELD_STATUSES, DialogueKind, Status
from .forms import CustodianForm, DutyFileForm, HostsForm, MediaForm
from .lifecycle import TransitionError, archive_incomplete_allowed
from .models import DialogueDuty


def record_context(request, dialogue) -> dict:
    """What the dialogue page shows of the record: media checklist, duties, custodian, archive rule."""
    can_plan = can(request.user, "plan_dialogue", dialogue.unit)
    checks = record.media_checklist(dialogue)
    duties = list(dialogue.duties.select_related("owner", "with_office"))
    return {
        "media_checks": checks,
        "missing_channels": [check.rule.name for check in checks if check.on is None],
        "announcements": dialogue.media_announcements.all(),
        "media_form": MediaForm(dialogue=dialogue) if can_plan and dialogue.status != Status.CANCELLED else None,
        "duties": [{"duty": duty, "state": duty.state(), "can_file": can_do_duty(request.user, duty)} for duty in duties],
        "duty_form": DutyFileForm(),
        "custodian_form": CustodianForm(dialogue=dialogue)
        if can_plan and dialogue.kind == DialogueKind.AD_HOC and dialogue.is_open
        else None,
        "can_change_hosts": can_plan and dialogue.is_open and dialogue.status not in HELD_STATUSES,
        "archive_rule": archive_rule_for(dialogue.profile),
        "archive_incomplete_allowed": archive_incomplete_allowed(dialogue.profile),
    }


def _page_with_error(request, dialogue, message: str, **forms):
    from .views import detail_context

    messages.error(request, message)
    return render(request, "dialogues/detail.html", detail_context(request, dialogue, **forms), status=400)


@login_required
def hosts(request, pk: int):
    """Change the host or co-hosts before the conference (dialogues.record.change_hosts)."""
    dialogue = dialogue_for(request.user, pk, "plan_dialogue")
    form = HostsForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            record.change_hosts(dialogue, request.user, form.host_choices(), form.cleaned_data["reason"])
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    context = {"form": form, "dialogue": dialogue, "hosts": dialogue.hosts.select_related("person", "position")}
    return render(request, "dialogues/hosts.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def custodian(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "plan_dialogue")
    form = CustodianForm(request.POST, dialogue=dialogue)
    if not form.is_valid():
        return _page_with_error(request, dialogue, _("Choose the office and record how the chair named it."), custodian_form=form)
    try:
        record.name_custodian(dialogue, request.user, form.cleaned_data["office"], form.cleaned_data["note"])
    except TransitionError as error:
        return _page_with_error(request, dialogue, str(error), custodian_form=form)
    messages.success(request, _("Saved."))
    return redirect("dialogues:detail", pk=dialogue.pk)


@login_required
@require_POST
def media(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "plan_dialogue")
    form = MediaForm(request.POST, dialogue=dialogue)
    if not form.is_valid():
        return _page_with_error(request, dialogue, _("Check the channel, the date and the link."), media_form=form)
    data = form.cleaned_data
    try:
        record.record_media(dialogue, request.user, data["channel"], data["on"], data["other_name"], data["link"], data["note"])
    except TransitionError as error:
        return _page_with_error(request, dialogue, str(error), media_form=form)
    messages.success(request, _("Saved."))
    return redirect("dialogues:detail", pk=dialogue.pk)


@login_required
@require_POST
def duty_file(request, pk: int, duty_id: int):
    dialogue = dialogue_for(request.user, pk)
    duty = get_object_or_404(DialogueDuty, pk=duty_id, dialogue=dialogue)
    if not can_do_duty(request.user, duty):
        raise PermissionDenied
    form = DutyFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page_with_error(request, dialogue, _("Choose the file and the date it was done."), duty_form=form)
    upload = form.cleaned_data["file"]
    try:
        record.file_duty(duty, request.user, upload.name, upload.read(record.MAX_DUTY_FILE_BYTES + 1), form.cleaned_data["on"])
    except TransitionError as error:
        return _page_with_error(request, dialogue, str(error), duty_form=form)
    messages.success(request, _("Saved."))
    return redirect("dialogues:detail", pk=dialogue.pk)
