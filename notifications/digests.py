""" "One daily digest instead of single mails": held mails become one digest mail at the user's digest time.

`outbox.notify` holds the mails of a user who chose the digest (state `held`, due at their digest time);
the poller calls `bundle_held` before each pass: for each user with held mails now due, one `personal_digest`
mail is written and the held rows point to it (state `bundled`). Legally required notices are bundled too,
never dropped, and always appear at once in the in-app inbox.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from jinja2 import TemplateError

from .kinds import KINDS
from .models import Notification, NotificationChannel, NotificationState
from .templating import render_parts, stored


@transaction.atomic
def bundle_held(now: datetime.datetime | None = None, limit: int = 5000) -> int:
    """Write the digests due by `now`; returns how many digest mails were written. Idempotent per held row."""
    now = now or timezone.now()
    held = list(
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(state=NotificationState.HELD, due_at__lte=now)
        .select_related("recipient")
        .order_by("recipient_id", "due_at", "pk")[:limit]
    )
    if not held:
        return 0
    per_user: dict[int, list[Notification]] = defaultdict(list)
    for row in held:
        per_user[row.recipient_id].append(row)
    subject_text, body_text = stored("personal_digest")
    day = timezone.localdate(now)
    digests, members = [], []
    for rows in per_user.values():
        user = rows[0].recipient
        items = [{"subject": row.subject, "body": row.body} for row in rows]
        context = {"recipient": user, "day": day, "count": len(rows), "items": items}
        try:
            subject, body = render_parts(subject_text, body_text, context)
        except TemplateError:  # a broken stored text: the default one (as templating.render does)
            subject, body = render_parts(KINDS["personal_digest"].subject, KINDS["personal_digest"].body, context)
        digests.append(
            Notification(
                recipient=user,
                kind="personal_digest",
                channel=NotificationChannel.EMAIL,
                address=rows[0].address,
                subject=subject,
                body=body,
                legally_required=any(row.legally_required for row in rows),
                due_at=now,
                next_attempt_at=now,
            )
        )
        members.append(rows)
    Notification.objects.bulk_create(digests)
    # One UPDATE for every held row: each points to the digest just written for its recipient.
    digest_of = Notification.objects.filter(recipient_id=OuterRef("recipient_id"), pk__in=[d.pk for d in digests])
    Notification.objects.filter(pk__in=[row.pk for rows in members for row in rows]).update(
        state=NotificationState.BUNDLED, next_attempt_at=None, bundled_into=Subquery(digest_of.values("pk")[:1])
    )
    return len(digests)
