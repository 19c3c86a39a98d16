"""One notification is one row: who, what, about which object, by which channel, when due, how it went.

The poller (notifications/poller.py) reads the indexed `next_attempt_at` of pending rows, claims them with a
conditional UPDATE and records the outcome on the row, so nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import datetime

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
    HELD = "held", _("Held for the daily digest")
    BUNDLED = "bundled", _("Sent in a digest")
    CANCELLED = "cancelled", _("Cancelled")


class Notification(models.Model):
    # A user, or (recipient empty) a petitioner reached at the address they consented to (`consent`).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    consent = models.ForeignKey(
        "PetitionerConsent", models.CASCADE, null=True, blank=True, related_name="notifications", verbose_name=_("consent")
    )
    bundled_into = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="bundled", verbose_name=_("sent in digest")
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
            models.Index(fields=["next_attempt_at"], name="notification_due", condition=Q(state="pending")),
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
            # Held mails waiting for their recipient's digest time.
            models.Index(fields=["due_at"], name="notification_held", condition=Q(state="held")),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.recipient or _('petitioner')} — {self.subject}"


class NotificationPreference(models.Model):
    """One user's choices: which channels, and one daily digest mail instead of single mails.

    Legally required notices (notifications/kinds.py) ignore "email off": they always reach the inbox and,
    when the user has an address, the mailbox (bundled in the digest when the user prefers one).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preference", verbose_name=_("user")
    )
    email = models.BooleanField(_("by email"), default=True)
    sms = models.BooleanField(_("by SMS"), default=False)
    zalo = models.BooleanField(_("by Zalo OA"), default=False)
    phone = models.CharField(_("phone for SMS and Zalo"), max_length=20, blank=True)
    digest = models.BooleanField(_("one daily digest instead of single mails"), default=False)
    digest_time = models.TimeField(_("digest time"), default=datetime.time(7, 0))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class MessageTemplate(models.Model):
    """The Vietnamese text of one kind, edited by administrators; rendered in a sandbox (templating.py)."""

    kind = models.CharField(_("kind"), max_length=50, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("content"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("updated by")
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")

    def __str__(self) -> str:
        return self.kind


class ConsentSource(models.TextChoices):
    WEB = "web", _("Public portal form")
    STAFF = "staff", _("Recorded by staff at intake")


class PetitionerConsent(models.Model):
    """A petitioner's consent to be told by email or SMS about one opinion (Luật 91/2025/QH15: purpose, consent).

    The contact given for this purpose is kept here; withdrawing clears it and cancels what was not sent.
    """

    petition = models.OneToOneField(
        "petitions.Petition", models.CASCADE, related_name="notify_consent", verbose_name=_("opinion")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    source = models.CharField(_("given through"), max_length=10, choices=ConsentSource.choices)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("petitioner's consent to notifications")
        verbose_name_plural = _("petitioners' consents to notifications")

    def __str__(self) -> str:
        return f"{_('consent')} #{self.pk}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None and bool(self.email or self.phone)
