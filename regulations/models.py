"""Regulation profiles: each deadline and duty of a seed document as a row with its citation.

Nothing in the code asks which province a unit is in; it asks the unit's profile.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from organizations.models import AdministrativeUnit

from .enums import (
    Anchor,
    DayUnit,
    DeadlineCode,
    DialogueKind,
    Direction,
    DossierGroup,
    HostLevel,
    ParentRelation,
    Period,
    ReportForm,
)

EVERY_LEVEL = "*"  # for pages that show every layer, whatever level it binds


class RegulationProfile(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    source = models.CharField(_("source document"), max_length=500)
    seed = models.CharField(_("seed document"), max_length=10, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    scope = models.TextField(_("scope"), blank=True)
    is_shipped = models.BooleanField(
        _("shipped with the system"), default=False, help_text=_("Shipped profiles are read-only; copy one to edit.")
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    fields_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fields of opinions taken from"),
        help_text=_("For a regulation that lists no fields of opinions: whose list to use."),
    )
    dossier_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dossier checklist taken from"),
        help_text=_("For a regulation that lists no dossier: whose checklist to use."),
    )
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name=_("copied from")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("within the regulation"),
        help_text=_("The higher regulation this one works within: what this one does not state comes from it."),
    )
    valid_to = models.DateField(
        _("binds dialogues up to"), null=True, blank=True, help_text=_("Empty when it binds with no end date.")
    )
    # Luật 72/2025/QH15: in force from 01/7/2025 and binding units of commune level only (issue 17).
    valid_from = models.DateField(
        _("binds dialogues from"), null=True, blank=True, help_text=_("Empty when it binds from any date.")
    )
    applies_to_level = models.CharField(
        _("binds units of level"),
        max_length=32,
        blank=True,
        help_text=_("Code of the administrative level whose units it binds; empty for every level."),
    )
    not_modelled = models.JSONField(_("not modelled"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("regulation profile")
        verbose_name_plural = _("regulation profiles")

    def __str__(self) -> str:
        return self.name

    def is_in_use(self) -> bool:
        return self.bindings.exists()

    def opinion_fields(self):
        """The profile's own fields of opinions, or those of the profile it takes them from."""
        own = self.fields.all()
        if own.exists() or self.fields_from_id is None:
            return own
        return self.fields_from.fields.all()

    def dossier_items(self):
        """The profile's own dossier checklist, or that of the profile it takes it from."""
        own = self.dossier.all()
        if own.exists() or self.dossier_from_id is None:
            return own
        return self.dossier_from.dossier.all()

    def deadline(self, code: str) -> DeadlineRule | None:
        return next((rule for rule in self.deadlines.all() if rule.code == code), None)

    def binds(self, level: str | None = None, day: datetime.date | None = None) -> bool:
        """Whether its rules bind a dialogue of a unit of this level on this day.

        A regulation for one level binds only when the unit's level is known to be that one (EVERY_LEVEL: show all);
        an unknown day binds.
        """
        if self.applies_to_level and level not in (self.applies_to_level, EVERY_LEVEL):
            return False
        if day and self.valid_from and day < self.valid_from:
            return False
        return not (day and self.valid_to and day > self.valid_to)


class RuleText(models.Model):
    """What every rule carries: where it comes from and the words it quotes."""

    citation = models.CharField(_("citation"), max_length=200)
    quote = models.TextField(_("quoted text"), blank=True)
    note = models.TextField(_("note"), blank=True)
    # A law whose text is not on file (Luật 72/2025/QH15): the row restates it and is not checked as a quotation.
    is_summary = models.BooleanField(_("summary, not checked against the text"), default=False)

    class Meta:
        abstract = True


class DeadlineRule(RuleText):
    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="deadlines")
    code = models.CharField(_("deadline"), max_length=30, choices=DeadlineCode.choices)
    anchor = models.CharField(_("counted from"), max_length=30, choices=Anchor.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    unit = models.CharField(_("unit"), max_length=10, choices=DayUnit.choices, default=DayUnit.WORKING)
    waivable_ad_hoc = models.BooleanField(_("ad hoc dialogues may skip it"), default=False)
    parent_relation = models.CharField(
        _("against the higher regulation's rule"), max_length=10, choices=ParentRelation.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "id"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="unique_deadline_per_profile")]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.describe()}"

    def describe(self) -> str:
        """E.g. "7 ngày làm việc trước hội nghị"."""
        return _("%(days)s %(unit)s %(direction)s %(anchor)s") % {
            "days": self.days,
            "unit": self.get_unit_display(),
            "direction": self.get_direction_display(),
            "anchor": self.get_anchor_display(),
        }

    def compute(self, anchor_date: datetime.date, calendar=None):
        """The due date counted from the anchor's date, with the days skipped (workdays.CountResult)."""
        from workdays.calendar import WorkCalendar

        calendar = calendar or WorkCalendar()
        if self.unit == DayUnit.WORKING:
            method = calendar.before if self.direction == Direction.BEFORE else calendar.after
        else:
            method = calendar.before_calendar_days if self.direction == Direction.BEFORE else calendar.after_calendar_days
        return method(anchor_date, self.days)


