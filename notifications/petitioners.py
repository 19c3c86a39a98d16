"""What a petitioner who consented is told: the receipt, the answer approved, the conclusion notice concerning them.

Each function is called inside the domain verb's transaction (casework.approve, the conference's
notice-issued alert) or by consent.record_consent. Only petitions with an active consent are told; the
text speaks of the petitioner's own opinion and never names anyone else.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from .models import Notification, PetitionerConsent
from .outbox import notify_petitioner

CHANNEL_LABELS = {(True, True): "email và tin nhắn", (True, False): "email", (False, True): "tin nhắn"}


def _tracking_url() -> str:
    site = getattr(settings, "NOTIFY_SITE_URL", "").rstrip("/")
    try:
        return f"{site}{reverse('portal:track')}" if site else ""
    except NoReverseMatch:
        return ""


def receipt(consent: PetitionerConsent) -> list[Notification]:
    """The receipt with the tracking code, sent once per opinion."""
    petition = consent.petition
    context = {
        "tracking_code": petition.tracking_code,
        "unit_name": str(petition.unit),
        "received_on": petition.received_on,
        "tracking_url": _tracking_url(),
        "channel_label": CHANNEL_LABELS.get((bool(consent.email), bool(consent.phone)), ""),
    }
    return notify_petitioner(
        consent, "petition_received", context=context, subject_object=petition, dedupe_key=f"petition_received:{petition.pk}"
    )


def _consents(**filters) -> list[PetitionerConsent]:
    return list(
        PetitionerConsent.objects.filter(withdrawn_at__isnull=True, **filters)
        .exclude(email="", phone="")
        .select_related("petition__case__agency")
    )


def _tell_each(consents, kind: str, context_of: Callable[[Any], dict], suffix_of: Callable[[Any], object]) -> int:
    """One notice of `kind` to each consenting petitioner; the key `kind:petition:suffix` makes it once per event."""
    written = 0
    for consent in consents:
        petition = consent.petition
        key = f"{kind}:{petition.pk}:{suffix_of(petition)}"
        context = {"tracking_code": petition.tracking_code, **context_of(petition)}
        written += len(notify_petitioner(consent, kind, context=context, subject_object=petition, dedupe_key=key))
    return written


def answer_approved(case) -> int:
    """The agency's answer to a matter was approved: each consenting petitioner of the matter is told (003 Điều 10.2)."""
    context = {
        "agency_name": case.agency.name if case.agency else "",
        "approved_on": case.approved_on,
        "outcome": case.get_outcome_display(),
        "answer": case.answer,
    }
    return _tell_each(_consents(petition__case=case), "petition_answered", lambda _p: context, lambda _p: case.approved_on)


def conclusion_issued(dialogue, issued_on: datetime.date) -> int:
    """The conclusion notice of `dialogue` was issued: each consenting petitioner of it hears what it says of them
    (003 Điều 10.1: the notice goes to the petitioners too)."""

    def context_of(petition) -> dict:
        case = petition.case
        assigned = case.agency is not None and case.status != "closed"
        return {
            "summary": petition.content,
            "dialogue": dialogue,
            "issued_on": issued_on,
            "agency_name": case.agency.name if assigned else "",
            "due": case.due if assigned else None,
            "rule": case.due_rule if assigned else "",
        }

    return _tell_each(_consents(petition__dialogue=dialogue), "petition_conclusion", context_of, lambda _p: dialogue.pk)


def more_time(case, old_due: datetime.date | None) -> int:
    """The agency head approved "needs more time": each consenting petitioner of the matter hears the new date
    (003 Điều 10.2: the answer is owed to them; the extension moves it). Told once per new date."""
    context = {
        "agency_name": case.agency.name if case.agency else "",
        "new_due": case.due,
        "old_due": old_due,
        "reason": case.legal_reason,
    }
    return _tell_each(_consents(petition__case=case), "petition_more_time", lambda _p: context, lambda _p: case.due)
