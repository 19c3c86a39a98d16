"""Screen of the sessions by cluster of villages or residential groups (conference/sessions.py)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.downloads import attachment_response, content_type_for
from common.pagination import paginate
from dialogues.access import dialogue_for
from organizations.access import can

from . import sessions
from .models import DialogueSession


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


def _time(value: str) -> datetime.time | None:
    try:
        return datetime.time.fromisoformat(value or "")
    except ValueError:
        return None


@login_required
def session_list(request, pk: int):
    """GET: the sessions with their totals; POST: add a session (the conference secretary or the advising office)."""
    dialogue = dialogue_for(request.user, pk)
    status, typed = 200, {}
    if request.method == "POST":
        dialogue = dialogue_for(request.user, pk, "record_conference")
        typed = {name: request.POST.get(name, "") for name in ("cluster", "venue", "date", "start_time", "end_time")}
        day, start, end = _date(typed["date"]), _time(typed["start_time"]), _time(typed["end_time"])
        try:
            if day is None or start is None:
                raise sessions.SessionRefused(_("Enter the date and the start time of the session."))
            sessions.add_session(
                dialogue, request.user, cluster=typed["cluster"], venue=typed["venue"], date=day, start_time=start, end_time=end
            )
        except sessions.SessionRefused as refused:
            messages.error(request, str(refused))
            status = 400
        else:
            messages.success(request, _("Saved."))
            return redirect("conference:sessions", pk=pk)
    return _page(request, dialogue, typed, status)


def _page(request, dialogue, typed: dict, status: int = 200):
    page = paginate(request, dialogue.sessions.order_by("date", "start_time", "id"))
    context = {
        "dialogue": dialogue,
        "page": page,
        "sessions": page.object_list,
        "totals": sessions.session_totals(dialogue),
        "can_record": can(request.user, "record_conference", dialogue.unit),
        "typed": typed,
    }
    return render(request, "conference/sessions.html", context, status=status)


@login_required
def session_record(request, pk: int, session_pk: int):
    """POST: the session was held — its day, the people present and the minutes (PDF, image, DOCX)."""
    if request.method != "POST":
        return redirect("conference:sessions", pk=pk)
    dialogue = dialogue_for(request.user, pk, "record_conference")
    session = get_object_or_404(DialogueSession, pk=session_pk, dialogue=dialogue)
    text = request.POST.get("attendance", "").strip()
    try:
        if not text.isdigit():
            raise sessions.SessionRefused(_("The number of people present must be a whole number from 0 to 1,000,000."))
        sessions.record_session(
            session,
            request.user,
            attendance=int(text),
            held_on=_date(request.POST.get("held_on", "")),
            minutes=request.FILES.get("minutes"),
        )
    except sessions.SessionRefused as refused:
        messages.error(request, str(refused))
        return _page(request, dialogue, {}, 400)
    messages.success(request, _("Saved."))
    return redirect("conference:sessions", pk=pk)


@login_required
def session_minutes(request, pk: int, session_pk: int):
    """The session's minutes as a download, for whoever may see the dialogue."""
    dialogue = dialogue_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, dialogue=dialogue)
    if not session.minutes_file:
        raise Http404
    name = session.minutes_file.name.rsplit("/", 1)[-1]
    return attachment_response(session.minutes_file.open("rb"), name, content_type_for(name))
