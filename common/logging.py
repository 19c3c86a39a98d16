"""Structured request logging: one line per request (id, method, path, status, duration, user id).

The request id comes from a trusted proxy's X-Request-ID header when it looks like one, otherwise it is new;
it is echoed in the response and attached (RequestContextFilter) to every log record written during the
request, so a domain event (an import, an issued document, a failed job) can be traced to the request.
The path is logged without its query string, which may hold search terms such as a petitioner's name.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("doithoai.request")
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
QUIET_PATH = "/healthz"  # the load balancer asks every few seconds: only its failures are logged


def current_request_id() -> str:
    """The id of the request being served in this thread or task ('' outside a request)."""
    return REQUEST_ID.get()


class RequestContextFilter(logging.Filter):
    """Adds `request_id` to every record, so formatters can always name it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = REQUEST_ID.get()
        return True


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)  # set by the authentication middleware, if the request got that far
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    """Outermost middleware: times the request and writes its line, even when a later layer answers early."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = REQUEST_ID.set(request_id)
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            if not (request.path == QUIET_PATH and status == 200):
                _log(request, request_id, status, duration_ms)
            REQUEST_ID.reset(token)


def _log(request: HttpRequest, request_id: str, status: int, duration_ms: float) -> None:
    logger.info(
        "%s %s %s %sms",
        request.method,
        request.path,
        status,
        duration_ms,
        extra={
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "status": status,
            "duration_ms": duration_ms,
            "user_id": _user_id(request),
        },
    )
