"""Small real files for upload tests, built in memory (no binary fixtures in the tree)."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from docx import Document
from openpyxl import Workbook

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx(text: str = "Kính gửi: Ủy ban nhân dân phường") -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Số điện thoại"])
    workbook.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=4)  # the 200 MB bomb takes seconds to build
def office_zip(main: str = DOCX_MAIN, members: int = 1, inflated: int = 0) -> bytes:
    """A ZIP that claims to be a Word file: optional many members, or one member inflating to `inflated` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{main}"/></Types>',
        )
        for number in range(members):
            archive.writestr(f"word/part{number}.xml", "<w:document/>")
        if inflated:
            with archive.open("word/document.xml", "w", force_zip64=True) as member:
                chunk = b"\x00" * (1024 * 1024)
                for _ in range(inflated // len(chunk)):
                    member.write(chunk)
    return buffer.getvalue()
