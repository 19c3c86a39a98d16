"""One notification is one row: who, what, about which object, by which channel, when due, how it went.

The poller (notifications/poller.py) reads the indexed `next_attempt_at` of pending rows, claims them with a
conditional UPDATE and records the outcome on the row, so nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationChannel(models.TextChoices):
    IN_APP = "in_app", _("In the application")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo OA")


class NotificationState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=50)
    channel = models.CharField(_("channel"), max_length=10, choices=NotificationChannel.choices)
    address = models.CharField(_("address"), max_length=254, blank=True)  # email or phone, read when created
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("content"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    content_type = models.ForeignKey(ContentType, models.SET_NULL, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    subject_object = GenericForeignKey("content_type", "object_id")
    legally_required = models.BooleanField(_("legally required"), default=False)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    due_at = models.DateTimeField(_("due at"))
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-due_at", "-pk"]
        indexes = [
            # The poller's "next due" scan touches only pending rows, oldest first.
            models.Index(
                fields=["next_attempt_at"], name="notification_due", condition=Q(state="pending")
            ),
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.recipient} — {self.subject}"
