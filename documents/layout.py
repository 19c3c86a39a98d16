"""The default DOCX template of each issuer family, built with python-docx and filled by docxtpl.

State bodies follow Nghị định 30/2020/NĐ-CP Phụ lục I; Party bodies Hướng dẫn 36-HD/VPTW (2018):
A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; the two-column header
(issuing body and number left, national or Party motto and place-date right), the bold title, the
body, and the recipients and signature blocks. Administrators download this template, adjust it in
Word, and upload it back for their organisation; the placeholders are listed in PLACEHOLDERS.
"""

from __future__ import annotations

import functools
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"

PLACEHOLDERS = {
    "superior_body": "Cơ quan cấp trên (chữ in hoa), có thể để trống",
    "issuer_name": "Tên cơ quan ban hành (chữ in hoa)",
    "number_line": "Số và ký hiệu, ví dụ “Số 15-TB/ĐU” hoặc “Số: 08/TB-UBND”",
    "place_date": "Địa danh, ngày tháng năm, ví dụ “Hồng An, ngày 05 tháng 01 năm 2026”",
    "heading": "Tên loại văn bản (KẾ HOẠCH, THÔNG BÁO…), có thể trống với công văn",
    "summary": "Trích yếu nội dung",
    "greeting": "Nơi gửi sau chữ “Kính gửi”, có thể trống",
    "body": "Nội dung (dùng {{p body }} trong một đoạn riêng)",
    "recipients": "Danh sách nơi nhận (vòng lặp {%p for r in recipients %}…{%p endfor %})",
    "sign_authority": "Thẩm quyền ký, ví dụ “T/M BAN THƯỜNG VỤ”, “TM. ỦY BAN NHÂN DÂN”, “KT. CHỦ TỊCH”",
    "sign_title": "Chức vụ người ký, ví dụ “BÍ THƯ”, “PHÓ CHỦ TỊCH”",
    "signer": "Họ và tên người ký",
    "second_sign_title": "Chữ ký thứ hai ở cột trái thay cho nơi nhận (biên bản: “NGƯỜI GHI BIÊN BẢN”), thường trống",
    "second_signer": "Họ và tên người ký thứ hai",
    "archive_line": "Nơi lưu sau chữ “Lưu:”, ví dụ “VT”",
}
# Placeholders that are lists, used only as `{%p for r in recipients %}`; inside the loop `loop.index`… too.
LISTS = frozenset({"recipients"})
LOOP_FIELDS = frozenset({"index", "index0", "first", "last", "length", "revindex"})


def placeholders_for(kind: str) -> dict[str, str]:
    """The placeholders a template of this kind may use (every kind is filled with the same header and
    content today; the function is the one place to change should a kind get its own)."""
    return PLACEHOLDERS


def _font(run, size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _line(cell_or_doc, text: str, size: float, *, bold=False, italic=False, underline=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), size, bold, italic, underline)
    return paragraph


def _no_borders(table) -> None:
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


@functools.lru_cache(maxsize=4)
def default_template(family: str) -> bytes:
    """The template for "party" or "state" issuers (the Front and others use the State layout).

    Built once per process (python-docx takes a sixth of a second to lay it out); the bytes are never changed.
    """
    party = family == "party"
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    left.paragraphs[0]._element.getparent().remove(left.paragraphs[0]._element)
    right.paragraphs[0]._element.getparent().remove(right.paragraphs[0]._element)
    size = 14 if party else 13
    _line(left, "{{ superior_body }}", size)
    _line(left, "{{ issuer_name }}", size, bold=True)
    _line(left, "*" if party else "‾‾‾‾‾‾‾‾", size)
    _line(left, "{{ number_line }}", size)
    if party:
        _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, underline=True)
        _line(right, "", 14)
    else:
        _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
        _line(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, underline=True)
    _line(right, "{{ place_date }}", 14, italic=True)

    _line(document, "", 14)
    _line(document, "{%p if heading %}", 14)
    _line(document, "{{ heading }}", 16 if party else 14, bold=True)
    _line(document, "{%p endif %}", 14)
    _line(document, "{{ summary }}", 14 if party else 14, bold=True)
    _line(document, "{%p if greeting %}", 14)
    _line(document, "Kính gửi: {{ greeting }}", 14)
    _line(document, "{%p endif %}", 14)
    _line(document, "{{p body }}", 14, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    recipients, signer = signature.rows[0].cells
    recipients.paragraphs[0]._element.getparent().remove(recipients.paragraphs[0]._element)
    signer.paragraphs[0]._element.getparent().remove(signer.paragraphs[0]._element)
    # Minutes (Mẫu 8) are signed by the secretary on the left instead of listing recipients.
    _line(recipients, "{%p if second_sign_title %}", 14)
    _line(recipients, "{{ second_sign_title }}", 14, bold=True)
    for _ in range(4):
        _line(recipients, "", 14)
    _line(recipients, "{{ second_signer }}", 14, bold=True)
    _line(recipients, "{%p else %}", 14)
    _line(recipients, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(recipients, "{%p for r in recipients %}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(recipients, "- {{ r }},", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(recipients, "{%p endfor %}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(recipients, "- Lưu: {{ archive_line }}.", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(recipients, "{%p endif %}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(signer, "{{ sign_authority }}", 14, bold=True)
    _line(signer, "{{ sign_title }}", 14, bold=True)
    for _ in range(4):
        _line(signer, "", 14)
    _line(signer, "{{ signer }}", 14, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
