"""Organisation templates: download the current one, upload an adjusted one; a template that does not
render is refused with a clear message and the old one stays."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction

from organizations.models import Organization

from .issuing import template_for
from .kinds import Kind
from .models import DocumentTemplate
from .render import Block, Content, RenderError, render

SAMPLE_HEADER = {
    "superior_body": "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
    "issuer_name": "ĐẢNG ỦY PHƯỜNG MẪU",
    "number_line": "Số 01-TB/ĐU",
    "place_date": "Mẫu, ngày 05 tháng 01 năm 2026",
    "sign_authority": "T/M BAN THƯỜNG VỤ",
    "sign_title": "BÍ THƯ",
    "signer": "Nguyễn Văn Mẫu",
}
SAMPLE = Content(
    "THÔNG BÁO",
    "Nội dung mẫu",
    [Block("Đoạn văn mẫu."), Block(rows=[["TT", "Nội dung"], ["1", "Mẫu"]])],
    greeting="Các cơ quan",
    recipients=["Như trên"],
)


def current(organization: Organization, kind: str) -> bytes:
    return template_for(organization, kind)


@transaction.atomic
def upload(organization: Organization, kind: str, name: str, content: bytes, user: User | None) -> DocumentTemplate:
    """Keep the new template only if it renders with sample data; else RenderError and nothing changes."""
    if kind not in Kind.values:
        raise RenderError("Loại văn bản không hợp lệ.")
    if not name.lower().endswith(".docx"):
        raise RenderError("Mẫu văn bản phải là tệp .docx.")
    render(content, SAMPLE_HEADER, SAMPLE)
    template, _ = DocumentTemplate.objects.get_or_create(organization=organization, kind=kind, defaults={"uploaded_by": user})
    template.file.save(f"{organization.code}-{kind}.docx", ContentFile(content), save=False)
    template.uploaded_by = user
    template.save()
    return template
