"""Every refusal (403) is written to the security log, whoever produced it: a view, a rule, CSRF."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .log import record


class PermissionDeniedLogMiddleware:
    """Sees the final response, so raised PermissionDenied and returned 403 pages are both counted once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            record("permission.denied", request=request, target=request.path, detail={"method": request.method})
        return response
