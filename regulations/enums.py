"""Codes of the rules a regulation profile holds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineCode(models.TextChoices):
    PLAN = "plan", _("Plan issued")
    ANNOUNCE = "announce", _("Notice and invitations sent")
    FRONT_COLLECT = "front_collect", _("Front and bodies send collected opinions")
    COLLECT = "collect", _("Collection of opinions finished")
    CLASSIFY = "classify", _("Classification and assignment finished")
    ANSWERS_READY = "answers_ready", _("Answer reports ready before the conference")
    CONCLUDE = "conclude", _("Conclusion notice issued")
    CONCLUDE_EXTENDED = "conclude_extended", _("Conclusion notice, extended maximum")
    ANSWER = "answer", _("Written answers by the agencies")
    ANSWER_CHASE = "answer_chase", _("Advising office chases the answers")
    ARCHIVE = "archive", _("Dossier completed")
    REPORT_RESULTS = "report_results", _("Results reported")
    PUBLISH_RESULTS = "publish_results", _("Results announced to the People")


# The schedule step each deadline belongs to (issue: the dialogue's steps have stable codes).
STEP_OF_DEADLINE = {
    "plan": "plan",
    "announce": "announce",
    "front_collect": "collect",
    "collect": "collect",
    "classify": "classify",
    "answers_ready": "classify",
    "conclude": "conclude",
    "conclude_extended": "conclude",
    "answer": "answer",
    "answer_chase": "answer",
    "archive": "archive",
    "report_results": "archive",
    "publish_results": "conclude",
}


class Anchor(models.TextChoices):
    CONFERENCE = "conference", _("the conference")
    CONCLUSION_NOTICE = "conclusion_notice", _("the conclusion notice")
    ANSWER = "answer", _("the end of the answer period")


class Direction(models.TextChoices):
    BEFORE = "before", _("before")
    AFTER = "after", _("after")


class DayUnit(models.TextChoices):
    WORKING = "working", _("working days")
    CALENDAR = "calendar", _("days")


class DialogueKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    THEMATIC = "thematic", _("Thematic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class Period(models.TextChoices):
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Half-yearly")
    YEAR = "year", _("Yearly")


class ReportForm(models.TextChoices):
    MAU_1 = "mau_1", _("Form 1 (summary table)")
    MAU_2 = "mau_2", _("Form 2 (annual report)")
    OTHER = "other", _("Report")


class DossierGroup(models.TextChoices):
    BEFORE = "before", _("Before the conference")
    DURING = "during", _("During the conference")
    AFTER = "after", _("After the conference")


class HostLevel(models.TextChoices):
    ANY = "any", _("Any level")
    PROVINCE = "province", _("Province / city")
    DISTRICT = "district", _("District (historical)")
    COMMUNE = "commune", _("Commune / ward / special zone")


class ParentRelation(models.TextChoices):
    """How a rule reads against the higher regulation's rule with the same code."""

    SAME = "same", _("Same duty, stated differently")
    DIFFERENT = "different", _("A different duty")