class FrequencyRule(RuleText):
    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="frequencies")
    kind = models.CharField(_("kind of dialogue"), max_length=20, choices=DialogueKind.choices)
    min_per_year = models.PositiveSmallIntegerField(_("minimum per year"))
    per = models.CharField(_("per"), max_length=10, choices=[("head", _("each head")), ("unit", _("each unit"))])
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "id"]
        verbose_name = _("frequency rule")
        verbose_name_plural = _("frequency rules")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.min_per_year}"


class HostRule(RuleText):
    """Who may host at which level, who advises them, and to whom they may delegate."""

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="hosts")
    position = models.CharField(_("host position"), max_length=50)
    level = models.CharField(_("level"), max_length=20, choices=HostLevel.choices, default=HostLevel.ANY)
    advising_office = models.CharField(_("advising office (organisation kind)"), max_length=50)
    advising_with = models.CharField(_("working with"), max_length=50, blank=True)
    advising_serves = models.CharField(
        _("advising office serves"),
        max_length=50,
        blank=True,
        help_text=_("Kind of the body the advising office belongs to, when a unit has several offices of that kind."),
    )
    delegates_to = models.JSONField(_("may delegate to"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "id"]
        verbose_name = _("host rule")
        verbose_name_plural = _("host rules")

    def __str__(self) -> str:
        return f"{self.position} → {self.advising_office}"

    @property
    def position_label(self) -> str:
        return _position_name(self.position)

    @property
    def advising_label(self) -> str:
        return _kind_name(self.advising_office)

    @property
    def advising_with_label(self) -> str:
        return _kind_name(self.advising_with)

    @property
    def delegates_label(self) -> str:
        return ", ".join(_position_name(code) for code in self.delegates_to)


def _position_name(code: str) -> str:
    from organizations.models import PositionKind

    if code == "co_hosts":
        return str(_("Co-hosts: Secretary and People's Committee Chair"))
    found = PositionKind.objects.filter(code=code).values_list("name", flat=True).first()
    return found or code


def _kind_name(code: str) -> str:
    from organizations.models import OrganizationKind

    if code == "named_by_head":
        return str(_("A unit named by the head"))
    found = OrganizationKind.objects.filter(code=code).values_list("name", flat=True).first()
    return found or code


class ReportingRule(RuleText):
    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="reporting")
    period = models.CharField(_("period"), max_length=20, choices=Period.choices)
    form = models.CharField(_("form"), max_length=10, choices=ReportForm.choices)
    due_month = models.PositiveSmallIntegerField(
        _("due month"), null=True, blank=True, help_text=_("Empty for quarterly reports: the quarter's last month.")
    )
    due_day = models.PositiveSmallIntegerField(_("due day"), null=True, blank=True)
    by = models.CharField(_("sent by"), max_length=300, blank=True)
    to = models.CharField(_("sent to"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "id"]
        verbose_name = _("reporting rule")
        verbose_name_plural = _("reporting rules")

    def __str__(self) -> str:
        return f"{self.get_period_display()} — {self.get_form_display()}"

    def due_label(self) -> str:
        if self.due_day is None:
            return str(_("no date set"))
        if self.due_month is None:
            return str(_("day %(day)s of the quarter's last month")) % {"day": self.due_day}
        return f"{self.due_day:02d}/{self.due_month:02d}"


class OpinionField(RuleText):
    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="fields")
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    form = models.CharField(_("listed in"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="unique_field_per_profile")]
        verbose_name = _("field of opinions")
        verbose_name_plural = _("fields of opinions")

    def __str__(self) -> str:
        return self.name


