"""The in-app inbox of one user: what is shown, the unread count, marking read (the only writes here)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification, NotificationChannel


def inbox(user: User) -> QuerySet[Notification]:
    """In-app notices of the user that are due (a future reminder is not shown before its time)."""
    return Notification.objects.filter(recipient=user, channel=NotificationChannel.IN_APP, due_at__lte=timezone.now())


def unread_count(user: User) -> int:
    return inbox(user).filter(read_at__isnull=True).count()


def mark_read(user: User, pk: int | None = None) -> int:
    """Mark one notice (or, without pk, all) of this user read; another user's notice is never touched."""
    rows = inbox(user).filter(read_at__isnull=True)
    if pk is not None:
        rows = rows.filter(pk=pk)
    return rows.update(read_at=timezone.now())
