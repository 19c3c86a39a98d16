"""The verbs of convening: each write of this app goes through one function here (atomic, row locked).

Luật 72/2025/QH15 Điều 43 (tóm tắt): when the share of a commune's voters set by its regulation profile
(the law's: 10%) ask, the commune convenes a dialogue. The request counts its supporters against the
latest voter list on the day it was received; reaching the share opens a duty to plan the dialogue, tells
the unit's staff in the application, and waits for the staff to record that the representative was told
(the outbox sends only to users, and the representative is not one). A request may instead be closed
without a dialogue: its lists found invalid on checking, or withdrawn by its representative.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from common import dates
from common.uploads import SCANS, check_upload
from dialogues.enums import Status
from dialogues.models import Dialogue
from notifications.outbox import notify
from organizations.enums import Role
from organizations.models import AdministrativeUnit, Membership, Organization

from .apps import CLOSED_KIND, THRESHOLD_KIND
from .models import CLOSED_STATES, OPEN_STATES, ConveningRequest, PlanningDuty, RequestState, SignatureList, VoterCount
from .numbers import vn_number, vn_percent
from .rules import LEVEL, threshold_for

MAX_SCAN_BYTES = 20 * 1024 * 1024


class ConveningError(Exception):
    """Refused; the message is Vietnamese and nothing was written."""


def _not_future(day: datetime.date | None, label: str) -> datetime.date:
    if day is None:
        raise ConveningError(_("%(label)s is required.") % {"label": label})
    try:
        return dates.check_not_future(day, label)
    except ValidationError as error:
        raise ConveningError(error.messages[0]) from None


def _require_commune(unit: AdministrativeUnit) -> None:
    if unit is None or unit.level.code != LEVEL:
        raise ConveningError(_("Only a commune, ward or special zone convenes a dialogue at its voters' request."))


def latest_voters(unit: AdministrativeUnit, day: datetime.date) -> VoterCount | None:
    """The latest voter count dated on or before `day` (one indexed query)."""
    return VoterCount.objects.filter(unit=unit, as_of__lte=day).order_by("-as_of", "-id").first()


@transaction.atomic
def record_voters(user: User | None, *, unit: AdministrativeUnit, as_of: datetime.date, voters: int, source: str) -> VoterCount:
    """Add a dated voter count for a commune; earlier counts stay as history. Side effects: one row."""
    _require_commune(unit)
    as_of = _not_future(as_of, "Ngày của danh sách cử tri")
    if not voters or voters < 1:
        raise ConveningError(_("The number of voters must be at least 1."))
    if not (source or "").strip():
        raise ConveningError(_("Say which voter list the number comes from."))
    return VoterCount.objects.create(unit=unit, as_of=as_of, voters=voters, source=source.strip(), recorded_by=user)


@transaction.atomic
def receive_request(
    user: User | None,
    *,
    unit: AdministrativeUnit,
    title: str,
    content: str,
    representative_name: str,
    representative_contact: str,
    received_on: datetime.date,
) -> ConveningRequest:
    """Record a request as received, with the supporters needed from the voter list of that day.

    Side effects: one request row (its history). Refused without a voter count dated on or before
    the day received, or with a date received in the future.
    """
    _require_commune(unit)
    received_on = _not_future(received_on, "Ngày nhận yêu cầu")
    for value, label in (
        (title, _("The subject")),
        (content, _("The text of the request")),
        (representative_name, _("The representative")),
        (representative_contact, _("The representative's contact")),
    ):
        if not (value or "").strip():
            raise ConveningError(_("%(label)s is required.") % {"label": label})
    count = latest_voters(unit, received_on)
    if count is None:
        raise ConveningError(_("Record the commune's number of voters (from the latest voter list) before the request."))
    rule = threshold_for(unit, received_on)
    if rule is None:
        raise ConveningError(
            _("No regulation this commune follows on that day states the share of voters whose request obliges a dialogue.")
        )
    return ConveningRequest.objects.create(
        unit=unit,
        title=title.strip(),
        content=content.strip(),
        representative_name=representative_name.strip(),
        representative_contact=representative_contact.strip(),
        received_on=received_on,
        voters=count.voters,
        voter_count=count,
        threshold=rule.needed(count.voters),
        threshold_citation=rule.citation,
        threshold_percent=rule.percent,
        created_by=user,
    )


def _locked(request: ConveningRequest) -> ConveningRequest:
    return ConveningRequest.objects.select_for_update().get(pk=request.pk)


def _refuse_if_closed(duty: PlanningDuty) -> None:
    """A request closed without a dialogue (invalid, withdrawn) ends its duty: nothing more to assign or plan."""
    if ConveningRequest.objects.filter(pk=duty.request_id, state__in=CLOSED_STATES).exists():
        raise ConveningError(_("The request was closed without a dialogue; its duty is closed."))


def _tell_staff(request: ConveningRequest, kind: str, subject, context: dict) -> int:
    """In-app (and e-mail where set) notice to the unit's administrators and advising staff, once per request and kind."""
    members = Membership.objects.filter(
        organization__unit=request.unit, role__in=[Role.ADMIN, Role.ADVISING_STAFF], user__is_active=True
    ).select_related("user")
    context = {
        "title": request.title,
        "unit_name": request.unit.name,
        "received_on": request.received_on,
        "supporters": vn_number(request.supporters),
        "threshold": vn_number(request.threshold),
        **context,
    }
    written = 0
    for member in {m.user_id: m.user for m in members}.values():
        written += len(
            notify(
                member,
                kind,
                subject_object=subject,
                context=context,
                legally_required=True,
                dedupe_key=f"{kind}:{request.pk}",
                link=reverse("convening:detail", args=[request.pk]),
            )
        )
    return written


