"""Administrative units, organisations, people and their positions, and users' roles.

Levels, organisation kinds and position kinds are data (tables), not code: the two-tier
local government of 1/7/2025 removed districts, and older records still use them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords

from .enums import IssuerFamily, Role


class AdministrativeLevel(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 for the highest level."))
    is_historical = models.BooleanField(_("historical"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rank"]
        verbose_name = _("administrative level")
        verbose_name_plural = _("administrative levels")

    def __str__(self) -> str:
        return self.name


class AdministrativeUnitQuerySet(models.QuerySet):
    def subtree_of(self, unit: AdministrativeUnit) -> AdministrativeUnitQuerySet:
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)


class AdministrativeUnit(models.Model):
    """A province, (historical) district or commune, as a tree kept with a materialised path."""

    code = models.CharField(_("official code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.ForeignKey(AdministrativeLevel, models.PROTECT, verbose_name=_("level"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    path = models.CharField(max_length=400, editable=False, db_index=True)
    history = HistoricalRecords()

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = (self.parent.path if self.parent_id else "/") + f"{self.code}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def clean(self) -> None:
        if self.parent_id and self.pk:
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
                node = node.parent

    def ancestors(self) -> list[AdministrativeUnit]:
        """From the root down to the parent."""
        codes = list(self.path.strip("/").split("/")[:-1])
        by_code = {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=codes)}
        return [by_code[code] for code in codes if code in by_code]

    def is_within(self, other: AdministrativeUnit) -> bool:
        """True when this unit is `other` or below it."""
        return self.path.startswith(other.path)


class OrganizationKind(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    family = models.CharField(_("issuer family"), max_length=10, choices=IssuerFamily.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation kind")
        verbose_name_plural = _("organisation kinds")

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """Any body that plans, answers, supervises or is invited: committees, offices, agencies, groups."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.ForeignKey(OrganizationKind, models.PROTECT, verbose_name=_("kind"))
    unit = models.ForeignKey(
        AdministrativeUnit, models.PROTECT, related_name="organizations", verbose_name=_("administrative unit")
    )
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent organisation")
    )
    is_active = models.BooleanField(_("active"), default=True)
    term_start = models.DateField(
        _("start of the current term"),
        null=True,
        blank=True,
        help_text=_("Party bodies number their documents from 01 within each term (Hướng dẫn 36-HD/VPTW)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__path", "kind__order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class PositionKind(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_head = models.BooleanField(_("head of the organisation"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("position kind")
        verbose_name_plural = _("position kinds")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name


class AppointmentQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> AppointmentQuerySet:
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Appointment(models.Model):
    """A person holding a position in an organisation between two dates (end open while in office)."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="appointments", verbose_name=_("person"))
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="appointments", verbose_name=_("organisation"))
    position = models.ForeignKey(PositionKind, models.PROTECT, verbose_name=_("position"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "position__order", "start_date"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"{self.person} — {self.position} — {self.organization}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


def holder_on(organization: Organization, position_code: str, day: datetime.date) -> Person | None:
    """Who held this position in this organisation on that day (the latest appointed if several)."""
    appointment = (
        Appointment.objects.active_on(day)
        .filter(organization=organization, position__code=position_code)
        .select_related("person")
        .order_by("-start_date")
        .first()
    )
    return appointment.person if appointment else None


def heads_on(unit: AdministrativeUnit, day: datetime.date) -> AppointmentQuerySet:
    """The unit's leaders on a day: every appointment to a head position in its organisations."""
    return (
        Appointment.objects.active_on(day)
        .filter(organization__unit=unit, position__is_head=True)
        .select_related("person", "position", "organization")
        .order_by("position__order")
    )


class Membership(models.Model):
    """A user's role in an organisation; the organisation's unit is the scope of what the user sees."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name=_("user"))
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="memberships", verbose_name=_("person")
    )
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="memberships", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership_role"),
        ]
        verbose_name = _("role of a user")
        verbose_name_plural = _("roles of users")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"

    @property
    def unit(self) -> AdministrativeUnit:
        return self.organization.unit


def new_import_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class StagedImport(models.Model):
    """A checked spreadsheet waiting for confirmation; the token is used once, so a file goes in once.

    The file is kept on the server (MEDIA_ROOT/imports/, never served publicly), not sent back and
    forth in the page. `kind` names the importer ("petitions", "units", ...); `params` holds what it
    needs besides the unit (e.g. the dialogue).
    """

    class State(models.TextChoices):
        PREVIEWED = "previewed", _("checked, waiting for confirmation")
        QUEUED = "queued", _("being imported")
        IMPORTED = "imported", _("imported")
        FAILED = "failed", _("failed")

    token = models.CharField(_("token"), max_length=64, unique=True, default=new_import_token, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    unit = models.ForeignKey(
        AdministrativeUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("administrative unit")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PREVIEWED)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    result_url = models.CharField(_("link to the result"), max_length=300, blank=True)
    failure = models.TextField(_("reason of failure"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("checked by")
    )
    created_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("imported by")
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_state_display()})"
