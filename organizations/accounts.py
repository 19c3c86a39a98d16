"""Account security pages: login (rate-limited, lockout), second-factor check, and "Bảo mật tài khoản".

The password check is Django's; django-axes refuses locked-out accounts before it and counts
failures; the audit signals log every success and failure. TOTP devices come from django-otp
(otp_totp), recovery codes from otp_static; the QR code is inline SVG made by segno (no script).
"""

from __future__ import annotations

import datetime
from base64 import b32encode

import segno
from axes.helpers import get_cool_off
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.log import record
from common.throttle import per_address

from .security_log import may_read_log
from .twofactor import must_use_2fa

RECOVERY_CODES = 10
TEMPLATES = "organizations/accounts"


@method_decorator(per_address("RATELIMIT_LOGIN", only_writes=True), name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's login, limited per address; lockouts are answered by `lockout_response`."""


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page again, saying the account is locked and when to try again (status 429)."""
    cool_off = get_cool_off(request) or datetime.timedelta(0)
    until = timezone.localtime(timezone.now() + cool_off)
    message = _(
        "This account is temporarily locked after too many failed logins. Try again after %(time)s "
        "(in %(minutes)s minutes), or ask an administrator to unlock it."
    ) % {"time": date_format(until, "H:i d/m/Y"), "minutes": int(cool_off.total_seconds() // 60)}
    form = AuthenticationForm(request)
    context = {"form": form, "lockout_message": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Code"), max_length=16, strip=True)

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "").lower()


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _match(user, token: str):
    """The device this code belongs to: six digits are a TOTP code, anything else a recovery code."""
    model = TOTPDevice if token.isdigit() else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


@login_required
@per_address("RATELIMIT_LOGIN", only_writes=True)
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Second step of login: a code from the authenticator app, or one recovery code (used once)."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _match(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            record("2fa.success", request=request, detail={"kind": "recovery" if isinstance(device, StaticDevice) else "totp"})
            return redirect(_safe_next(request))
        record("2fa.failure", request=request)
        form.add_error("token", _("The code is not correct or has expired. Please try again."))
    status = 400 if request.method == "POST" else 200
    return render(request, f"{TEMPLATES}/verify.html", {"form": form, "next": _safe_next(request)}, status=status)


def _qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for the authenticator app"))


@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """Bảo mật tài khoản: set up TOTP, turn it off (unless required), make recovery codes (shown once)."""
    user = request.user
    action = request.POST.get("action", "")
    form = TokenForm(request.POST if action in {"confirm", "disable"} else None)
    context: dict = {"required": must_use_2fa(user), "may_read_log": may_read_log(user)}
    status = 200
    if request.method == "POST":
        if action == "start":
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
            return redirect("accounts:security")
        if action == "confirm" and form.is_valid():
            device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
            if device is not None and device.verify_token(form.cleaned_data["token"]):
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                otp_login(request, device)
                record("2fa.enabled", request=request)
                messages.success(request, _("Two-factor authentication is on. Keep your recovery codes in a safe place."))
                context["codes"] = _new_recovery_codes(request)
            else:
                form.add_error("token", _("The code is not correct or has expired. Please try again."))
                status = 400
        elif action == "disable" and form.is_valid():
            if context["required"]:
                form.add_error("token", _("Administrators must keep two-factor authentication on."))
                status = 400
            elif _match(user, form.cleaned_data["token"]) is None:
                form.add_error("token", _("The code is not correct or has expired. Please try again."))
                status = 400
            else:
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user).delete()
                    StaticDevice.objects.filter(user=user).delete()
                record("2fa.disabled", request=request)
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("accounts:security")
        elif action == "codes" and TOTPDevice.objects.filter(user=user, confirmed=True).exists() and user.is_verified():
            context["codes"] = _new_recovery_codes(request)
        elif action not in {"confirm", "disable"}:
            messages.error(request, _("This action is not available."))
            return redirect("accounts:security")
        else:
            status = 400
    active = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    pending = None if active else TOTPDevice.objects.filter(user=user, confirmed=False).first()
    context.update(
        active=active,
        pending=pending,
        qr_svg=_qr_svg(pending) if pending else "",
        secret=b32encode(pending.bin_key).decode() if pending else "",
        recovery_left=StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
        form=form,
    )
    return render(request, f"{TEMPLATES}/security.html", context, status=status)


def _new_recovery_codes(request: HttpRequest) -> list[str]:
    """Replace the user's recovery codes with ten new ones; the caller shows them once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=request.user).delete()
        device = StaticDevice.objects.create(user=request.user, name=_("Recovery codes"), confirmed=True)
        codes = [StaticToken.random_token() for _unused in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record("2fa.recovery_codes", request=request)
    return codes
