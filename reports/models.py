"""What a unit has done about a reporting duty: a draft begun, and each submitted version with its figures."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from organizations.models import AdministrativeUnit
from regulations.enums import ReportForm


class ReportDraft(models.Model):
    """Staff began preparing the report of a period (the duty shows "drafting" until it is submitted)."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    form = models.CharField(_("form"), max_length=10, choices=ReportForm.choices)
    period = models.CharField(_("period"), max_length=10)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "form", "period"], name="one_draft_per_report")]
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")

    def __str__(self) -> str:
        return f"{self.unit} {self.period} {self.form}"


class ReportSubmission(models.Model):
    """One submitted version of a report: its figures are frozen (a correction is a new version)."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    form = models.CharField(_("form"), max_length=10, choices=ReportForm.choices)
    period = models.CharField(_("period"), max_length=10, db_index=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    figures = models.JSONField(_("figures"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["unit", "period", "form", "version"]
        constraints = [models.UniqueConstraint(fields=["unit", "form", "period", "version"], name="one_version_number")]
        verbose_name = _("submitted report")
        verbose_name_plural = _("submitted reports")

    def __str__(self) -> str:
        return f"{self.unit} {self.period} {self.form} v{self.version}"


class AnnualReport(models.Model):
    """Mẫu 2 (002 Phụ lục I): the parts of a unit's annual report that staff write; the figures are computed.

    Every save is a version in the history (who changed what, when); issuing goes through the register.
    """

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    leadership = models.TextField(_("leadership and direction"), blank=True)
    propaganda = models.TextField(_("propaganda"), blank=True)
    inspection = models.TextField(_("inspection, supervision, commendation"), blank=True)
    effectiveness = models.TextField(_("effectiveness"), blank=True)
    strengths = models.TextField(_("strengths and results"), blank=True)
    limits = models.TextField(_("limits, obstacles and their causes"), blank=True)
    next_year = models.TextField(_("direction and tasks for next year"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_annual_report_per_year")]
        verbose_name = _("annual report (Form 2)")
        verbose_name_plural = _("annual reports (Form 2)")

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"
