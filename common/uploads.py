"""The one check every uploaded file passes before anything is written (OWASP ASVS V12).

The content decides the type, not the name: puremagic names the candidates, and our own structural
checks confirm them (a PDF starts with "%PDF-", a DOCX/XLSX is a ZIP whose [Content_Types].xml names
the Word/Excel main part and no macros, a CSV is UTF-8 text without NUL). Office files are ZIPs, so
the member count and the unpacked size are bounded (zip bomb). The name keeps Vietnamese letters but
loses any path, control character or odd symbol. Then ClamAV scans it when configured.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError

# kind → (content type, extensions accepted in the name, label in messages)
KINDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "pdf": ("application/pdf", (".pdf",), "PDF"),
    "png": ("image/png", (".png",), "PNG"),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg"), "JPEG"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "Word (.docx)"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), "Excel (.xlsx)"),
    "csv": ("text/csv", (".csv",), "CSV (UTF-8)"),
}
SCANS = frozenset({"pdf", "png", "jpeg"})
ATTACHMENTS = frozenset({"pdf", "png", "jpeg", "docx", "xlsx"})
TEMPLATES = frozenset({"docx"})
TABLES = frozenset({"xlsx", "csv"})

# The main part each Office kind must declare in [Content_Types].xml.
OFFICE_MAIN = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
MACROS = (b"vbaProject", b"macroEnabled", b"activeX")
MAX_NAME = 120


class UploadRejected(ValidationError):
    """The file is refused; the message is Vietnamese and says why."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content: bytes
    kind: str
    content_type: str
    size: int


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def labels(allowed: frozenset[str]) -> str:
    return ", ".join(label for kind, (_type, _ext, label) in KINDS.items() if kind in allowed)


def clean_name(name: str) -> str:
    """The last path part only, NFC, no control or special characters, at most MAX_NAME characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", re.sub(r"[^\w\s.,()+\-]", "_", name)).strip(" ._") or "tep"
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10 or not stem:
        return name[:MAX_NAME]
    return f"{stem[: MAX_NAME - len(suffix) - 1]}.{suffix}"


def _read(file, limit: int) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file[: limit + 1])
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(limit + 1)


def _candidates(content: bytes) -> set[str]:
    try:
        return {match.extension.lower() for match in puremagic.magic_string(content)}
    except puremagic.PureError:
        return set()


def _office(content: bytes) -> str | None:
    """"docx" or "xlsx" for a sound, macro-free Office file within the limits; UploadRejected otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UploadRejected("Tệp Office bị hỏng (không đọc được nội dung nén).") from error
    if len(members) > _setting("UPLOAD_MAX_MEMBERS", 1000):
        raise UploadRejected("Tệp Office có quá nhiều thành phần bên trong; không nhận.")
    unpacked = sum(member.file_size for member in members)
    if unpacked > _setting("UPLOAD_MAX_UNPACKED_BYTES", 100 * 1024 * 1024):
        raise UploadRejected("Tệp Office khi giải nén quá lớn (nghi là tệp nén độc hại); không nhận.")
    for member in members:
        if member.flag_bits & 0x1 or member.filename.startswith(("/", "\\")) or ".." in member.filename.split("/"):
            raise UploadRejected("Tệp Office có thành phần được mã hóa hoặc đường dẫn lạ; không nhận.")
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names:
        return None
    types = archive.read("[Content_Types].xml")
    if any(marker in types for marker in MACROS) or any("vbaProject" in name for name in names):
        raise UploadRejected("Tệp Office có macro; chỉ nhận tệp .docx/.xlsx không có macro.")
    return next((kind for kind, main in OFFICE_MAIN.items() if main in types), None)


def _csv(content: bytes, candidates: set[str]) -> bool:
    if b"\x00" in content or (candidates - {"", ".txt", ".csv", ".text"}):
        return False
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def sniff(content: bytes, allowed: frozenset[str]) -> str | None:
    """The kind the content really is (among the known kinds), or None."""
    candidates = _candidates(content)
    if content.startswith(b"%PDF-") and ".pdf" in candidates:
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n") and ".png" in candidates:
        return "png"
    if content.startswith(b"\xff\xd8\xff") and candidates & {".jpg", ".jpeg", ".jfif"}:
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        return _office(content) if allowed & OFFICE_MAIN.keys() else None
    if "csv" in allowed and _csv(content, candidates):
        return "csv"
    return None


def check_upload(file, *, allowed: frozenset[str], max_bytes: int | None = None, name: str | None = None) -> CheckedUpload:
    """Check an uploaded file (a Django UploadedFile, any file object, or bytes with `name`).

    Returns its sanitised name, content and real kind; raises UploadRejected (nothing is written).
    """
    from . import antivirus

    limit = max_bytes or _setting("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
    name = name if name is not None else getattr(file, "name", "") or ""
    content = _read(file, limit)
    if not content:
        raise UploadRejected("Tệp trống.")
    if len(content) > limit:
        raise UploadRejected(f"Tệp lớn hơn {limit // (1024 * 1024) or 1} MB; không nhận.")
    kind = sniff(content, allowed)
    if kind not in allowed:
        raise UploadRejected(f"Nội dung tệp không phải loại được nhận (chỉ nhận: {labels(allowed)}).")
    content_type, extensions, _label = KINDS[kind]
    if re.search(r"[/\\]|^\.\.?$", name):
        raise UploadRejected("Tên tệp không được chứa đường dẫn thư mục; hãy đổi tên tệp rồi tải lên lại.")
    clean = clean_name(name)
    if not clean.lower().endswith(extensions):  # the content decides: "anh.pdf" holding a PNG becomes "anh.png"
        stem = clean.rpartition(".")[0] if "." in clean else clean
        clean = clean_name(stem[: MAX_NAME - 6] + extensions[0])
    antivirus.check(content)
    return CheckedUpload(name=clean, content=content, kind=kind, content_type=content_type, size=len(content))
