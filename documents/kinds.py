"""The documents the system writes, with their type abbreviation (Nghị định 30/2020 Phụ lục III; HD 36-HD/VPTW)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    PLAN = "plan", pgettext_lazy("document kind", "Plan")
    ASSIGNMENT = "assignment", _("Assignment document")
    REQUEST_LETTER = "request_letter", _("Letter asking bodies to compile opinions (Form 3)")
    OPINION_FORM = "opinion_form", _("Opinion form (Form 4)")
    COMPILATION = "compilation", _("Compilation and assignment report (Form 5)")
    ANSWER_REPORT = "answer_report", _("Answer report (Form 6)")
    NOTICE = "notice", _("Notice of an ad hoc dialogue (Form 7)")
    INVITATION = "invitation", _("Invitation")
    PROGRAMME = "programme", _("Programme")
    MINUTES = "minutes", _("Minutes (Form 8)")
    CONCLUSION = "conclusion", _("Conclusion notice (Form 9)")
    WRITTEN_ANSWER = "written_answer", _("Written answer to a petitioner")


# Type abbreviation in the number and symbol; None: the document is not numbered (the opinion form).
ABBREVIATION = {
    Kind.PLAN: "KH",
    Kind.ASSIGNMENT: "CV",
    Kind.REQUEST_LETTER: "CV",
    Kind.OPINION_FORM: None,
    Kind.COMPILATION: "BC",
    Kind.ANSWER_REPORT: "BC",
    Kind.NOTICE: "TB",
    Kind.INVITATION: "GM",
    Kind.PROGRAMME: "CTr",
    Kind.MINUTES: "BB",
    Kind.CONCLUSION: "TB",
    Kind.WRITTEN_ANSWER: "CV",
}

# Heading printed as the document type (upper case in the document).
HEADING = {
    Kind.PLAN: "KẾ HOẠCH",
    Kind.ASSIGNMENT: "",
    Kind.REQUEST_LETTER: "",
    Kind.OPINION_FORM: "PHIẾU GÓP Ý KIẾN, KIẾN NGHỊ",
    Kind.COMPILATION: "BÁO CÁO",
    Kind.ANSWER_REPORT: "BÁO CÁO",
    Kind.NOTICE: "THÔNG BÁO",
    Kind.INVITATION: "GIẤY MỜI",
    Kind.PROGRAMME: "CHƯƠNG TRÌNH",
    Kind.MINUTES: "BIÊN BẢN",
    Kind.CONCLUSION: "THÔNG BÁO",
    Kind.WRITTEN_ANSWER: "",
}
