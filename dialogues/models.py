"""A dialogue conference: its plan, hosts, participants, schedule of duties and the log of its transitions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import dates
from common.history import HistoricalRecords
from organizations.models import AdministrativeUnit, Organization, Person, PositionKind
from regulations.models import RegulationProfile

from .enums import (
    OPEN_STATUSES,
    STEP_ORDER,
    AdHocReason,
    DialogueForm,
    DialogueKind,
    GroupKind,
    Status,
    StepCode,
    StepStatus,
    ThematicTopic,
)


class DialogueQuerySet(models.QuerySet):
    def in_year(self, year: int) -> DialogueQuerySet:
        return self.filter(date__year=year)

    def not_cancelled(self) -> DialogueQuerySet:
        return self.exclude(status=Status.CANCELLED)


class Dialogue(models.Model):
    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="dialogues", verbose_name=_("unit"))
    title = models.CharField(_("subject"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=DialogueKind.choices)
    topic = models.CharField(_("theme"), max_length=20, choices=ThematicTopic.choices, blank=True)
    ad_hoc_reason = models.CharField(_("reason for an ad hoc dialogue"), max_length=20, choices=AdHocReason.choices, blank=True)
    description = models.TextField(_("content"), blank=True)
    form = models.CharField(_("format"), max_length=20, choices=DialogueForm.choices, default=DialogueForm.IN_PERSON)
    meeting_link = models.URLField(_("meeting link"), blank=True)
    takes_indirect_opinions = models.BooleanField(
        _("also takes indirect opinions"), default=True, help_text=_("Letters, email, through the Front and the media.")
    )
    date = models.DateField(_("conference date"), db_index=True)
    start_time = models.TimeField(_("start time"), default=datetime.time(7, 30))
    end_time = models.TimeField(_("end time"), default=datetime.time(11, 30))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    expected_citizens = models.PositiveIntegerField(_("expected number of citizens"), default=0)
    profile = models.ForeignKey(RegulationProfile, models.PROTECT, related_name="dialogues", verbose_name=_("regulation"))
    advising_office = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="advised_dialogues", verbose_name=_("advising office")
    )
    advising_with = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="co_advised_dialogues", verbose_name=_("working with")
    )
    advising_override_reason = models.TextField(_("reason for choosing another advising office"), blank=True)
    notice_justification = models.TextField(_("why the notice period cannot be met"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True)
    conclusion_issued_on = models.DateField(_("conclusion notice issued on"), null=True, blank=True)
    conclusion_extension_reason = models.TextField(_("reason for the extended deadline"), blank=True)
    # Ad hoc dialogues: the office the chair names to make and keep the dossier (002 IV.4.1).
    dossier_custodian = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="custodied_dialogues",
        verbose_name=_("dossier kept by (named by the chair)"),
    )
    dossier_custodian_note = models.TextField(_("how the chair named it"), blank=True)
    # Archived with items missing, where the profile allows it: the reason and what was missing then.
    archived_incomplete_reason = models.TextField(_("reason for archiving an incomplete dossier"), blank=True)
    archived_missing = models.JSONField(_("missing when archived"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    objects = DialogueQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [  # the list's order per unit, and across a province's units (walked in order, filtered by unit)
            models.Index(fields=["unit", "-date", "-id"], name="dialogue_unit_date"),
            models.Index(fields=["-date", "-id"], name="dialogue_date"),
        ]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def step(self, code: str) -> ScheduleStep | None:
        return next((step for step in self.steps.all() if step.code == code), None)

    def host_names(self) -> str:
        return ", ".join(host.person.full_name for host in self.hosts.all())

    @property
    def dossier_keeper(self) -> Organization | None:
        """Who keeps the dossier: the office the chair named (ad hoc, 002 IV.4.1), else the advising office."""
        return self.dossier_custodian or self.advising_office


class DialogueHost(models.Model):
    """A host on the day, or the deputy to whom a host delegated (with the reason, as the profile allows)."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="hosts")
    person = models.ForeignKey(Person, models.PROTECT, related_name="hosted_dialogues", verbose_name=_("host"))
    position = models.ForeignKey(PositionKind, models.PROTECT, verbose_name=_("position"))
    organization = models.ForeignKey(Organization, models.PROTECT, verbose_name=_("organisation"))
    delegated_from = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="delegated_dialogues", verbose_name=_("on behalf of")
    )
    delegation_reason = models.TextField(_("reason for the delegation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "position__order"]
        verbose_name = _("host")
        verbose_name_plural = _("hosts")

    def __str__(self) -> str:
        return f"{self.position.name} {self.person.full_name}"


class ParticipantGroup(models.Model):
    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="participant_groups")
    kind = models.CharField(_("group"), max_length=20, choices=GroupKind.choices)
    expected_count = models.PositiveIntegerField(_("expected number"), default=0)
    organizations = models.ManyToManyField(Organization, blank=True, verbose_name=_("organisations"))
    people = models.ManyToManyField(Person, blank=True, verbose_name=_("people"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[organizations, people])

    class Meta:
        ordering = ["dialogue", "id"]
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")

    def __str__(self) -> str:
        return self.get_kind_display()


class CooperatingAgency(models.Model):
    """An agency with its task in the plan's assignment document (văn bản phân công)."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="cooperating_agencies")
    organization = models.ForeignKey(Organization, models.PROTECT, verbose_name=_("agency"))
    task = models.TextField(_("task"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "id"]
        verbose_name = _("co-operating agency")
        verbose_name_plural = _("co-operating agencies")

    def __str__(self) -> str:
        return f"{self.organization}: {self.task[:60]}"


class ScheduleStepQuerySet(models.QuerySet):
    """The one definition of a pending and an overdue step, for every screen, the API and the boards."""

    def pending(self) -> ScheduleStepQuerySet:
        """Not done nor waived, of a dialogue still open (a cancelled or archived one has nothing pending)."""
        return self.filter(status=StepStatus.PENDING, dialogue__status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> ScheduleStepQuerySet:
        """Pending and past its due date (today: the date of record, common.dates)."""
        return self.pending().filter(due__lt=today or dates.today())


class ScheduleStep(models.Model):
    """One duty of the dialogue with its legal deadline, the rule it comes from, and who did it when."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="steps")
    code = models.CharField(_("step"), max_length=20, choices=StepCode.choices)
    order = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="schedule_steps", verbose_name=_("responsible")
    )
    due = models.DateField(_("due"), null=True, blank=True, db_index=True)
    due_extended = models.DateField(_("extended maximum"), null=True, blank=True)
    rule = models.TextField(_("rule"), blank=True)
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    explanation = models.TextField(_("how the date was computed"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("done by")
    )
    waived_reason = models.TextField(_("why it is waived"), blank=True)
    history = HistoricalRecords()

    objects = ScheduleStepQuerySet.as_manager()

    class Meta:
        ordering = ["dialogue", "order"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "code"], name="unique_step_per_dialogue")]
        # The overdue boards and "my tasks": pending steps by due date, without reading the done ones.
        indexes = [models.Index(fields=["due", "dialogue"], name="step_pending_due", condition=models.Q(status="pending"))]
        verbose_name = _("schedule step")
        verbose_name_plural = _("schedule steps")

    def __str__(self) -> str:
        return f"{self.get_code_display()} — {self.dialogue}"

    def save(self, *args, **kwargs) -> None:
        self.order = STEP_ORDER.index(self.code)
        super().save(*args, **kwargs)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """The same rule as ScheduleStepQuerySet.overdue, for one step already loaded."""
        today = today or dates.today()
        open_dialogue = self.dialogue.status in OPEN_STATUSES
        return open_dialogue and self.status == StepStatus.PENDING and self.due is not None and self.due < today

    @property
    def done_late(self) -> bool:
        return self.status == StepStatus.DONE and self.due is not None and self.done_on is not None and self.done_on > self.due

    def state(self, today: datetime.date | None = None) -> str:
        """pending | overdue | done | late (done after its due date) | waived."""
        if self.status == StepStatus.WAIVED:
            return "waived"
        if self.status == StepStatus.DONE:
            return "late" if self.done_late else "done"
        return "overdue" if self.is_overdue(today) else "pending"


