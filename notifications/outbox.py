"""The one way domain code asks for a notification: `notify(...)` writes the rows in the caller's transaction.

The text is rendered now from the kind's template (templating.py: stored by administrators, else the
default of kinds.py; first line the subject), so what is sent is what was true when the change happened.
Domain apps call this; it imports none of them. Users' preferences (channels, daily digest) apply here,
except that a legally required kind always reaches the inbox and, when the user has an address, the mailbox.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from .kinds import legally_required as required_by_law
from .models import Notification, NotificationChannel, NotificationPreference, NotificationState, PetitionerConsent
from .templating import render

__all__ = ["default_channels", "notify", "notify_petitioner", "preference", "render"]


def preference(user: User) -> NotificationPreference:
    """The user's saved choices, or the defaults (email on, no SMS/Zalo, single mails) when none were saved."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user)


def default_channels(user: User, legally_required: bool = False, choice: NotificationPreference | None = None) -> list[str]:
    """In-app always; email when the user has an address and email is on (or the kind is legally required);
    SMS and Zalo when switched on with a phone. NOTIFY_EMAIL=False turns email off for the whole site."""
    choice = choice or preference(user)
    channels = [NotificationChannel.IN_APP.value]
    if getattr(settings, "NOTIFY_EMAIL", True) and user.email and (choice.email or legally_required):
        channels.append(NotificationChannel.EMAIL.value)
    if choice.phone:
        if choice.sms:
            channels.append(NotificationChannel.SMS.value)
        if choice.zalo:
            channels.append(NotificationChannel.ZALO.value)
    return channels


def _address(user: User, channel: str, choice: NotificationPreference, context: dict) -> str:
    """The user's email, or the phone of their preferences (a caller may name one in the context as `phone`)."""
    if channel == NotificationChannel.EMAIL:
        return user.email or ""
    if channel in (NotificationChannel.SMS, NotificationChannel.ZALO):
        return choice.phone or str(context.get("phone", ""))
    return ""


def next_digest_time(choice: NotificationPreference, now: datetime.datetime) -> datetime.datetime:
    """Today's digest time when still ahead, else tomorrow's (local time)."""
    local = timezone.localtime(now)
    at = timezone.make_aware(datetime.datetime.combine(local.date(), choice.digest_time))
    return at if at > now else at + datetime.timedelta(days=1)


DIGEST_KINDS = frozenset({"office_digest", "supervision_digest"})


def digest_due(choice: NotificationPreference, now: datetime.datetime) -> datetime.datetime:
    """A digest goes at the user's digest time today, or now when that time has passed."""
    local = timezone.localtime(now)
    at = timezone.make_aware(datetime.datetime.combine(local.date(), choice.digest_time))
    return max(at, now)


def _save(row: Notification) -> Notification | None:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # another run wrote the same key a moment ago
        return None
    return row


def notify(
    recipient_user: User,
    kind: str,
    *,
    subject_object: Any = None,
    due_at: datetime.datetime | None = None,
    context: dict,
    channel: str | None = None,
    legally_required: bool = False,
    dedupe_key: str | None = None,
    link: str = "",
) -> list[Notification]:
    """Write the notification rows (one per channel) for `recipient_user`; returns those written.

    `dedupe_key` makes the call idempotent: a key already written (per channel) writes nothing again, so a
    scheduled reminder run twice on one day sends once. Inactive users get nothing. A mail for a user who
    prefers the daily digest is held until their digest time (digests.bundle_held sends it in the digest).
    """
    if recipient_user is None or not recipient_user.is_active:
        return []
    legally_required = legally_required or required_by_law(kind)
    choice = preference(recipient_user)
    context = {"recipient": recipient_user, **context}
    subject, body = render(kind, context)
    now = timezone.now()
    due_at = due_at or (digest_due(choice, now) if kind in DIGEST_KINDS else now)
    content_type = ContentType.objects.get_for_model(subject_object) if subject_object is not None else None
    written = []
    for each in [channel] if channel else default_channels(recipient_user, legally_required, choice):
        key = f"{dedupe_key}:{each}:{recipient_user.pk}"[:200] if dedupe_key else None
        if key and Notification.objects.filter(dedupe_key=key).exists():
            continue
        held = choice.digest and each == NotificationChannel.EMAIL and kind not in DIGEST_KINDS | {"personal_digest"}
        row = Notification(
            recipient=recipient_user,
            kind=kind,
            channel=each,
            address=_address(recipient_user, each, choice, context),
            subject=subject,
            body=body,
            link=link[:300],
            content_type=content_type,
            object_id=str(subject_object.pk) if subject_object is not None else "",
            legally_required=legally_required,
            dedupe_key=key,
            state=NotificationState.HELD if held else NotificationState.PENDING,
            due_at=max(due_at, next_digest_time(choice, now)) if held else due_at,
            next_attempt_at=None if held else due_at,
        )
        if _save(row) is not None:
            written.append(row)
    return written


def notify_petitioner(
    consent: PetitionerConsent, kind: str, *, context: dict, subject_object: Any = None, dedupe_key: str
) -> list[Notification]:
    """Write one row per channel the petitioner consented to (email, SMS), to the address given with the consent.

    No consent, or a withdrawn one, writes nothing. The text names no one but the petitioner's own opinion.
    """
    if consent is None or not consent.active:
        return []
    subject, body = render(kind, context)
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(subject_object) if subject_object is not None else None
    written = []
    for channel, address in ((NotificationChannel.EMAIL, consent.email), (NotificationChannel.SMS, consent.phone)):
        if not address:
            continue
        key = f"{dedupe_key}:{channel}:c{consent.pk}"[:200]
        if Notification.objects.filter(dedupe_key=key).exists():
            continue
        row = Notification(
            consent=consent,
            kind=kind,
            channel=channel,
            address=address,
            subject=subject,
            body=body,
            content_type=content_type,
            object_id=str(subject_object.pk) if subject_object is not None else "",
            legally_required=required_by_law(kind),
            dedupe_key=key,
            due_at=now,
            next_attempt_at=now,
        )
        if _save(row) is not None:
            written.append(row)
    return written
