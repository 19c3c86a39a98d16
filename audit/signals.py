"""Logins, failures, logouts and lockouts go to the security log through the auth and axes signals."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .log import record


@receiver(user_logged_in, dispatch_uid="audit.login.success")
def _logged_in(sender, request, user, **kwargs) -> None:
    record("login.success", request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit.login.failure")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")
    locked = bool(getattr(request, "axes_locked_out", False))
    record("login.failure", request=request, username=username, detail={"locked_out": locked} if locked else None)


@receiver(user_logged_out, dispatch_uid="audit.logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record("logout", request=request, user=user)


@receiver(user_locked_out, dispatch_uid="audit.login.lockout")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    record("login.lockout", request=request, username=str(username or ""))
