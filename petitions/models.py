"""The People's opinions: each intake record (Petition), the matter it raises (Case), and who answered what.

Several petitions raising the same matter share one Case, so the matter is answered once and every
petitioner is told. Petitioners' identities are personal data (Luật 91/2025/QH15): shown only to
those whose work needs it, and every view of them is logged (PersonalDataAccess).
"""

from __future__ import annotations

import datetime
import secrets
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from common.prepared import PreparedInsertMixin
from dialogues.models import Dialogue
from organizations.models import AdministrativeUnit, Organization
from regulations.models import OpinionField

from .enums import CaseStatus, Channel, Jurisdiction, Outcome, PetitionerKind

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def fold(text: str) -> str:
    """Lower case without accents, "đ" as "d": how search and suggestions compare Vietnamese text."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(plain.lower().split())


def new_tracking_code() -> str:
    return "YK-" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


class Petitioner(PreparedInsertMixin, models.Model):
    """A person, or an organisation with its representative; personal data."""

    kind = models.CharField(_("kind"), max_length=20, choices=PetitionerKind.choices, default=PetitionerKind.PERSON)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=255, blank=True)
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    residential_group = models.ForeignKey(
        Organization, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("residential group")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == PetitionerKind.ORGANIZATION:
            return f"{self.organization_name} ({self.representative})" if self.representative else self.organization_name
        return self.full_name or str(_("Unknown"))


class OpinionSheet(models.Model):
    """A paper opinion form (Mẫu 4) entered by staff: one petitioner, several opinions, one per field."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    dialogue = models.ForeignKey(Dialogue, models.SET_NULL, null=True, blank=True, related_name="+")
    petitioner = models.ForeignKey(Petitioner, models.PROTECT, null=True, blank=True)
    received_on = models.DateField(_("received on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opinion form")
        verbose_name_plural = _("opinion forms")

    def __str__(self) -> str:
        return f"{_('Form 4')} {self.received_on:%d/%m/%Y}"


class CaseQuerySet(models.QuerySet):
    """The one definition of an overdue matter, for every screen, the API and the boards."""

    def overdue(self, today: datetime.date | None = None) -> CaseQuerySet:
        """Not closed and past its answer deadline (today: the date of record, common.dates)."""
        from common import dates

        return self.exclude(status=CaseStatus.CLOSED).filter(due__lt=today or dates.today())


class Case(PreparedInsertMixin, models.Model):
    """One matter: classified, assigned to an agency with a deadline, answered once for all its petitioners."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="cases", verbose_name=_("unit"))
    dialogue = models.ForeignKey(
        Dialogue, models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("dialogue")
    )
    summary = models.TextField(_("matter"))
    field = models.ForeignKey(OpinionField, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("field"))
    jurisdiction = models.CharField(_("jurisdiction"), max_length=10, choices=Jurisdiction.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, db_index=True)
    agency = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="assigned_cases", verbose_name=_("assigned agency")
    )
    due = models.DateField(_("answer due"), null=True, blank=True, db_index=True)
    due_rule = models.CharField(_("deadline rule"), max_length=300, blank=True)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    legal_reason = models.TextField(_("legal reason for more time"), blank=True)
    proposed_due = models.DateField(_("new date proposed"), null=True, blank=True)
    sent_to = models.CharField(_("sent to"), max_length=300, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [  # province scale (docs/quy-mo.md): the list's order per unit; open matters by deadline
            models.Index(fields=["unit", "-created_at", "-id"], name="case_unit_created"),
            models.Index(fields=["unit", "due"], name="case_open_unit_due", condition=~models.Q(status="closed")),
            models.Index(fields=["-created_at", "-id"], name="case_created"),  # the same order for a province's units
        ]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")

    def __str__(self) -> str:
        return self.summary[:80]

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(self.summary)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """The same rule as CaseQuerySet.overdue, for one matter already loaded."""
        from common import dates

        today = today or dates.today()
        return self.status != CaseStatus.CLOSED and self.due is not None and self.due < today


class Feedback(models.TextChoices):
    """The citizen's word after the answer: did it settle the matter? (FixMyStreet's "has it been fixed?")"""

    SETTLED = "settled", _("Settled")
    NOT_SETTLED = "not_settled", _("Not settled")


class Petition(PreparedInsertMixin, models.Model):
    """One opinion or petition as received, from one petitioner by one channel; the tracking code is theirs."""

    unit = models.ForeignKey(AdministrativeUnit, models.PROTECT, related_name="petitions", verbose_name=_("unit"))
    dialogue = models.ForeignKey(
        Dialogue, models.SET_NULL, null=True, blank=True, related_name="petitions", verbose_name=_("dialogue")
    )
    case = models.ForeignKey(Case, models.PROTECT, related_name="petitions", verbose_name=_("matter"))
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, default=new_tracking_code)
    content = models.TextField(_("content"))
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    petitioner = models.ForeignKey(Petitioner, models.PROTECT, null=True, blank=True, related_name="petitions")
    sheet = models.ForeignKey(OpinionSheet, models.SET_NULL, null=True, blank=True, related_name="petitions")
    field_hint = models.CharField(_("field given on intake"), max_length=200, blank=True)
    follow_up_of = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="follow_ups", verbose_name=_("follow-up of")
    )
    told_on = models.DateField(_("petitioner told on"), null=True, blank=True)
    told_how = models.CharField(_("told how"), max_length=200, blank=True)
    # Reports count these (settled / not settled); a "not settled" one has its follow-up in follow_ups.
    feedback = models.CharField(_("citizen's feedback"), max_length=20, choices=Feedback.choices, blank=True)
    feedback_on = models.DateField(_("feedback given on"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [  # the API list: one unit's, and many units' (walked in order, filtered by unit)
            models.Index(fields=["unit", "-received_on", "-id"], name="petition_unit_received"),
            models.Index(fields=["-received_on", "-id"], name="petition_received"),
        ]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")

    def __str__(self) -> str:
        return f"{self.tracking_code}: {self.content[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(f"{self.tracking_code} {self.content}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def told_late(self) -> bool:
        """The written answer reached the petitioner after the matter's answer deadline."""
        return bool(self.told_on and self.case.due and self.told_on > self.case.due)


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="petitions/%Y/%m/")
    name = models.CharField(_("name"), max_length=255)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class CaseEvent(PreparedInsertMixin, models.Model):
    """One step in a matter's life (classified, grouped, assigned, reassigned, drafted, approved, told)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "at", "id"]

    def __str__(self) -> str:
        return self.action

    @property
    def action_label(self) -> str:
        return str(CASE_ACTIONS.get(self.action, self.action))


CASE_ACTIONS = {
    "received": _("Received"),
    "follow_up": _("Follow-up petition received"),
    "classified": _("Classified"),
    "grouped": _("Grouped with the same matter"),
    "assigned": _("Assigned"),
    "reassigned": _("Reassigned"),
    "drafted": _("Answer drafted"),
    "more_time": _("More time approved"),
    "approved": _("Answer approved"),
    "returned": _("Draft returned with comments"),
    "told": _("Petitioner told"),
    "citizen_settled": _("The petitioner says the answer settled the matter"),
    "citizen_not_settled": _("The petitioner says the answer did not settle the matter"),
}


class Output(models.TextChoices):
    """Through which output a petitioner's identity was shown."""

    PAGE = "page", _("Page")
    API = "api", _("API")
    DOCX = "docx", _("DOCX document")
    PDF = "pdf", _("PDF document")
    ZIP = "zip", _("Dossier ZIP")
    EXPORT = "export", _("Export")
    HALL = "hall", _("Hall screen")
    FILE = "file", _("Attached file")


class PersonalDataAccess(models.Model):
    """One disclosure of petitioners' identities: who, which matters, when, through which output, from which path.

    Luật 91/2025/QH15 and Nghị định 356/2025: restrict and log. One row per request, however many
    petitioners it showed (the matters and petitioners shown are linked in bulk).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("user"))
    petitioner = models.ForeignKey(Petitioner, models.CASCADE, null=True, blank=True, related_name="accesses")
    cases = models.ManyToManyField(Case, blank=True, related_name="personal_data_accesses", verbose_name=_("matters"))
    petitioners = models.ManyToManyField(Petitioner, blank=True, related_name="disclosures", verbose_name=_("petitioners"))
    shown = models.PositiveIntegerField(_("identities shown"), default=0)
    output = models.CharField(_("output"), max_length=10, choices=Output.choices, default=Output.PAGE, db_index=True)
    path = models.CharField(_("request path"), max_length=500, blank=True)
    where = models.CharField(_("what was shown"), max_length=200)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_output_display()} — {self.at:%d/%m/%Y %H:%M}"
