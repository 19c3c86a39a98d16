"""Official decisions on days off and days worked that the `holidays` package lacks or gets wrong."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off added")
    WORKING_DAY = "working_day", _("Working day added")
    REMOVE_HOLIDAY = "remove_holiday", _("Package holiday removed")


class CalendarOverride(models.Model):
    """One official decision about one day, with its legal basis (e.g. Công văn 12729/VPCP-KGVX)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OverrideKind.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("What the day is, as users will read it."))
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()} — {self.name}"
