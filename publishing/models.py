"""Publication of a dialogue's results to the People (Luật 72/2025/QH15 Điều 43, tóm tắt): within 10 days of
the conference, posted on the portal, posted at the commune's headquarters and sent to every village and
residential-group head. One row per held dialogue whose regulation sets that duty; one row per recipient."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from dialogues.models import Dialogue
from organizations.models import Organization


class Publication(models.Model):
    dialogue = models.OneToOneField(Dialogue, models.CASCADE, related_name="publication", verbose_name=_("dialogue"))
    due_on = models.DateField(_("results published by"), db_index=True)
    citation = models.CharField(_("citation"), max_length=200)
    headquarters_posted_on = models.DateField(_("posted at the commune headquarters on"), null=True, blank=True)
    headquarters_posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    # The last of: the portal posting (the conclusion notice's issue date), the headquarters posting, each dispatch.
    completed_on = models.DateField(_("published completely on"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["completed_on", "due_on"], name="publication_board")]
        verbose_name = _("publication of results")
        verbose_name_plural = _("publications of results")

    def __str__(self) -> str:
        return str(self.dialogue)

    def is_late(self, today) -> bool:
        """Completed after the due date, or still incomplete after it."""
        return (self.completed_on or today) > self.due_on


class Dispatch(models.Model):
    """The results sent to one village or residential-group head: an organisation of the commune, or a name the staff keep."""

    publication = models.ForeignKey(Publication, models.CASCADE, related_name="dispatches")
    organization = models.ForeignKey(
        Organization, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("village or residential group")
    )
    recipient = models.CharField(_("recipient"), max_length=300)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["publication", "recipient", "id"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "organization"], name="one_dispatch_per_group"),
        ]
        verbose_name = _("dispatch to a village or residential-group head")
        verbose_name_plural = _("dispatches to village and residential-group heads")

    def __str__(self) -> str:
        return self.recipient
