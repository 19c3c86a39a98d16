"""What the Front and the Party boards record while they supervise, and what the host escalates or directs.

003 Điều 13.3 and 14; 004 Điều 14.3 and 15; 002 IV.3.1(2) and V.4. Every row belongs to a unit (the
permission scope) and keeps its history; every change goes through supervision/verbs.py.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from dialogues.models import Dialogue
from organizations.models import AdministrativeUnit, Organization
from petitions.models import Case

from .enums import DirectionState, EscalationKind


class SupervisionPlan(models.Model):
    """A supervising body's annual plan, naming the dialogues and matters it covers (003 Điều 14.3)."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="supervision_plans", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="supervision_plans", verbose_name=_("supervising body")
    )
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"), blank=True)
    dialogues = models.ManyToManyField(Dialogue, blank=True, related_name="supervision_plans", verbose_name=_("dialogues"))
    cases = models.ManyToManyField(Case, blank=True, related_name="supervision_plans", verbose_name=_("matters"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(m2m_fields=[dialogues, cases])

    class Meta:
        ordering = ["-year", "organization__name", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="supervision_plan_once_a_year")]
        indexes = [models.Index(fields=["unit", "-year"], name="supervision_plan_unit_year")]
        verbose_name = _("supervision plan")
        verbose_name_plural = _("supervision plans")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class Finding(models.Model):
    """A finding on a dialogue or a matter, the request made to the agency, and the agency's reply."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="supervision_findings", verbose_name=_("unit"))
    plan = models.ForeignKey(
        SupervisionPlan, models.SET_NULL, null=True, blank=True, related_name="findings", verbose_name=_("supervision plan")
    )
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("supervising body"))
    dialogue = models.ForeignKey(
        Dialogue, models.CASCADE, null=True, blank=True, related_name="supervision_findings", verbose_name=_("dialogue")
    )
    case = models.ForeignKey(
        Case, models.CASCADE, null=True, blank=True, related_name="supervision_findings", verbose_name=_("matter")
    )
    found_on = models.DateField(_("found on"))
    finding = models.TextField(_("finding"))
    request = models.TextField(_("request to the agency"), blank=True)
    agency = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency asked")
    )
    reply = models.TextField(_("agency's reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-found_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dialogue__isnull=False) | Q(case__isnull=False), name="finding_on_dialogue_or_case"
            )
        ]
        indexes = [models.Index(fields=["unit", "-found_on", "-id"], name="finding_unit_found")]
        verbose_name = _("supervision finding")
        verbose_name_plural = _("supervision findings")

    def __str__(self) -> str:
        return self.finding[:80]


class Forecast(models.Model):
    """The Front's forecast of situations likely at the conference, reported before it (002 V.4, 003 Điều 14.1)."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="forecasts", verbose_name=_("dialogue"))
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("supervising body"))
    content = models.TextField(_("situations likely at the conference"))
    file = models.FileField(_("file"), upload_to="supervision/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    submitted_on = models.DateField(_("reported on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "id"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "organization"], name="forecast_once_per_body")]
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")

    def __str__(self) -> str:
        return self.content[:80]


class EscalationQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None) -> EscalationQuerySet:
        """No reply from the upper level and past the deadline (today: common.dates)."""
        from common import dates

        return self.filter(replied_on__isnull=True, due__lt=today or dates.today())


class Escalation(models.Model):
    """A "kiến nghị cấp trên": the letter to the upper level and its reply, chased like an answer (002 IV.3.1(2))."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="escalations", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=EscalationKind.choices, default=EscalationKind.BEYOND_AUTHORITY)
    dialogue = models.ForeignKey(
        Dialogue, models.SET_NULL, null=True, blank=True, related_name="escalations", verbose_name=_("dialogue")
    )
    case = models.ForeignKey(Case, models.SET_NULL, null=True, blank=True, related_name="escalations", verbose_name=_("matter"))
    content = models.TextField(_("content"))
    upper_level = models.CharField(_("sent to (upper level)"), max_length=300)
    letter_number = models.CharField(_("letter number"), max_length=50)
    letter_date = models.DateField(_("letter date"))
    letter_file = models.FileField(_("letter file"), upload_to="supervision/%Y/%m/", blank=True)
    letter_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    due = models.DateField(_("reply expected by"), db_index=True)
    due_rule = models.CharField(_("deadline rule"), max_length=300, blank=True)
    reply = models.TextField(_("reply received"), blank=True)
    replied_on = models.DateField(_("reply received on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = EscalationQuerySet.as_manager()

    class Meta:
        ordering = ["-letter_date", "-id"]
        indexes = [
            models.Index(fields=["unit", "-letter_date", "-id"], name="escalation_unit_date"),
            models.Index(fields=["unit", "due"], name="escalation_open_due", condition=Q(replied_on__isnull=True)),
        ]
        verbose_name = _("escalation to the upper level")
        verbose_name_plural = _("escalations to the upper level")

    def __str__(self) -> str:
        return f"{self.letter_number} — {self.upper_level}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        from common import dates

        return self.replied_on is None and self.due < (today or dates.today())


class DirectionQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None) -> DirectionQuerySet:
        from common import dates

        return self.filter(state=DirectionState.OPEN, due__lt=today or dates.today())


class Direction(models.Model):
    """A follow-up duty the host directs: handle the cadres who caused the problem (002 IV.3.1(2))."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="directions", verbose_name=_("unit"))
    dialogue = models.ForeignKey(
        Dialogue, models.SET_NULL, null=True, blank=True, related_name="directions", verbose_name=_("dialogue")
    )
    case = models.ForeignKey(Case, models.SET_NULL, null=True, blank=True, related_name="directions", verbose_name=_("matter"))
    content = models.TextField(_("direction"))
    owner = models.ForeignKey(Organization, models.PROTECT, related_name="directions", verbose_name=_("owner"))
    directed_on = models.DateField(_("directed on"))
    due = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=DirectionState.choices, default=DirectionState.OPEN)
    result = models.TextField(_("result"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = DirectionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["unit", "due", "id"], name="direction_unit_due"),
            models.Index(fields=["owner", "state"], name="direction_owner_state"),
        ]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self) -> str:
        return self.content[:80]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        from common import dates

        return self.state == DirectionState.OPEN and self.due < (today or dates.today())

    def state_label(self, today: datetime.date | None = None) -> str:
        """Open, done, or overdue (open and past its deadline): the one wording for screens and API."""
        if self.is_overdue(today):
            return str(_("Overdue"))
        return str(self.get_state_display())