class DossierItem(RuleText):
    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="dossier")
    code = models.SlugField(_("code"), max_length=80)
    group = models.CharField(_("group"), max_length=10, choices=DossierGroup.choices)
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="unique_dossier_item_per_profile")]
        verbose_name = _("dossier item")
        verbose_name_plural = _("dossier checklist")

    def __str__(self) -> str:
        return self.title


class AgendaItem(RuleText):
    """One item of the conference's order of business (003 Điều 9; 001 III.3; 000 Bước 3)."""

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="agenda")
    title = models.CharField(_("item"), max_length=400)
    who = models.CharField(_("who"), max_length=30, blank=True)
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("order of business")

    def __str__(self) -> str:
        return self.title


class ProfileNote(RuleText):
    """A contradiction or a reading of the seed that users must know."""

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="notes")
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.text[:80]


class ProfileBindingQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> ProfileBindingQuerySet:
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class ProfileBinding(models.Model):
    """A unit follows a profile between two dates."""

    unit = models.ForeignKey(
        AdministrativeUnit, models.CASCADE, related_name="profile_bindings", verbose_name=_("administrative unit")
    )
    profile = models.ForeignKey(RegulationProfile, models.PROTECT, related_name="bindings", verbose_name=_("profile"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ProfileBindingQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "valid_from"]
        verbose_name = _("profile binding")
        verbose_name_plural = _("profile bindings")

    def __str__(self) -> str:
        return f"{self.unit} → {self.profile}"

    def clean(self) -> None:
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})
        if not self.unit_id or not self.valid_from:
            return
        overlapping = ProfileBinding.objects.filter(unit_id=self.unit_id).exclude(pk=self.pk)
        end = self.valid_to or datetime.date.max
        overlapping = overlapping.filter(valid_from__lte=end).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if overlapping.exists():
            raise ValidationError(_("This unit is already bound to a profile for part of these dates."))


def binding_for(unit: AdministrativeUnit, day: datetime.date) -> ProfileBinding | None:
    """The binding a unit follows on a day: its own, else the nearest ancestor's.

    A binding counts only while its profile still binds (a plan of 2025 binds 2025 only).
    """
    for candidate in [unit, *reversed(unit.ancestors())]:
        binding = (
            ProfileBinding.objects.active_on(day)
            .filter(unit=candidate)
            .filter(Q(profile__valid_to__isnull=True) | Q(profile__valid_to__gte=day))
            .select_related("profile", "unit")
            .first()
        )
        if binding:
            return binding
    return None


def profile_for(unit: AdministrativeUnit, day: datetime.date) -> RegulationProfile | None:
    """The profile a unit follows on a day: its own binding, else the nearest ancestor's."""
    binding = binding_for(unit, day)
    return binding.profile if binding else None


def binding_note(unit: AdministrativeUnit, day: datetime.date) -> str:
    """What the screens say when a unit follows a higher unit's regulation on that day."""
    binding = binding_for(unit, day)
    if binding is None:
        return str(_("No regulation binds this unit on this date."))
    if binding.unit_id == unit.pk:
        return ""
    return str(
        _("%(unit)s has no regulation of its own for %(day)s; it follows that of %(parent)s: %(profile)s.")
        % {"unit": unit, "day": f"{day:%d/%m/%Y}", "parent": binding.unit, "profile": binding.profile}
    )


class ParentPrecedence(models.Model):
    """An administrator's record of which of two rules for the same duty prevails, and why."""

    profile = models.ForeignKey(
        RegulationProfile, models.CASCADE, related_name="precedences", verbose_name=_("profile")
    )
    code = models.CharField(_("deadline"), max_length=30, choices=DeadlineCode.choices)
    prevails = models.CharField(
        _("prevails"), max_length=10, choices=[("own", _("this regulation")), ("parent", _("the higher regulation"))]
    )
    reason = models.TextField(_("why"))
    recorded_by = models.CharField(_("recorded by"), max_length=150)
    recorded_on = models.DateField(_("recorded on"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="unique_precedence_per_deadline")]
        verbose_name = _("precedence between regulations")
        verbose_name_plural = _("precedences between regulations")

    def __str__(self) -> str:
        return f"{self.profile} · {self.get_code_display()}: {self.get_prevails_display()}"


# --- Rules of the dialogue's record (issue 11-12, helper H1): archiving an incomplete dossier,
# the media channels of the notice, and duties beyond the schedule's steps. Each is a row with its citation.


