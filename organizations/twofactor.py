"""Two-factor authentication (TOTP) is required for administrators (ASVS V2.8).

Who must use it: superusers and anyone with an administrator role, when REQUIRE_2FA_FOR_ADMINS is
on (default: whenever DEBUG is off). After the password, such a user reaches no page but the
verification page (or, without a device yet, the account security page to set one up) and logout.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .access import roles
from .enums import Role


def must_use_2fa(user) -> bool:
    """Is this signed-in user required to pass a second factor?"""
    if not settings.REQUIRE_2FA_FOR_ADMINS or not user.is_authenticated:
        return False
    return user.is_superuser or Role.ADMIN in roles(user)


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


class TwoFactorRequiredMiddleware:
    """Sends an administrator who has not passed the second factor to verify it (or to set it up)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or is_verified(user) or not must_use_2fa(user):
            return self.get_response(request)
        has_device = user_has_device(user)
        allowed = {reverse("logout"), reverse("accounts:verify" if has_device else "accounts:security")}
        if request.path in allowed:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"message": _("Two-factor verification is required for administrators.")}, status=403)
        target = reverse("accounts:verify" if has_device else "accounts:security")
        return redirect(f"{target}?next={quote(request.get_full_path())}")
