"""Per-address rate limits (django-ratelimit on the default cache) and the 429 answer.

`per_address("RATELIMIT_TRACKING")` limits a view to the rate named by that setting (read on each
request, so deployments and tests can change it). Over the limit, RatelimitMiddleware calls
`too_many_requests`: a Vietnamese page in the site's look, or JSON with `message` under /api/.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit import ALL, UNSAFE
from django_ratelimit.decorators import ratelimit

from audit.log import record


def per_address(setting: str, *, only_writes: bool = False) -> Callable:
    """Decorate a view: at most settings.<setting> ("20/m") requests per client address."""

    def rate(group: str, request: HttpRequest) -> str:
        return getattr(settings, setting)

    return ratelimit(key=client_address, rate=rate, method=UNSAFE if only_writes else ALL, block=True)


def client_address(group: str, request: HttpRequest) -> str:
    """The address the counter is kept for; a request without one (a WSGI test client) shares one bucket, never a 500."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The answer to a request over its limit (status 429), written to the security log."""
    record("ratelimit.exceeded", request=request, target=request.path)
    message = _("Too many requests from your address. Please wait a minute and try again.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"message": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response
