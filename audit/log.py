"""The one way to write the security log: `record("login.failure", request=request, ...)`.

Callers pass what they know; the request gives the address, browser, path and user. A failure to
write the log is itself logged and never breaks the action being recorded.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from .models import SecurityEvent

logger = logging.getLogger("doithoai.audit")


def client_ip(request: HttpRequest | None) -> str | None:
    """The peer address. Behind a proxy, the proxy must set REMOTE_ADDR (see docs: trusted proxy)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    event: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    target: str = "",
    detail: dict | None = None,
    username: str = "",
) -> None:
    """Write one SecurityEvent row (who, when, from which address, what)."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if user is not None and not username:
        username = user.get_username()
    meta = request.META if request is not None else {}
    try:
        with transaction.atomic():  # a savepoint: a failed write leaves the caller's transaction usable
            SecurityEvent.objects.create(
                event=event[:64],
                user=user,
                username=(username or "")[:150],
                ip=client_ip(request),
                user_agent=(meta.get("HTTP_USER_AGENT") or "")[:300],
                path=(request.path if request is not None else "")[:300],
                target=str(target)[:300],
                detail=detail or {},
            )
    except Exception:  # the log must never turn a download or a login into a 500
        logger.exception("security log write failed for %s", event)