@transaction.atomic
def add_signatures(request: ConveningRequest, user: User | None, *, supporters: int, scan) -> SignatureList:
    """Add one scanned list of signatures and its count to the request.

    Side effects: the list row and its file; the request's supporters; when they reach the threshold
    (Luật 72/2025/QH15 Điều 43 (tóm tắt)) the request turns "reached", a planning duty is opened today
    and the unit's staff are notified in the application.
    """
    if not supporters or supporters < 1:
        raise ConveningError(_("The number of signatures on the list must be at least 1."))
    if scan is None:
        raise ConveningError(_("Attach the scan of the signed list."))
    try:
        checked = check_upload(scan, allowed=SCANS, max_bytes=MAX_SCAN_BYTES)
    except ValidationError as error:
        raise ConveningError(error.messages[0]) from None
    request = _locked(request)
    if request.state in CLOSED_STATES:
        raise ConveningError(_("The request is closed; no list can be added."))
    signed = SignatureList(request=request, supporters=supporters, original_name=checked.name, uploaded_by=user)
    signed.file.save(checked.name, ContentFile(checked.content), save=False)
    signed.save()
    request.supporters += supporters
    opened = request.state == RequestState.COLLECTING and request.reached
    if opened:
        request.state = RequestState.THRESHOLD_REACHED
    request.save()
    if opened:
        duty = PlanningDuty.objects.create(request=request, opened_on=dates.today())
        reached = {"percent": vn_percent(request.threshold_percent), "citation": request.threshold_citation}
        _tell_staff(request, THRESHOLD_KIND, duty, reached)
    return signed


@transaction.atomic
def assign_duty(duty: PlanningDuty, user: User | None, *, owner: Organization, due_on: datetime.date, basis: str) -> PlanningDuty:
    """The administrator names who plans the dialogue and by when, under the unit's rules (the basis is kept).

    Side effects: the duty's owner, deadline and basis (history kept).
    """
    duty = PlanningDuty.objects.select_for_update().select_related("request__unit").get(pk=duty.pk)
    if duty.fulfilled_on is not None:
        raise ConveningError(_("The dialogue has already been planned; the duty is closed."))
    _refuse_if_closed(duty)
    if owner is None or owner.unit_id != duty.request.unit_id:
        raise ConveningError(_("Choose a body of the commune to plan the dialogue."))
    if due_on is None or due_on < duty.opened_on:
        raise ConveningError(_("The deadline cannot be before the day the duty was opened."))
    if not (basis or "").strip():
        raise ConveningError(_("Say which rule of the unit sets this deadline."))
    duty.owner, duty.due_on, duty.due_basis = owner, due_on, basis.strip()
    duty.save()
    return duty


def plannable_dialogues(duty: PlanningDuty):
    """The commune's dialogues that may fulfil the duty: not cancelled, not linked, held on or after the request."""
    request = duty.request
    return (
        Dialogue.objects.filter(unit=request.unit, date__gte=request.received_on)
        .exclude(status=Status.CANCELLED)
        .filter(convening_duty__isnull=True)
        .order_by("date", "id")
    )


