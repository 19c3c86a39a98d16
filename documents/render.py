"""Render a document: the issuer's template (its own, or the built-in one) filled with data, as DOCX bytes.

The body is built as a sub-document (paragraphs and tables) so that any template only needs the
placeholder {{p body }}; text is normalised to NFC so Vietnamese diacritics print correctly.
Templates are uploaded by organisations, so they are filled in Jinja's immutable sandbox with no
globals, a short list of filters and a context of plain strings and lists only (no objects, no
callables): a placeholder can print data, never reach Python (server-side template injection).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .layout import FONT, default_template


class RenderError(Exception):
    """The template cannot be filled; the message is for the administrator."""


@dataclass
class Block:
    text: str = ""
    bold: bool = False
    center: bool = False
    italic: bool = False
    rows: list[list[str]] = field(default_factory=list)  # a table: the first row is the header


@dataclass
class Content:
    heading: str
    summary: str
    body: list[Block]
    greeting: str = ""
    recipients: list[str] = field(default_factory=list)
    archive_line: str = "VT"
    # Header placeholders this document signs with instead of its issuer's (Mẫu 8: two signatures).
    signatures: dict[str, str] = field(default_factory=dict)


def nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text or ""))


# Filters a template may use: formatting of text only.
FILTERS = frozenset({"upper", "lower", "title", "capitalize", "trim", "default", "d", "e", "escape", "length", "first", "last"})
# Tests a template may use in {% if %}.
TESTS = frozenset({"defined", "undefined", "none", "string", "number"})


def sandbox() -> ImmutableSandboxedEnvironment:
    """A fresh sandboxed environment: no globals (no cycler, range, lipsum…), only the listed filters and tests."""
    environment = ImmutableSandboxedEnvironment(autoescape=True)
    environment.globals.clear()
    environment.filters = {name: environment.filters[name] for name in FILTERS}
    environment.tests = {name: environment.tests[name] for name in TESTS}
    return environment


BODY_WIDTH_EMU = 5486400  # the text width python-docx gives a sub-document (6 in); a table's columns share it
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML: dropped from the text
TABLE_PROPERTIES = (
    '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1"'
    ' w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
)


def _run_xml(value, size_pt: int, bold: bool, italic: bool | None = None) -> str:
    """One run of text in the document's font; line breaks and tabs kept, as python-docx writes them."""
    text = escape(CONTROL.sub("", nfc(value).replace("\r\n", "\n").replace("\r", "\n")))
    text = text.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">').replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    style = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/>' + ("<w:b/>" if bold else '<w:b w:val="0"/>')
    if italic is not None:
        style += "<w:i/>" if italic else '<w:i w:val="0"/>'
    return f'<w:r><w:rPr>{style}<w:sz w:val="{size_pt * 2}"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _table_xml(rows: list[list[str]]) -> str:
    """A grid table, the header row bold, 12 pt: the same XML as python-docx's add_table/add_row, built in one pass."""
    columns = len(rows[0])
    width = round(int(BODY_WIDTH_EMU / columns) / 635)  # EMU → twentieths of a point
    grid = f'<w:gridCol w:w="{width}"/>' * columns
    cell = '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="' + str(width) + '"/></w:tcPr><w:p>{}</w:p></w:tc>'
    body = "".join(
        "<w:tr>" + "".join(cell.format(_run_xml(value, 12, number == 0)) for value in [*row, *[""] * columns][:columns])
        + "</w:tr>"
        for number, row in enumerate(rows)
    )
    return f"<w:tbl>{TABLE_PROPERTIES}<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def _paragraph_xml(block: Block) -> str:
    """A body paragraph: 14 pt, justified with a first-line indent, or centred; 6 pt after, line spacing 1.15."""
    indent = "" if block.center else '<w:ind w:firstLine="720"/>'
    align = "center" if block.center else "both"
    properties = f'<w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/>{indent}<w:jc w:val="{align}"/></w:pPr>'
    return f"<w:p>{properties}{_run_xml(block.text, 14, block.bold, block.italic)}</w:p>"


def body_xml(blocks: list[Block]) -> str:
    """The body's paragraphs and tables as WordprocessingML, for the template's {{p body }}.

    Written as text in one pass: python-docx's `add_row().cells` walks the whole table for every row and a
    sub-document opens a fresh DOCX package, so 200 matters took 3 s (issue 16).
    """
    return "".join(_table_xml(block.rows) if block.rows else _paragraph_xml(block) for block in blocks)


def render(template_bytes: bytes, header: dict, content: Content) -> bytes:
    """Fill a template; RenderError when it has a broken placeholder or is not a DOCX file."""
    try:
        template = DocxTemplate(io.BytesIO(template_bytes))
        context = {key: nfc(value) for key, value in header.items()}
        context.update(
            heading=nfc(content.heading),
            summary=nfc(content.summary),
            greeting=nfc(content.greeting),
            recipients=[nfc(r) for r in content.recipients],
            archive_line=nfc(content.archive_line),
            body=Markup(body_xml(content.body)),  # WordprocessingML, escaped piece by piece in body_xml
        )
        template.render(context, jinja_env=sandbox(), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
    except TemplateError as error:
        raise RenderError(f"Mẫu văn bản có lỗi cú pháp ở chỗ đặt dữ liệu: {error}") from error
    except Exception as error:  # a damaged or non-DOCX file raises many kinds of errors
        raise RenderError(f"Không mở được mẫu văn bản (không phải tệp .docx hợp lệ): {error.__class__.__name__}") from error
    return buffer.getvalue()


def built_in(family: str) -> bytes:
    return default_template(family)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """A PDF copy through LibreOffice; RenderError saying so plainly when it is not installed."""
    program = soffice()
    if program is None:
        raise RenderError("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; tải bản DOCX để in.")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "van-ban.docx"
        source.write_bytes(docx)
        subprocess.run(
            [program, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
            check=True,
            capture_output=True,
            timeout=120,
            env={"HOME": folder, "PATH": "/usr/bin:/bin"},
        )
        return (Path(folder) / "van-ban.pdf").read_bytes()
