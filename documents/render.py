"""Render a document: the issuer's template (its own, or the built-in one) filled with data, as DOCX bytes.

The body is built as a sub-document (paragraphs and tables) so that any template only needs the
placeholder {{p body }}; text is normalised to NFC so Vietnamese diacritics print correctly.
Templates are uploaded by organisations, so they are filled in Jinja's immutable sandbox with no
globals, a short list of filters and a context of plain strings and lists only (no objects, no
callables): a placeholder can print data, never reach Python (server-side template injection).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
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


def _body(template: DocxTemplate, blocks: list[Block]):
    sub = template.new_subdoc()
    for block in blocks:
        if block.rows:
            table = sub.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for index, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    run = cell.paragraphs[0].add_run(nfc(value))
                    run.font.name, run.font.size, run.bold = FONT, Pt(12), index == 0
            continue
        paragraph = sub.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if block.center else WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_after = Pt(6)
        paragraph.paragraph_format.line_spacing = 1.15
        if not block.center:
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        run = paragraph.add_run(nfc(block.text))
        run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(14), block.bold, block.italic
    return sub


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
            body=Markup(_body(template, content.body)._get_xml()),  # the sub-document's XML, as a plain string
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
