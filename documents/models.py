"""Templates per organisation, the register of outgoing documents, and each dialogue's dossier."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from dialogues.models import Dialogue
from organizations.models import Organization

from .kinds import Kind


class DocumentTemplate(models.Model):
    """An organisation's own DOCX template for a kind of document (else the built-in one is used)."""

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="document_templates")
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("template file"), upload_to="templates/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "kind"], name="one_template_per_kind")]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self) -> str:
        return f"{self.organization} — {self.get_kind_display()}"


class RegisterCounter(models.Model):
    """The last number given, per issuer, type abbreviation and numbering period (a year, or a Party term)."""

    organization = models.ForeignKey(Organization, models.CASCADE, related_name="+")
    abbreviation = models.CharField(max_length=10)
    period = models.CharField(max_length=20)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "abbreviation", "period"], name="one_counter_per_period")]

    def __str__(self) -> str:
        return f"{self.organization} {self.abbreviation} {self.period}: {self.last_number}"


class IssuedDocument(models.Model):
    """One outgoing document in the register (sổ đăng ký văn bản đi), with the file as issued."""

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="issued_documents", verbose_name=_("issuer"))
    dialogue = models.ForeignKey(Dialogue, models.SET_NULL, null=True, blank=True, related_name="documents")
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("number and symbol"), max_length=60, blank=True)
    period = models.CharField(max_length=20, blank=True)
    issued_on = models.DateField(_("issued on"))
    title = models.CharField(_("summary"), max_length=400)
    file = models.FileField(upload_to="documents/%Y/%m/")
    subject_id = models.PositiveIntegerField(null=True, blank=True, help_text="e.g. the agency or the petition")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    replaced = models.BooleanField(_("replaced"), default=False)
    replaces = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="replacements", verbose_name=_("replaces")
    )
    replace_reason = models.TextField(_("why it replaces the earlier document"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "symbol", "period"], condition=~models.Q(symbol=""), name="unique_number_per_period"
            ),
            # One numbered document of a kind per dialogue and subject is in force; re-issuing replaces it.
            models.UniqueConstraint(
                "dialogue",
                "kind",
                Coalesce("subject_id", models.Value(0)),
                condition=models.Q(replaced=False, dialogue__isnull=False, number__isnull=False),
                name="one_issued_document_per_dialogue_kind_subject",
            ),
        ]
        verbose_name = _("issued document")
        verbose_name_plural = _("register of outgoing documents")

    def __str__(self) -> str:
        return f"{self.symbol or self.get_kind_display()} — {self.title}"


class DossierStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    GENERATED = "generated", _("Generated document")
    UPLOADED = "uploaded", _("Signed scan uploaded")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class DossierEntry(models.Model):
    """One checklist item of a dialogue's dossier (000 mục 7; 002 IV.4.2; 003 Điều 15.2)."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="dossier_entries")
    item_code = models.CharField(max_length=80)
    status = models.CharField(_("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.MISSING)
    reason = models.TextField(_("why not applicable"), blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dialogue", "item_code"], name="one_entry_per_item")]

    def __str__(self) -> str:
        return self.item_code


class DossierFile(models.Model):
    entry = models.ForeignKey(DossierEntry, models.CASCADE, related_name="files")
    file = models.FileField(upload_to="dossiers/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    document = models.ForeignKey(IssuedDocument, models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
