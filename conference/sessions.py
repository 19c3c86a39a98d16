"""Sessions by cluster of villages or residential groups: one dialogue held in several places (a large commune).

Luật 72/2025/QH15 Điều 43 (summarised; the text is not on file) lets a large commune hold its dialogue by clusters
of villages or residential groups. Each session has its place, time, attendance and minutes; the dialogue stays ONE
dialogue: reports count dialogues, never sessions, and the dialogue's attendance is the sum of its sessions'.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from common import dates
from common.uploads import ATTACHMENTS, CheckedUpload, UploadRejected, check_upload
from dialogues.enums import Status
from dialogues.models import Dialogue

from .models import DialogueSession

MAX_MINUTES_BYTES = 20 * 1024 * 1024
MAX_ATTENDANCE = 1_000_000
CLOSED = (Status.CANCELLED, Status.ARCHIVED)


class SessionRefused(Exception):
    """A session cannot be added or recorded; the message says why, in Vietnamese (400, nothing written)."""


def _text(value: str, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise SessionRefused(_("%(label)s is required.") % {"label": label})
    if len(value) > limit or "\x00" in value:
        raise SessionRefused(_("%(label)s is too long.") % {"label": label})
    return value


def add_session(
    dialogue: Dialogue,
    user: User,
    *,
    cluster: str,
    venue: str,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time | None = None,
) -> DialogueSession:
    """Plan one session of the dialogue for a cluster of villages or residential groups.

    Side effects: locks the dialogue row, writes a DialogueSession and its history row.
    """
    cluster = _text(cluster, _("Cluster of villages / residential groups"), 300)
    venue = _text(venue, _("Venue"), 300)
    if end_time is not None and end_time <= start_time:
        raise SessionRefused(_("The session must end after it starts."))
    with transaction.atomic():
        locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
        if locked.status in CLOSED:
            raise SessionRefused(_("The dialogue is cancelled or archived; its sessions can no longer change."))
        if locked.sessions.filter(cluster__iexact=cluster).exists():
            raise SessionRefused(_("This cluster already has a session in this dialogue."))
        session = DialogueSession(
            dialogue=locked, cluster=cluster, venue=venue, date=date, start_time=start_time, end_time=end_time
        )
        session._history_user = user
        try:
            with transaction.atomic():
                session.save()
        except IntegrityError:
            raise SessionRefused(_("This cluster already has a session in this dialogue.")) from None
    return session


def _checked_minutes(upload) -> CheckedUpload | None:
    if upload is None or isinstance(upload, CheckedUpload):
        return upload
    try:
        return check_upload(upload, allowed=ATTACHMENTS, max_bytes=MAX_MINUTES_BYTES)
    except UploadRejected as error:
        raise SessionRefused(error.messages[0]) from None


def record_session(
    session: DialogueSession, user: User, *, attendance: int, held_on: datetime.date | None = None, minutes=None
) -> DialogueSession:
    """Record that the session was held: the day (never after today), the people present and the minutes' file.

    Side effects: locks the session row, checks the file (common/uploads.check_upload), stores it, writes history.
    """
    if not isinstance(attendance, int) or isinstance(attendance, bool) or not 0 <= attendance <= MAX_ATTENDANCE:
        raise SessionRefused(_("The number of people present must be a whole number from 0 to 1,000,000."))
    held_on = held_on or session.date
    try:
        dates.check_not_future(held_on, "Ngày tổ chức phiên đối thoại")
    except ValidationError as error:
        raise SessionRefused(error.messages[0]) from None
    checked = _checked_minutes(minutes)  # before any write: a refused file changes nothing
    with transaction.atomic():
        locked = DialogueSession.objects.select_for_update().select_related("dialogue").get(pk=session.pk)
        if locked.dialogue.status in CLOSED:
            raise SessionRefused(_("The dialogue is cancelled or archived; its sessions can no longer change."))
        locked.attendance, locked.held_on = attendance, held_on
        if checked is not None:
            locked.minutes_file.save(checked.name, ContentFile(checked.content), save=False)
        locked._history_user = user
        locked.save()
    return locked


def session_totals(dialogue: Dialogue) -> dict:
    """Sessions, those held and the people present over all of them: one aggregate query."""
    found = dialogue.sessions.aggregate(
        sessions=Count("pk"), held=Count("pk", filter=Q(held_on__isnull=False)), present=Sum("attendance")
    )
    return {"sessions": found["sessions"], "held": found["held"], "present": found["present"] or 0}

