"""Render a kind's text in a sandbox: administrators edit the templates, so a template must not reach code.

Two walls: Jinja's ImmutableSandboxedEnvironment (no underscore attributes, no mutating or `alters_data`
calls, no globals), and a context of plain values only — strings, numbers, booleans, and dicts and lists of
them — built here from what the domain passed (`plain`). A model never reaches a template, so neither
`recipient.password` nor `case.delete` exists there. A stored template that fails falls back to the default.
"""

from __future__ import annotations

import datetime
import functools
import logging
from typing import Any

from django.db import models
from jinja2 import ChainableUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .kinds import KINDS

logger = logging.getLogger("doithoai.notifications")

# What a template may read of an object the domain passes: these attributes, as plain values.
READABLE = ("summary", "name", "title", "date", "issued_on", "settled", "unsettled", "status", "venue", "tracking_code")
MAX_OUTPUT = 20_000


class TemplateInvalid(ValueError):
    """A template an administrator wrote that cannot be used; the message is Vietnamese."""


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(autoescape=False, undefined=ChainableUndefined, keep_trailing_newline=False)
    env.globals.clear()  # no range/lipsum/cycler/joiner/namespace/dict
    return env


ENVIRONMENT = _environment()


def plain(value: Any, depth: int = 0) -> Any:
    """A value a template may see: dates as dd/mm/yyyy, objects as dicts of their READABLE attributes."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if depth > 3:
        return str(value)
    if isinstance(value, dict):
        return {str(key): plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item, depth + 1) for item in value]
    if isinstance(value, models.Model):
        found: dict[str, Any] = {"name": _name(value)}
        for attribute in READABLE:
            if attribute != "name" and _has_field(value, attribute):
                found[attribute] = plain(getattr(value, attribute), depth + 1)
        if _has_field(value, "unit"):
            found["unit_name"] = str(getattr(value, "unit", "") or "")
        return found
    return str(value)


def _has_field(instance: models.Model, attribute: str) -> bool:
    try:
        instance._meta.get_field(attribute)
    except Exception:  # FieldDoesNotExist: not a field of this model
        return False
    return True


def _name(instance: models.Model) -> str:
    if hasattr(instance, "get_full_name"):  # a user: the full name, nothing else of the account
        return instance.get_full_name() or instance.get_username()
    name = getattr(instance, "name", None) if _has_field(instance, "name") else None
    return str(name if name is not None else instance)


@functools.lru_cache(maxsize=256)
def _compiled(source: str):
    """Compiling is the costly part of rendering: each distinct text is compiled once per process."""
    return ENVIRONMENT.from_string(source)


def _render_text(source: str, context: dict) -> str:
    text = _compiled(source).render(context)
    return text[:MAX_OUTPUT]


def render_parts(subject: str, body: str, context: dict) -> tuple[str, str]:
    """(subject, body) of these template texts over `context` (made plain here); raises TemplateError."""
    values = plain(context)
    title = " ".join(_render_text(subject, values).split())[:300]
    return title, _render_text(body, values).strip()


def stored(kind: str) -> tuple[str, str]:
    """The administrator's text of a kind, else the default (kinds.py)."""
    from .models import MessageTemplate

    row = MessageTemplate.objects.filter(kind=kind).values_list("subject", "body").first()
    if row is not None:
        return row
    default = KINDS[kind]
    return default.subject, default.body


def seed_templates(model=None) -> int:
    """Write the default text of each kind that has no stored text yet (the migration and tests call it)."""
    if model is None:
        from .models import MessageTemplate as model
    have = set(model.objects.values_list("kind", flat=True))
    missing = [model(kind=k.code, subject=k.subject, body=k.body) for k in KINDS.values() if k.code not in have]
    model.objects.bulk_create(missing)
    return len(missing)


def render(kind: str, context: dict) -> tuple[str, str]:
    """(subject, body) of a kind; a stored template that fails to render is logged and the default used."""
    subject, body = stored(kind)
    try:
        return render_parts(subject, body, context)
    except TemplateError as error:  # SecurityError is a TemplateError too
        logger.warning("notification template %s failed, default used: %s", kind, error)
        default = KINDS[kind]
        return render_parts(default.subject, default.body, context)


SAMPLE = {
    "recipient": {"name": "Hoàng Anh Tuấn"},
    "case": {"summary": "Đề nghị nạo vét mương thoát nước tổ 5", "status": "assigned"},
    "agency": {"name": "Phòng Kinh tế, Hạ tầng và Đô thị"},
    "dialogue": {"title": "Hội nghị đối thoại năm 2026", "date": "10/12/2026", "unit_name": "Phường Hồng An", "venue": ""},
    "notice": {"issued_on": "20/12/2026", "settled": 3, "unsettled": 2},
    "due": "07/05/2026",
    "days": 3,
    "rule": "07 ngày làm việc sau thông báo kết luận (003 Điều 10.2)",
    "citation": "003 Điều 10.1",
}


def validate(subject: str, body: str) -> None:
    """Refuse (TemplateInvalid, Vietnamese) a template that does not parse or breaks the sandbox on a sample."""
    if not (subject or "").strip():
        raise TemplateInvalid("Tiêu đề mẫu không được để trống.")
    try:
        render_parts(subject, body, SAMPLE)
    except TemplateError as error:
        raise TemplateInvalid(f"Mẫu không dùng được: {error}"[:500]) from None
