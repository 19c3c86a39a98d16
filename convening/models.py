"""Voters of a commune, the People's requests to convene a dialogue, their signed lists, and the duty to plan it.

Luật 72/2025/QH15 Điều 43 (tóm tắt): the commune holds a dialogue when a share of its voters ask (the share is the
regulation profile's `VoterRequestRule`; each request keeps the share and citation it was held to).
The signed lists carry voters' names and signatures: personal data, never public, every download logged.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from dialogues.models import Dialogue
from organizations.models import AdministrativeUnit, Organization

from .numbers import vn_number


class VoterCount(models.Model):
    """The number of voters on a commune's voter list as of a date; the latest one on or before a day is used."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="voter_counts", verbose_name=_("unit"))
    as_of = models.DateField(_("voter list dated"))
    voters = models.PositiveIntegerField(_("number of voters"))
    source = models.CharField(_("source"), max_length=300, help_text=_("Which voter list, e.g. the list for the 2026 election."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "-as_of", "-id"]
        indexes = [models.Index(fields=["unit", "-as_of"], name="voter_count_latest")]
        verbose_name = _("number of voters")
        verbose_name_plural = _("numbers of voters")

    def __str__(self) -> str:
        return f"{self.unit}: {vn_number(self.voters)} ({self.as_of:%d/%m/%Y})"


class RequestState(models.TextChoices):
    COLLECTING = "collecting", _("Collecting supporters")
    THRESHOLD_REACHED = "reached", _("Threshold reached: a dialogue must be planned")
    PLANNED = "planned", _("Dialogue planned")
    # Closed without a dialogue (convening/requests.py): the lists checked and found invalid, or the request withdrawn.
    INVALID = "invalid", _("Not accepted: the supporters' lists are invalid")
    WITHDRAWN = "withdrawn", _("Withdrawn by the voters' representative")


# A request in these states may still change; the others are final.
OPEN_STATES = (RequestState.COLLECTING, RequestState.THRESHOLD_REACHED)
CLOSED_STATES = (RequestState.INVALID, RequestState.WITHDRAWN)


class ConveningRequest(models.Model):
    """Voters' written request that the commune convene a dialogue, with its representative and supporters."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="convening_requests", verbose_name=_("unit"))
    title = models.CharField(_("subject"), max_length=300, help_text=_("Shown on the public portal."))
    content = models.TextField(_("text of the request"))
    representative_name = models.CharField(_("representative"), max_length=200)
    representative_contact = models.CharField(_("representative's contact"), max_length=200)
    received_on = models.DateField(_("received on"), db_index=True)
    supporters = models.PositiveIntegerField(_("supporters"), default=0)
    state = models.CharField(_("state"), max_length=12, choices=RequestState.choices, default=RequestState.COLLECTING)
    # Frozen when the request is received: the latest voter list then, and the percentage the law asks.
    voters = models.PositiveIntegerField(_("voters on the date received"))
    voter_count = models.ForeignKey(VoterCount, models.PROTECT, related_name="+", verbose_name=_("voter list used"))
    threshold = models.PositiveIntegerField(_("supporters needed"))
    threshold_citation = models.CharField(_("citation"), max_length=200)
    threshold_percent = models.DecimalField(_("share of the voters needed (per cent)"), max_digits=5, decimal_places=2)
    told_on = models.DateField(_("representative told on"), null=True, blank=True)
    told_how = models.CharField(_("told how"), max_length=200, blank=True)
    # Set when the request is closed without a dialogue (invalid, withdrawn); the reason is for staff, never public.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_reason = models.TextField(_("reason"), blank=True)
    # Set when the representative's data and the scans were erased after the request closed (convening/retention.py).
    anonymised_on = models.DateField(_("personal data erased on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "-received_on", "-id"], name="convening_unit_date")]
        verbose_name = _("request to convene a dialogue")
        verbose_name_plural = _("requests to convene a dialogue")

    def __str__(self) -> str:
        return f"{self.title} ({self.received_on:%d/%m/%Y})"

    @property
    def reached(self) -> bool:
        return self.supporters >= self.threshold

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def share(self) -> Decimal:
        """Supporters as a per cent of the voters, to one decimal (shown "9,8 %")."""
        return (Decimal(self.supporters) * 100 / Decimal(self.voters or 1)).quantize(Decimal("0.1"), ROUND_DOWN)


class SignatureList(models.Model):
    """One scanned list of supporters' signatures: personal data, downloaded only by staff, each download logged."""

    request = models.ForeignKey(ConveningRequest, models.CASCADE, related_name="signature_lists")
    supporters = models.PositiveIntegerField(_("signatures on this list"))
    file = models.FileField(_("scan"), upload_to="convening/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "id"]
        verbose_name = _("signed list")
        verbose_name_plural = _("signed lists")

    def __str__(self) -> str:
        return self.original_name


class PlanningDuty(models.Model):
    """Opened when the supporters reach the threshold; fulfilled when a dialogue is planned from it."""

    request = models.OneToOneField(ConveningRequest, models.CASCADE, related_name="duty")
    opened_on = models.DateField(_("opened on"))
    owner = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("responsible body")
    )
    due_on = models.DateField(_("plan due by"), null=True, blank=True)
    due_basis = models.CharField(_("basis of the deadline"), max_length=300, blank=True)
    dialogue = models.OneToOneField(
        Dialogue, models.PROTECT, null=True, blank=True, related_name="convening_duty", verbose_name=_("dialogue planned")
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("duty to plan a requested dialogue")
        verbose_name_plural = _("duties to plan a requested dialogue")

    def __str__(self) -> str:
        return str(self.request)
