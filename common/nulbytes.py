"""Refuse NUL bytes in query strings and form fields, for every screen at once.

PostgreSQL cannot store the NUL character, so a NUL typed into any field that reaches the database
would be a 500. Django's form fields already refuse it, but some screens read request.POST
directly; this middleware answers 400 with a Vietnamese message before any view runs. JSON bodies
are checked by the API schemas (common/api_types.py); uploaded files are not form fields and pass.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "Dữ liệu gửi lên có ký tự NUL (\\x00) không được phép; hãy xóa ký tự đó rồi gửi lại."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_nul(request: HttpRequest) -> bool:
    """Does any query parameter or form field (name or value) contain a NUL byte?"""
    if "\x00" in request.path:
        return True
    sources = [request.GET]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        sources.append(request.POST)
    return any("\x00" in key or any("\x00" in value for value in values) for source in sources for key, values in source.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"message": MESSAGE}, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