class ArchiveIncomplete(models.TextChoices):
    ALLOWED = "allowed", _("allowed with a recorded reason")
    REFUSED = "refused", _("refused")


class ArchiveRule(RuleText):
    """Whether a dossier may be archived with items still missing, given a recorded reason.

    None of the shipped seeds allows it; a profile without this row refuses (the safe reading),
    and an administrator's copy of a profile may allow it.
    """

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="archive_rules")
    incomplete = models.CharField(
        _("archiving with items missing"), max_length=10, choices=ArchiveIncomplete.choices, default=ArchiveIncomplete.REFUSED
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile"], name="one_archive_rule_per_profile")]
        verbose_name = _("archive rule")
        verbose_name_plural = _("archive rules")

    def __str__(self) -> str:
        return f"{self.profile}: {self.get_incomplete_display()}"


def archive_rule_for(profile: RegulationProfile) -> ArchiveRule | None:
    """The profile's own archive rule, else the nearest higher regulation's; None: refused by default."""
    seen: set[int] = set()
    while profile is not None and profile.pk not in seen:
        seen.add(profile.pk)
        rule = profile.archive_rules.first()
        if rule is not None:
            return rule
        profile = profile.parent
    return None


class MediaChannel(RuleText):
    """A channel on which the dialogue must be announced (002 V.3; 001 III.2): a checklist on the dialogue page."""

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="media_channels")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="unique_media_channel_per_profile")]
        verbose_name = _("required media channel")
        verbose_name_plural = _("required media channels")

    def __str__(self) -> str:
        return self.name


class DutyRule(RuleText):
    """A duty of each dialogue beyond the schedule's steps: what, which office, by when, and where its file goes.

    E.g. the socio-economic report presented at the conference (001 IV.1.1-1.2, III.3.3).
    """

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="duties")
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("duty"), max_length=300)
    owner_kind = models.CharField(_("responsible (organisation kind)"), max_length=50)
    with_kind = models.CharField(_("working with (organisation kind)"), max_length=50, blank=True)
    days_before = models.PositiveSmallIntegerField(
        _("working days before the conference"), default=0, help_text=_("0: by the conference day.")
    )
    dossier_item = models.SlugField(_("dossier item of its file"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="unique_duty_per_profile")]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self) -> str:
        return self.title


class AfterDialogueReportRule(RuleText):
    """A report owed after each dialogue by the organisation of a host of the listed positions (004 Điều 16.1.c).

    The seed sets no deadline of its own: `deadline` names the profile's deadline rule whose date the report
    takes (Điện Biên: `conclude`, 004 Điều 11.1), and the note says it is a reading, not the seed's text.
    """

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="after_dialogue_reports")
    hosts = models.JSONField(_("host positions"), default=list)
    deadline = models.CharField(_("takes the date of the deadline"), max_length=30, choices=DeadlineCode.choices)
    by = models.CharField(_("sent by"), max_length=300, blank=True)
    to = models.CharField(_("sent to"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        verbose_name = _("report after each dialogue")
        verbose_name_plural = _("reports after each dialogue")

    def __str__(self) -> str:
        return f"{self.profile}: {self.citation}"


class VoterRequestRule(RuleText):
    """The share of a commune's voters whose written request obliges it to convene a dialogue.

    Luật 72/2025/QH15 Điều 43 (tóm tắt): at least 10% of the voters. A row, not a constant, so that the text of the
    law (or a later one) changes a profile, not the code; a profile without it takes its parent's (`voter_request_rule_for`).
    """

    profile = models.ForeignKey(RegulationProfile, models.CASCADE, related_name="voter_requests")
    percent = models.DecimalField(_("share of the voters (per cent)"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile"], name="one_voter_request_rule_per_profile"),
            models.CheckConstraint(condition=Q(percent__gt=0, percent__lte=100), name="voter_request_percent_range"),
        ]
        verbose_name = _("dialogue at the voters' request")
        verbose_name_plural = _("dialogue at the voters' request")

    def __str__(self) -> str:
        return f"{self.profile}: {self.percent}%"


def voter_request_rule_for(profile: RegulationProfile | None) -> VoterRequestRule | None:
    """The profile's own rule, else the nearest higher regulation's; None when no regulation of the chain states it."""
    seen: set[int] = set()
    while profile is not None and profile.pk not in seen:
        seen.add(profile.pk)
        rule = profile.voter_requests.first()
        if rule is not None:
            return rule
        profile = profile.parent
    return None
