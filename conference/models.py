"""The conference day (003 Điều 9; 001 III.3; 000 Bước 3): programme, attendance, speakers, minutes (Mẫu 8),
the outcome of each opinion, and the conclusion notice (Mẫu 9, 003 Điều 10)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from dialogues.models import Dialogue, ParticipantGroup
from organizations.models import Organization
from petitions.models import Case, Petition


def invitation_code() -> str:
    return "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))


class ProgrammeItem(models.Model):
    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="programme")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("item"), max_length=400)
    who = models.CharField(_("who"), max_length=200, blank=True)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "order"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "order"], name="one_programme_item_per_place")]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")

    def __str__(self) -> str:
        return self.title


class Invitee(models.Model):
    """Someone invited (from the plan's groups), a walk-in, or an online participant; checked in at the door."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="invitees")
    group = models.ForeignKey(ParticipantGroup, models.SET_NULL, null=True, blank=True, related_name="invitees")
    organization = models.ForeignKey(Organization, models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("invitation code"), max_length=10, unique=True, default=invitation_code)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    online = models.BooleanField(_("online"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "name"]
        constraints = [
            # The invitations made from the plan exist once each (walk-ins, without a group, may share a name).
            models.UniqueConstraint(
                fields=["dialogue", "group", "organization"],
                condition=models.Q(group__isnull=False, organization__isnull=False),
                name="one_invitation_per_group_organisation",
            ),
            models.UniqueConstraint(
                fields=["dialogue", "group", "name"],
                condition=models.Q(group__isnull=False, organization__isnull=True),
                name="one_invitation_per_group_person",
            ),
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class SpeakerStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SPEAKING = "speaking", _("Speaking")
    SPOKEN = "spoken", _("Has spoken")
    REFUSED = "refused", _("Refused")


class RefusalGround(models.TextChoices):
    """003 Điều 4.3: the chair may refuse to dialogue with these persons."""

    NO_CIVIL_CAPACITY = "no_capacity", _("Lacks full civil capacity")
    INFLUENCE = "influence", _("Under the influence of alcohol or stimulants")
    BREAKS_RULES = "breaks_rules", _("Breaks the rules of the conference")


class Speaker(models.Model):
    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    residential_group = models.CharField(_("residential group"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=400)
    petitions = models.ManyToManyField(Petition, blank=True, related_name="speakers", verbose_name=_("opinions concerned"))
    registered_before = models.BooleanField(_("registered before the conference"), default=False)
    position = models.PositiveIntegerField(_("place in the queue"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=SpeakerStatus.choices, default=SpeakerStatus.WAITING)
    limit_seconds = models.PositiveIntegerField(_("time limit (seconds)"), default=300)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("summary of the speech"), blank=True)
    refusal_ground = models.CharField(_("ground for refusal"), max_length=20, choices=RefusalGround.choices, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    history = HistoricalRecords(m2m_fields=[petitions])

    class Meta:
        ordering = ["dialogue", "position", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    def remaining_seconds(self) -> int | None:
        if self.status != SpeakerStatus.SPEAKING or self.started_at is None:
            return None
        return self.limit_seconds - int((timezone.now() - self.started_at).total_seconds())


class ConferenceAnswer(models.Model):
    """An answer given in the hall: who answered, what, to which speech."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="hall_answers")
    speaker = models.ForeignKey(Speaker, models.SET_NULL, null=True, blank=True, related_name="answers")
    answered_by = models.CharField(_("answered by"), max_length=255)
    content = models.TextField(_("answer"))
    at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "at", "id"]

    def __str__(self) -> str:
        return self.answered_by


class Minutes(models.Model):
    """Mẫu 8, written as it happens; `version` stops two editors from silently overwriting each other."""

    dialogue = models.OneToOneField(Dialogue, models.CASCADE, related_name="minutes")
    time_and_place = models.TextField(_("time and place"), blank=True)
    composition = models.TextField(_("composition"), blank=True)
    content = models.TextField(_("content"), blank=True)
    proceedings = models.TextField(_("proceedings"), blank=True)
    conclusion = models.TextField(_("the chair's conclusion"), blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.dialogue)


class OutcomeKind(models.TextChoices):
    SETTLED = "settled", _("Answered and settled at the conference")
    WRITTEN = "written", _("To be answered in writing by an agency")
    ESCALATE = "escalate", _("To be escalated to the upper level")
    VERIFY = "verify", _("A new case to be verified")


UNSETTLED = frozenset({OutcomeKind.WRITTEN, OutcomeKind.ESCALATE, OutcomeKind.VERIFY})


class OpinionOutcome(models.Model):
    """What became of a matter at the conference; each unsettled one is a tracked duty."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="outcomes")
    case = models.OneToOneField(Case, models.CASCADE, related_name="conference_outcome")
    kind = models.CharField(_("outcome at the conference"), max_length=20, choices=OutcomeKind.choices)
    agency = models.ForeignKey(Organization, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "id"]
        verbose_name = _("outcome of an opinion")
        verbose_name_plural = _("outcomes of opinions")

    def __str__(self) -> str:
        return self.get_kind_display()


class ConclusionNotice(models.Model):
    """Mẫu 9: settled and unsettled counts, who answers what by when, and to whom it was sent."""

    dialogue = models.OneToOneField(Dialogue, models.CASCADE, related_name="conclusion_notice")
    issued_on = models.DateField(_("issued on"))
    settled = models.PositiveIntegerField(_("settled at the conference"))
    unsettled = models.PositiveIntegerField(_("not settled at the conference"))
    advising_duties = models.TextField(_("duties of the advising office"), blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion notice")
        verbose_name_plural = _("conclusion notices")

    def __str__(self) -> str:
        return f"{self.dialogue} — {self.issued_on:%d/%m/%Y}"


class NoticeRecipient(models.Model):
    notice = models.ForeignKey(ConclusionNotice, models.CASCADE, related_name="recipients")
    organization = models.ForeignKey(Organization, models.PROTECT, null=True, blank=True, related_name="+")
    petition = models.ForeignKey(Petition, models.CASCADE, null=True, blank=True, related_name="+")
    role = models.CharField(_("as"), max_length=100)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["notice", "id"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self) -> str:
        return self.organization.name if self.organization else (self.petition.tracking_code if self.petition else self.role)


class DialogueSession(models.Model):
    """One session of a dialogue held by clusters of villages or residential groups in a large commune
    (Luật 72/2025/QH15 Điều 43, summarised): its own place, time, attendance and minutes; the dialogue stays one
    dialogue in every count and report."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="sessions", verbose_name=_("dialogue"))
    cluster = models.CharField(_("cluster of villages / residential groups"), max_length=300)
    venue = models.CharField(_("venue"), max_length=300)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("people present"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    minutes_file = models.FileField(_("minutes"), upload_to="conference/sessions/%Y/%m/", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dialogue", "date", "start_time", "id"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "cluster"], name="one_session_per_cluster")]
        verbose_name = _("session by cluster")
        verbose_name_plural = _("sessions by cluster")

    def __str__(self) -> str:
        return f"{self.cluster} ({self.date:%d/%m/%Y})"
