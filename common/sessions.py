"""Idle and absolute session timeouts (ASVS V3.3): a forgotten browser does not stay logged in.

SESSION_IDLE_TIMEOUT (seconds without a request) and SESSION_ABSOLUTE_TIMEOUT (seconds since the
session began). When either passes, the user is logged out and told why; the request then goes on
as anonymous, so protected pages send them to the login page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from audit.log import record

LAST_SEEN = "_doithoai_last_seen"
STARTED = "_doithoai_started"
# The last-seen time is rewritten at most this often, to spare a session write on every request.
TOUCH_EVERY = 30


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = int(time.time())
        started = session.get(STARTED)
        last_seen = session.get(LAST_SEEN)
        idle = started is not None and last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT
        too_old = started is not None and now - started > settings.SESSION_ABSOLUTE_TIMEOUT
        if idle or too_old:
            record("session.expired", request=request, detail={"reason": "idle" if idle else "absolute"})
            logout(request)
            messages.info(request, _("Your session has expired. Please log in again."))
            return
        if started is None:
            session[STARTED] = now
        if last_seen is None or now - last_seen >= TOUCH_EVERY:
            session[LAST_SEEN] = now
