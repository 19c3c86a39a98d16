"""Conference screens: overview and programme, attendance, chair's queue, hall screen, minutes, outcomes, notice.

The chair's and the hall's screens refresh their live parts with htmx polling.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_deny
from django.views.decorators.http import require_POST

from common import dates
from dialogues.access import dialogue_for
from dialogues.enums import GroupKind
from dialogues.models import Dialogue
from organizations.access import can
from organizations.models import Organization
from petitions import casework
from petitions.models import Case
from petitions.privacy import public_label

from . import proceedings, projector
from .models import Invitee, OutcomeKind, RefusalGround, SpeakerStatus


def _done(request, pk: int, name: str, action):
    try:
        action()
    except proceedings.ConferenceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(name, pk=pk)


@login_required
def overview(request, pk: int):
    dialogue = dialogue_for(request.user, pk)
    programme = proceedings.programme_rows(dialogue)  # unsaved until "save" is posted: GET writes nothing
    context = {
        "dialogue": dialogue,
        "programme": programme,
        "programme_saved": bool(programme) and programme[0].pk is not None,
        "can_record": can(request.user, "record_conference", dialogue.unit),
        "present": dialogue.invitees.filter(checked_in_at__isnull=False).count(),
        "invited": dialogue.invitees.count(),
    }
    return render(request, "conference/overview.html", context)


@login_required
@require_POST
def programme_save(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    if not dialogue.programme.exists():
        proceedings.build_programme(dialogue)
        messages.success(request, _("Saved."))
        return redirect("conference:overview", pk=pk)
    for item in dialogue.programme.all():
        title = request.POST.get(f"title_{item.pk}", "").strip()
        try:
            start = datetime.time.fromisoformat(request.POST.get(f"start_{item.pk}", ""))
            end = datetime.time.fromisoformat(request.POST.get(f"end_{item.pk}", ""))
        except ValueError:
            messages.error(request, _("Enter the times as HH:MM."))
            return redirect("conference:overview", pk=pk)
        if not title or end <= start:
            messages.error(request, _("Each item needs a title and an end after its start."))
            return redirect("conference:overview", pk=pk)
        item.title, item.who, item.start_time, item.end_time = title, request.POST.get(f"who_{item.pk}", "").strip(), start, end
        item.save()
    messages.success(request, _("Saved."))
    return redirect("conference:overview", pk=pk)


@login_required
def attendance(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    if request.method == "POST":
        if request.POST.get("invitee"):
            invitee = get_object_or_404(Invitee, pk=request.POST["invitee"], dialogue=dialogue)
            return _done(request, pk, "conference:attendance", lambda: proceedings.check_in(invitee))
        if request.POST.get("code"):
            invitee = dialogue.invitees.filter(code=request.POST["code"].strip().upper()).first()
            if invitee is None:
                messages.error(request, _("No invitation has this code."))
                return redirect("conference:attendance", pk=pk)
            return _done(request, pk, "conference:attendance", lambda: proceedings.check_in(invitee))
        if request.POST.get("invite_plan"):
            created = proceedings.invite_from_plan(dialogue)
            if created:
                messages.success(request, _("%(count)s invitations created from the plan.") % {"count": created})
            elif dialogue.invitees.filter(group__isnull=False).exists():
                messages.info(request, _("Every organisation and person named in the plan already has an invitation."))
            else:
                messages.warning(
                    request,
                    _(
                        "No invitation was created: the plan's participant groups give only numbers, no named "
                        "organisation or person. Name them in the plan, or add participants at the door."
                    ),
                )
            return redirect("conference:attendance", pk=pk)
        online = request.POST.get("online") == "on"
        return _done(
            request, pk, "conference:attendance", lambda: proceedings.add_walk_in(dialogue, request.POST.get("name", ""), online)
        )
    query = request.GET.get("q", "").strip()
    invitees = dialogue.invitees.select_related("group")
    if query:
        invitees = invitees.filter(Q(name__icontains=query) | Q(code__iexact=query))
    counts = list(
        dialogue.invitees.values("group__kind").annotate(
            invited=Count("id"), present=Count("id", filter=Q(checked_in_at__isnull=False))
        )
    )
    for row in counts:  # the group's Vietnamese label, never its code ("residential")
        row["label"] = GroupKind(row["group__kind"]).label if row["group__kind"] in GroupKind.values else ""
    context = {
        "dialogue": dialogue,
        "invitees": invitees,
        "query": query,
        "counts": counts,
        "walk_ins": dialogue.invitees.filter(walk_in=True).count(),
        "online": dialogue.invitees.filter(online=True).count(),
        "show_online": dialogue.form != "in_person",
    }
    return render(request, "conference/attendance.html", context)


@login_required
def chair(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    # The live part is rendered on first load; htmx only refreshes it (no empty queue for the first seconds).
    context = _live_context(dialogue) | {"petitions": dialogue.petitions.all()}
    return render(request, "conference/chair.html", context)


def _live_context(dialogue):
    return {
        "dialogue": dialogue,
        "speaking": proceedings.current(dialogue),
        "waiting": proceedings.queue(dialogue).prefetch_related("petitions"),
        "done": dialogue.speakers.exclude(status__in=[SpeakerStatus.WAITING, SpeakerStatus.SPEAKING]),
        "grounds": RefusalGround.choices,
    }


@login_required
def chair_live(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    return render(request, "conference/_chair_live.html", _live_context(dialogue))


def _hall_context(dialogue) -> dict:
    """What the projected screen shows: the public reads it, so speakers appear as "Ông/Bà T.V.B." (petitions.privacy)."""
    context = _live_context(dialogue)
    context["waiting"] = list(context["waiting"][:6])
    for speaker in [context["speaking"], *context["waiting"]]:
        if speaker is not None:
            speaker.hall_name = public_label(speaker.name)
    return context


@login_required
def hall(request, pk: int):
    """Staff open the hall screen here and are sent to its read-only projector link."""
    dialogue = dialogue_for(request.user, pk)
    if request.headers.get("HX-Request"):
        return render(request, "conference/_hall_live.html", _hall_context(dialogue))
    return redirect(projector.url(dialogue.pk))


@xframe_options_deny
def hall_projector(request, pk: int, token: str):
    """The projector view: no login, no menu, large type; the token in the link is the only key (read-only)."""
    if not projector.is_valid(pk, token):
        raise Http404
    dialogue = get_object_or_404(Dialogue, pk=pk)
    template = "conference/_hall_live.html" if request.headers.get("HX-Request") else "conference/projector.html"
    context = _hall_context(dialogue) | {"refresh_url": request.path}
    return render(request, template, context)


@login_required
@require_POST
def speaker_action(request, pk: int, action: str):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    speaker = dialogue.speakers.filter(pk=request.POST.get("speaker") or 0).first()

    def run():
        if action == "register":
            petitions = dialogue.petitions.filter(pk__in=[v for v in request.POST.getlist("petitions") if v.isdigit()])
            limit = int(request.POST.get("minutes") or 5) * 60
            proceedings.register_speaker(
                dialogue,
                request.POST.get("name", ""),
                request.POST.get("topic", ""),
                request.POST.get("group", ""),
                petitions,
                request.POST.get("before") == "on",
                limit,
            )
        elif action == "next":
            proceedings.call_next(dialogue)
        elif action == "opinion":
            proceedings.opinion_at_conference(dialogue, request.user, request.POST.get("content", ""), speaker)
        elif speaker is None:
            raise proceedings.ConferenceError(_("Choose the speaker."))
        elif action in ("up", "down"):
            proceedings.move(speaker, -1 if action == "up" else 1)
        elif action == "spoken":
            proceedings.finish(speaker, request.POST.get("summary", ""))
        elif action == "refuse":
            proceedings.refuse(speaker, request.POST.get("ground", ""), request.POST.get("reason", ""))

    try:
        run()
    except (proceedings.ConferenceError, casework.CaseError, ValueError) as error:
        message = str(error)
        if request.headers.get("HX-Request"):
            context = _live_context(dialogue) | {"error": message}
            return render(request, "conference/_chair_live.html", context)
        messages.error(request, message)
    if request.headers.get("HX-Request"):
        return render(request, "conference/_chair_live.html", _live_context(dialogue))
    return redirect("conference:chair", pk=pk)


@login_required
def minutes(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    record = proceedings.minutes_draft(dialogue)
    status = 200
    if request.method == "POST":
        fields = {name: request.POST.get(name, "") for name in proceedings.MINUTES_FIELDS if name != "end_time"}
        end = request.POST.get("end_time")
        if end:
            try:
                fields["end_time"] = datetime.time.fromisoformat(end)
            except ValueError:
                fields["end_time"] = None
        try:
            record = proceedings.save_minutes(dialogue, request.user, int(request.POST.get("version") or -1), **fields)
            state = {"saved": timezone.localtime(record.updated_at)}
        except proceedings.MinutesConflict as conflict:
            status, state = 409, {"conflict": str(conflict)}
        if request.headers.get("HX-Request"):
            # htmx does not swap error responses: the conflict is shown with a 200 and the editor keeps its text.
            return render(request, "conference/_minutes_status.html", {"minutes": record, **state})
        if status == 409:
            messages.error(request, state["conflict"])
        else:
            messages.success(request, _("Saved."))
        return redirect("conference:minutes", pk=pk)
    context = {
        "dialogue": dialogue,
        "minutes": record,
        "speakers": dialogue.speakers.filter(status=SpeakerStatus.SPOKEN).prefetch_related("petitions"),
        "answers": dialogue.hall_answers.select_related("speaker"),
    }
    return render(request, "conference/minutes.html", context, status=status)


@login_required
@require_POST
def hall_answer(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    from .models import ConferenceAnswer

    who, content = request.POST.get("answered_by", "").strip(), request.POST.get("content", "").strip()
    if not who or not content:
        messages.error(request, _("Give who answered and what."))
    else:
        speaker = dialogue.speakers.filter(pk=request.POST.get("speaker") or 0).first()
        ConferenceAnswer.objects.create(dialogue=dialogue, speaker=speaker, answered_by=who, content=content)
        messages.success(request, _("Saved."))
    return redirect("conference:minutes", pk=pk)


@login_required
def outcomes(request, pk: int):
    dialogue = dialogue_for(request.user, pk, "record_conference")
    if request.method == "POST":
        case = get_object_or_404(Case, pk=request.POST.get("case"), dialogue=dialogue)
        agency = Organization.objects.filter(pk=request.POST.get("agency") or 0, unit=dialogue.unit).first()
        return _done(
            request,
            pk,
            "conference:outcomes",
            lambda: proceedings.record_outcome(
                dialogue, request.user, case, request.POST.get("kind", ""), agency, request.POST.get("note", "")
            ),
        )
    cases = Case.objects.filter(dialogue=dialogue).select_related("agency", "field").prefetch_related("petitions")
    context = {
        "dialogue": dialogue,
        "cases": cases,
        "kinds": OutcomeKind.choices,
        "agencies": dialogue.unit.organizations.filter(is_active=True),
        "outcomes": {o.case_id: o for o in dialogue.outcomes.select_related("agency")},
    }
    return render(request, "conference/outcomes.html", context)


@login_required
def notice(request, pk: int):
    dialogue = dialogue_for(request.user, pk)
    # The advising office issues it; the conference secretary, who drafts it, may too.
    allowed = can(request.user, "plan_dialogue", dialogue.unit) or can(request.user, "record_conference", dialogue.unit)
    typed = {}
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        typed = {name: request.POST.get(name, "") for name in ("reason", "duties")}
        try:
            issued_on = datetime.date.fromisoformat(request.POST.get("issued_on", ""))
        except ValueError:
            issued_on = None
            messages.error(request, _("Enter the issue date."))
        if issued_on is not None:
            typed["issued_on"] = issued_on
            try:
                proceedings.issue_notice(dialogue, request.user, issued_on, typed["reason"], typed["duties"])
            except proceedings.ConferenceError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("conference:notice", pk=pk)
        dialogue = dialogue_for(request.user, pk)  # refused: the page again, with what was typed (400)
    settled, unsettled = proceedings.notice_counts(dialogue)
    issued = getattr(dialogue, "conclusion_notice", None)
    context = {
        "dialogue": dialogue,
        "settled": settled,
        "unsettled": unsettled,
        "step": dialogue.step("conclude"),
        "outcomes": dialogue.outcomes.select_related("case__agency", "agency").exclude(kind=OutcomeKind.SETTLED),
        "recipients": issued.recipients.select_related("organization", "petition")
        if issued
        else proceedings.planned_recipients(dialogue),
        "issued": issued,
        "can_issue": allowed and dialogue.status == "held",
        "without_outcome": proceedings.without_outcome(dialogue) if dialogue.status == "held" else [],
        "today": dates.today(),
        "typed": typed,
    }
    return render(request, "conference/notice.html", context, status=400 if typed else 200)