class DialogueEvent(models.Model):
    """One transition of a dialogue (old status, new status, reason, who, when): its history and statistics."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30)
    old_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    new_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["dialogue", "at", "id"]
        verbose_name = _("dialogue event")
        verbose_name_plural = _("dialogue events")

    def __str__(self) -> str:
        return f"{self.action}: {self.old_status} → {self.new_status}"

    @property
    def action_label(self) -> str:
        name, _sep, step = self.action.partition(":")
        label = str(ACTION_LABELS.get(name, name))
        return f"{label}: {StepCode(step).label}" if step in StepCode.values else label


ACTION_LABELS = {
    "create": _("Planned"),
    "announce": _("Notice sent"),
    "hold": _("Conference held"),
    "conclude": _("Conclusion notice issued"),
    "archive": _("Dossier archived"),
    "cancel": _("Cancelled"),
    "reschedule": _("Date changed"),
    "postpone": _("Postponed"),
    "step_done": _("Step done"),
    "step_waived": _("Step waived"),
    "participants": _("Participants changed"),
    "hosts": _("Hosts changed"),
    "agencies": _("Co-operating agencies changed"),
    "custodian": _("Dossier custodian named"),
    "media": _("Media announcement recorded"),
    "duty_done": _("Duty done"),
}


class MediaAnnouncement(models.Model):
    """The dialogue announced or reported on one media channel on a date (002 V.3; 001 III.2)."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="media_announcements")
    channel = models.CharField(_("channel"), max_length=60, help_text=_("The profile's channel code, empty for another one."))
    channel_name = models.CharField(_("channel"), max_length=200)
    on = models.DateField(_("published on"))
    link = models.URLField(_("link"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "on", "id"]
        verbose_name = _("media announcement")
        verbose_name_plural = _("media announcements")

    def __str__(self) -> str:
        return f"{self.channel_name} {self.on:%d/%m/%Y}"


class DialogueDuty(models.Model):
    """A duty of the profile beyond the schedule's steps (001 IV.1.2: the socio-economic report), with its file."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="duties")
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("duty"), max_length=300)
    owner = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="dialogue_duties", verbose_name=_("responsible")
    )
    with_office = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("working with")
    )
    due = models.DateField(_("due"), null=True, blank=True)
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    dossier_item = models.SlugField(_("dossier item of its file"), max_length=80, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    file = models.FileField(upload_to="duties/%Y/%m/", blank=True)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "due", "id"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "code"], name="unique_duty_per_dialogue")]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self) -> str:
        return self.title

    def state(self, today: datetime.date | None = None) -> str:
        """pending | overdue | done | late (done after its due date)."""
        if self.done_on:
            return "late" if self.due and self.done_on > self.due else "done"
        today = today or dates.today()
        return "overdue" if self.due and self.due < today and self.dialogue.is_open else "pending"
