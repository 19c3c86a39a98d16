"""The REST API under /api/v1/: schema at /api/v1/openapi.json, readable docs at /api/v1/docs.

Callers are people with their session (changes need the CSRF token) or machine clients with an
API token (api/auth.py). Errors are JSON objects with a Vietnamese `message`; bad input is 400,
never 500.
"""

from django.http import HttpRequest
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from api.auth import BearerToken, CookieSession
from api.errors import describe
from common.throttle import too_many_requests
from conference.api import router as conference_router
from convening.api import router as convening_public_router
from dialogues.api import router as dialogues_router
from petitions.api import router as petitions_router
from portal.api import router as public_router
from reports.api import router as reports_router
from supervision.api import router as supervision_router
from workdays.api import router as workdays_router


class VietnameseJSONRenderer(JSONRenderer):
    """Vietnamese text as it is (UTF-8), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=VietnameseJSONRenderer(),
    title="Đối thoại API",
    version="1",
    description="API của hệ thống Đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân.",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=[BearerToken(), CookieSession()],
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError):
    return api.create_response(request, describe(exc.errors), status=400)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)


@api.exception_handler(Ratelimited)
def rate_limited(request: HttpRequest, exc: Ratelimited):
    """Over a per-address limit (the public opinion and tracking endpoints): 429 with a Vietnamese message."""
    return too_many_requests(request, exc)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, {"message": "Cần đăng nhập để dùng chức năng này."}, status=401)


api.add_router("/workdays", workdays_router)
api.add_router("/dialogues", dialogues_router)
api.add_router("/conference", conference_router)
api.add_router("/petitions", petitions_router)
api.add_router("/reports", reports_router)
api.add_router("/supervision", supervision_router)
api.add_router("/public", public_router)  # the People's side: no login (portal/api.py)
api.add_router("/public/convening-requests", convening_public_router)  # no login (convening/api.py)
