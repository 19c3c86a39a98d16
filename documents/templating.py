"""Organisation templates: download the current one, upload an adjusted one.

Only an administrator of the organisation's unit uploads (action "manage_templates"). An upload is
kept only if (1) the file passes the common upload check (a real, macro-free DOCX within the size
and zip limits), (2) every placeholder is one documented for its kind — plain variables, loops over
the documented lists, `if` and simple filters; no attribute, call or index syntax — and (3) it fills
with sample data in the sandbox. Otherwise RenderError with the reason and the old template stays.
"""

from __future__ import annotations

import hashlib
import io

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from docx.opc.constants import CONTENT_TYPE as CT
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes

from common.uploads import TEMPLATES, UploadRejected, check_upload
from organizations.models import Organization

from .issuing import template_for
from .kinds import Kind
from .layout import LISTS, LOOP_FIELDS, placeholders_for
from .models import DocumentTemplate
from .render import FILTERS, TESTS, Block, Content, RenderError, render, sandbox

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
# Node types that only print or choose; anything else (calls, attributes, macros, includes…) is refused.
PLAIN_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.If, nodes.Not, nodes.And, nodes.Or,
    nodes.Compare, nodes.Operand, nodes.Concat, nodes.CondExpr, nodes.Keyword,
)  # fmt: skip
FILLED_PARTS = frozenset({CT.WML_HEADER, CT.WML_FOOTER, CT.WML_FOOTNOTES})  # filled by docxtpl besides the body
# How refused syntax is named in the message.
SYNTAX = {
    "Call": "lời gọi hàm “(…)”",
    "Getitem": "truy cập phần tử “[…]”",
    "Slice": "truy cập phần tử “[…]”",
    "Include": "chèn mẫu khác (include)",
    "Import": "chèn mẫu khác (import)",
    "FromImport": "chèn mẫu khác (import)",
    "Extends": "kế thừa mẫu khác (extends)",
    "Macro": "macro",
    "CallBlock": "macro",
    "Assign": "gán biến (set)",
    "AssignBlock": "gán biến (set)",
    "With": "gán biến (with)",
}


def current(organization: Organization, kind: str) -> bytes:
    return template_for(organization, kind)


def sources(content: bytes) -> list[str]:
    """Every text docxtpl fills: the body, headers, footers, footnotes and core properties, as it sees them."""
    template = DocxTemplate(io.BytesIO(content))
    template.init_docx()
    document = template.docx
    texts = [template.patch_xml(template.xml_to_string(document._element.body))]
    for part in document.part.package.iter_parts():
        if part.content_type in FILLED_PARTS:
            texts.append(template.patch_xml(template.xml_to_string(parse_xml(part.blob))))
    properties = document.core_properties
    texts += [getattr(properties, name) or "" for name in ("author", "comments", "identifier", "language", "subject", "title")]
    return texts


def _refuse(what: str) -> RenderError:
    return RenderError(f"Mẫu văn bản dùng {what}, không có trong danh sách chỗ đặt dữ liệu được phép (xem danh sách trên trang).")


def _root(node: nodes.Node) -> str:
    """The name an expression starts from (“cycler” in cycler.__init__(…)), for the message."""
    while not isinstance(node, nodes.Name) and isinstance(getattr(node, "node", None), nodes.Node):
        node = node.node
    return node.name if isinstance(node, nodes.Name) else ""


def _check(node: nodes.Node, allowed: set[str], bound: set[str]) -> None:
    """Walk the template's syntax tree; RenderError at the first construct that is not plain data."""
    if isinstance(node, nodes.Name):
        if node.ctx != "load" or node.name not in allowed | bound:
            raise _refuse(f"“{node.name}”")
        return
    if isinstance(node, nodes.For):
        if not (isinstance(node.iter, nodes.Name) and node.iter.name in LISTS and isinstance(node.target, nodes.Name)):
            raise _refuse("một vòng lặp lạ (chỉ được lặp trên danh sách có sẵn, ví dụ “for r in recipients”)")
        if node.recursive or node.test is not None:
            raise _refuse("vòng lặp có điều kiện hoặc đệ quy")
        inner = bound | {node.target.name, "loop"}
        for child in [*node.body, *node.else_]:
            _check(child, allowed, inner)
        return
    if isinstance(node, nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "loop" and "loop" in bound and node.attr in LOOP_FIELDS:
            return
        raise _refuse(f"cú pháp truy cập thuộc tính “.{node.attr}” trên “{_root(node)}”")
    if isinstance(node, nodes.Filter | nodes.Test):
        names = FILTERS if isinstance(node, nodes.Filter) else TESTS
        if node.name not in names or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise _refuse(f"bộ lọc hoặc phép thử “{node.name}”")
        if not all(isinstance(arg, nodes.Const) for arg in [*node.args, *(k.value for k in node.kwargs)]):
            raise _refuse(f"tham số không phải hằng ở “{node.name}”")
    elif not isinstance(node, PLAIN_NODES):
        name, root = node.__class__.__name__, _root(node)
        raise _refuse(SYNTAX.get(name, f"phép tính hoặc cú pháp “{name}”") + (f" trên “{root}”" if root else ""))
    for child in node.iter_child_nodes():
        _check(child, allowed, bound)


def validate(content: bytes, kind: str) -> None:
    """RenderError unless every placeholder of the template is plain, documented data for this kind."""
    environment = sandbox()
    allowed = set(placeholders_for(kind))
    try:
        texts = sources(content)
    except Exception as error:  # a damaged DOCX raises many kinds of errors
        raise RenderError(f"Không mở được mẫu văn bản (không phải tệp .docx hợp lệ): {error.__class__.__name__}") from error
    for text in texts:
        try:
            tree = environment.parse(text)
        except TemplateSyntaxError as error:
            raise RenderError(f"Mẫu văn bản có lỗi cú pháp ở chỗ đặt dữ liệu: {error.message}") from error
        _check(tree, allowed, set())


@transaction.atomic
def upload(
    organization: Organization, kind: str, name: str, content: bytes, user: User | None, request=None
) -> DocumentTemplate:
    """Keep the new template only if it passes the checks above; else RenderError and nothing changes.

    Side effects: the organisation's template file for this kind is replaced (row locked) and a
    "template.upload" security event is recorded.
    """
    from audit.log import record

    if kind not in Kind.values:
        raise RenderError("Loại văn bản không hợp lệ.")
    if not name.lower().endswith(".docx"):
        raise RenderError("Mẫu văn bản phải là tệp .docx.")
    try:
        checked = check_upload(content, allowed=TEMPLATES, name=name)
    except UploadRejected as error:
        raise RenderError(f"Không nhận tệp (không phải tệp .docx hợp lệ): {' '.join(error.messages)}") from error
    validate(checked.content, kind)
    render(checked.content, SAMPLE_HEADER, SAMPLE)
    template = DocumentTemplate.objects.select_for_update().filter(organization=organization, kind=kind).first()
    if template is None:
        template = DocumentTemplate(organization=organization, kind=kind)
    template.file.save(f"{organization.code}-{kind}.docx", ContentFile(checked.content), save=False)
    template.uploaded_by = user
    template.save()
    detail = {"organization": organization.code, "kind": kind, "name": checked.name, "size": checked.size}
    detail["sha256"] = hashlib.sha256(checked.content).hexdigest()
    record("template.upload", request=request, user=user, target=f"{organization.code}/{kind}", detail=detail)
    return template
