"""The one way domain code asks for a notification: `notify(...)` writes the rows in the caller's transaction.

The text is rendered now from `notifications/kinds/<kind>.txt` (first line the subject, the rest the body),
so what is sent is what was true when the change happened. Domain apps call this; it imports none of them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification, NotificationChannel


def default_channels(user: User) -> list[str]:
    """In-app always; email too when the user has an address and email is switched on (NOTIFY_EMAIL)."""
    channels = [NotificationChannel.IN_APP.value]
    if getattr(settings, "NOTIFY_EMAIL", True) and user.email:
        channels.append(NotificationChannel.EMAIL.value)
    return channels


def _address(user: User, channel: str, context: dict) -> str:
    if channel == NotificationChannel.EMAIL:
        return user.email or ""
    if channel in (NotificationChannel.SMS, NotificationChannel.ZALO):
        return str(context.get("phone", ""))
    return ""


def render(kind: str, context: dict) -> tuple[str, str]:
    """(subject, body) of a kind's Vietnamese template."""
    text = render_to_string(f"notifications/kinds/{kind}.txt", context).strip()
    subject, _newline, body = text.partition("\n")
    return subject.strip()[:300], body.strip()


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
    scheduled reminder run twice on one day sends once. Inactive users get nothing.
    """
    if recipient_user is None or not recipient_user.is_active:
        return []
    context = {"recipient": recipient_user, **context}
    subject, body = render(kind, context)
    due_at = due_at or timezone.now()
    content_type = ContentType.objects.get_for_model(subject_object) if subject_object is not None else None
    written = []
    for each in [channel] if channel else default_channels(recipient_user):
        key = f"{dedupe_key}:{each}:{recipient_user.pk}"[:200] if dedupe_key else None
        if key and Notification.objects.filter(dedupe_key=key).exists():
            continue
        row = Notification(
            recipient=recipient_user,
            kind=kind,
            channel=each,
            address=_address(recipient_user, each, context),
            subject=subject,
            body=body,
            link=link[:300],
            content_type=content_type,
            object_id=str(subject_object.pk) if subject_object is not None else "",
            legally_required=legally_required,
            dedupe_key=key,
            due_at=due_at,
            next_attempt_at=due_at,
        )
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:  # another run wrote the same key a moment ago
            continue
        written.append(row)
    return written
