"""The documents the system writes, with their type abbreviation (Nghị định 30/2020 Phụ lục III; HD 36-HD/VPTW)."""

import re
import unicodedata

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
    ANNUAL_REPORT = "annual_report", _("Annual dialogue report (Form 2)")


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
    Kind.ANNUAL_REPORT: "BC",
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
    Kind.ANNUAL_REPORT: "BÁO CÁO",
}

# The readable Vietnamese start of each file name (without diacritics, so every system can open it).
FILE_STEM = {
    Kind.PLAN: "ke-hoach",
    Kind.ASSIGNMENT: "van-ban-phan-cong",
    Kind.REQUEST_LETTER: "cong-van-tong-hop-y-kien",
    Kind.OPINION_FORM: "phieu-gop-y-kien",
    Kind.COMPILATION: "bao-cao-tong-hop-y-kien",
    Kind.ANSWER_REPORT: "bao-cao-tra-loi-y-kien",
    Kind.NOTICE: "thong-bao-doi-thoai-dot-xuat",
    Kind.INVITATION: "giay-moi",
    Kind.PROGRAMME: "chuong-trinh-hoi-nghi",
    Kind.MINUTES: "bien-ban-hoi-nghi",
    Kind.CONCLUSION: "thong-bao-ket-luan",
    Kind.WRITTEN_ANSWER: "tra-loi-kien-nghi",
    Kind.ANNUAL_REPORT: "bao-cao-ket-qua-doi-thoai-nam",
}


def ascii_part(text: str) -> str:
    """ "01-TB/ĐU" → "01-TB-DU": diacritics dropped, Đ kept as D, anything else a dash."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def file_name(kind: str, symbol: str = "", extension: str = "docx", prefix: str = "") -> str:
    """ "thong-bao-ket-luan-01-TB-DU.docx"; a draft is "du-thao-thong-bao-ket-luan.docx"."""
    parts = [prefix, FILE_STEM.get(kind, ascii_part(kind)), ascii_part(symbol)]
    return "-".join(part for part in parts if part) + f".{extension}"
