"""Opinions sent from the public web form, waiting for the unit's advising office to accept or reject them.

They live here, not in petitions, until a person on staff accepts one: then petitions.casework.receive
records it as an opinion by the channel "Public web form" and the citizen's tracking code follows it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from dialogues.models import Dialogue
from organizations.models import AdministrativeUnit
from petitions.enums import PetitionerKind
from petitions.models import Petition, new_tracking_code


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for acceptance")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class RejectReason(models.TextChoices):
    SPAM = "spam", _("Spam or meaningless content")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the scope of the dialogue")
    DUPLICATE = "duplicate", _("Duplicate of an opinion already sent")


class WebSubmission(models.Model):
    """One opinion from the public form; personal data, shown to staff only after acceptance (on the matter page)."""

    code = models.CharField(_("tracking code"), max_length=20, unique=True, default=new_tracking_code)
    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    dialogue = models.ForeignKey(Dialogue, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("dialogue"))
    content = models.TextField(_("content"))
    field_hint = models.CharField(_("field"), max_length=200, blank=True)
    kind = models.CharField(_("sent as"), max_length=20, choices=PetitionerKind.choices, default=PetitionerKind.UNKNOWN)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="portal/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    notify_consent = models.BooleanField(_("agrees to be notified about this opinion"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING, db_index=True
    )
    reject_reason = models.CharField(_("reason"), max_length=20, choices=RejectReason.choices, blank=True)
    reject_note = models.TextField(_("note to the citizen"), blank=True)
    petition = models.OneToOneField(Petition, models.PROTECT, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("opinion from the web")
        verbose_name_plural = _("opinions from the web")

    def __str__(self) -> str:
        return self.code

    @property
    def anonymous(self) -> bool:
        return self.kind == PetitionerKind.UNKNOWN
