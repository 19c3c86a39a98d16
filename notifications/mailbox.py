"""The mails the embedded default wrote to var/mail/ (Django's file backend), read back for the administrator.

One file holds every mail of one SMTP-less session (a poller pass), separated by a line of 79 dashes.
File names are checked against the folder's own listing, so no path outside it can be asked for.
"""

from __future__ import annotations

import email
import email.policy
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .channels import HEADER

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@dataclass
class MailFile:
    name: str
    size: int
    modified: float


@dataclass
class Mail:
    subject: str
    to: str
    date: str
    body: str
    notification_id: int | None


def folder() -> Path | None:
    path = getattr(settings, "EMAIL_FILE_PATH", "")
    return Path(path) if path and Path(path).is_dir() else None


def files() -> list[MailFile]:
    """The mail files, newest first (the folder is listed, nothing is read)."""
    where = folder()
    if where is None:
        return []
    found = [
        MailFile(entry.name, entry.stat().st_size, entry.stat().st_mtime)
        for entry in os.scandir(where)
        if entry.is_file() and entry.name.endswith(".log")
    ]
    return sorted(found, key=lambda item: (item.modified, item.name), reverse=True)


def open_file(name: str) -> list[Mail] | None:
    """The mails of one file of the folder, or None when no such file is listed there."""
    where = folder()
    if where is None or name not in {item.name for item in files()}:
        return None
    raw = (where / name).read_bytes()
    return [_parse(part) for part in raw.split(SEPARATOR) if part.strip()]


def _parse(raw: bytes) -> Mail:
    message = email.message_from_bytes(raw.lstrip(b"\n"), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
    try:
        content = body.get_content() if body is not None else ""
    except (KeyError, LookupError):
        content = str(body.get_payload()) if body is not None else ""
    number = str(message.get(HEADER, "") or "")
    return Mail(
        subject=str(message.get("Subject", "")),
        to=str(message.get("To", "")),
        date=str(message.get("Date", "")),
        body=content,
        notification_id=int(number) if number.isdigit() else None,
    )