@transaction.atomic
def link_dialogue(duty: PlanningDuty, user: User | None, dialogue: Dialogue) -> PlanningDuty:
    """The dialogue planned from this request fulfils the duty (today) and the request shows it as planned.

    Side effects: the duty's dialogue and fulfilment date, the request's state.
    """
    duty = PlanningDuty.objects.select_for_update().get(pk=duty.pk)
    if duty.fulfilled_on is not None:
        raise ConveningError(_("The dialogue has already been planned; the duty is closed."))
    _refuse_if_closed(duty)
    if dialogue is None or not plannable_dialogues(duty).filter(pk=dialogue.pk).exists():
        raise ConveningError(_("Choose a dialogue of this commune, planned on or after the request and not cancelled."))
    duty.dialogue, duty.fulfilled_on = dialogue, dates.today()
    duty.save()
    request = _locked(duty.request)
    request.state = RequestState.PLANNED
    request.save()
    return duty


@transaction.atomic
def plan_dialogue(duty: PlanningDuty, user: User | None, create: Callable[[], Dialogue]) -> Dialogue:
    """Plan the dialogue from the request: `create` makes it (dialogues.lifecycle.create_dialogue, with its own
    checks), then link_dialogue fulfils the duty, in one transaction: if either refuses, nothing is written.

    Side effects: those of create_dialogue and of link_dialogue.
    """
    duty = PlanningDuty.objects.select_for_update().get(pk=duty.pk)
    if duty.fulfilled_on is not None:
        raise ConveningError(_("The dialogue has already been planned; the duty is closed."))
    _refuse_if_closed(duty)
    dialogue = create()
    link_dialogue(duty, user, dialogue)
    return dialogue


@transaction.atomic
def record_told(request: ConveningRequest, user: User | None, *, on: datetime.date, how: str) -> ConveningRequest:
    """Record that the representative was told that the request reached the threshold, or why it was closed
    (date never in the future).

    Side effects: the request's "told on" and "how".
    """
    request = _locked(request)
    on = _not_future(on, "Ngày báo cho người đại diện")
    if request.state == RequestState.COLLECTING:
        raise ConveningError(_("The request has not reached the threshold nor been closed yet; there is nothing to tell."))
    if on < request.received_on:
        raise ConveningError(_("The representative cannot be told before the request was received."))
    if not (how or "").strip():
        raise ConveningError(_("Say how the representative was told (letter, phone, in person)."))
    request.told_on, request.told_how = on, how.strip()
    request.save()
    return request


def _close(request: ConveningRequest, user: User | None, state: str, *, on: datetime.date, reason: str) -> ConveningRequest:
    request = _locked(request)
    if request.state not in OPEN_STATES:
        raise ConveningError(_("Only a request still collecting supporters or awaiting its dialogue can be closed."))
    on = _not_future(on, "Ngày quyết định")
    if on < request.received_on:
        raise ConveningError(_("A request cannot be closed before the day it was received."))
    if not (reason or "").strip():
        raise ConveningError(_("Give the reason: it is kept in the request's history."))
    request.state, request.closed_on, request.closed_reason = state, on, reason.strip()
    request.told_on, request.told_how = None, ""  # the representative must now be told of this decision
    request._change_reason = reason.strip()[:100]
    request.save()
    _tell_staff(request, CLOSED_KIND, request, {"state": request.get_state_display(), "reason": request.closed_reason})
    return request


@transaction.atomic
def mark_invalid(request: ConveningRequest, user: User | None, *, on: datetime.date, reason: str) -> ConveningRequest:
    """The supporters' lists were checked and found invalid (not the commune's voters, signatures missing or
    repeated, fewer valid than the threshold): the request is closed without a dialogue (Luật 72/2025/QH15 Điều 43).

    Side effects: the request's state "invalid", date and reason (history row with the reason); "told on" emptied;
    an open planning duty stops being reminded; the unit's staff notified in the application (`convening_closed`)
    to tell the representative, who is not a user, then record it (record_told).
    """
    return _close(request, user, RequestState.INVALID, on=on, reason=reason)


@transaction.atomic
def record_withdrawal(request: ConveningRequest, user: User | None, *, on: datetime.date, reason: str) -> ConveningRequest:
    """The voters' representative withdrew the request in writing: it is closed without a dialogue.

    Side effects: as mark_invalid, with the state "withdrawn".
    """
    return _close(request, user, RequestState.WITHDRAWN, on=on, reason=reason)
