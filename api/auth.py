"""Who is calling the API: a machine client with `Authorization: Bearer <token>`, or a person's session.

A session cookie is sent by the browser on cross-site requests too, so requests that change
data through a session need the CSRF token (header X-CSRFToken, as Django's forms use); without
it they get 403 and nothing is written. A bearer token is not sent by the browser on its own, so
token requests need no CSRF token; a read-only token is refused every method that changes data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from . import tokens

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerToken(HttpBearer):
    """`Authorization: Bearer dt_…`; the request then acts as the token's service user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.authenticate(token, request)
        if found is None:
            raise HttpError(401, "Mã truy cập API không đúng hoặc đã bị thu hồi.")
        if request.method not in SAFE_METHODS and not found.can_write:
            raise HttpError(403, "Mã truy cập API này chỉ được đọc dữ liệu.")
        request.user = found.user
        return found.user


class CookieSession(APIKeyCookie):
    """The logged-in person's session; changing data also needs the CSRF token."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if request.user.is_authenticated and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "Thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang rồi thử lại.")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None
