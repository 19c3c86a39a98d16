"""Issuing, revoking and checking API tokens — the one place that writes ApiToken rows."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from audit.log import client_ip, record
from organizations.access import memberships
from organizations.enums import Role
from organizations.models import AdministrativeUnit, Membership, Organization

from .models import ApiToken

SECRET_PREFIX = "dt_"


def digest(secret: str) -> str:
    """SHA-256 of the secret: the secret has 256 random bits, so a fast hash is enough and lookups stay cheap."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def may_manage_tokens(user: User, unit: AdministrativeUnit) -> bool:
    """Superusers, and system administrators of this unit or of a unit above it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        m.role == Role.ADMIN and (m.organization.unit_id == unit.pk or unit.is_within(m.organization.unit))
        for m in memberships(user)
    )


def issue(by: User, *, name: str, organization: Organization, can_write: bool = False) -> tuple[ApiToken, str]:
    """A new token and its secret (shown once, never stored).

    Side effects: creates the token's service user (no password, not staff) with the membership
    "upper-level viewer" in `organization` and, if `can_write`, "advising staff"; records
    "token.issued" in the security log.
    """
    if not may_manage_tokens(by, organization.unit):
        raise PermissionDenied("Chỉ quản trị hệ thống của đơn vị mới cấp mã truy cập API.")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    prefix = secret[: len(SECRET_PREFIX) + 8]
    with transaction.atomic():
        user = User(username=f"api-{prefix[len(SECRET_PREFIX) :]}", first_name=name[:150])
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, organization=organization, role=Role.UPPER_VIEWER)
        if can_write:
            Membership.objects.create(user=user, organization=organization, role=Role.ADVISING_STAFF)
        token = ApiToken.objects.create(
            name=name,
            organization=organization,
            can_write=can_write,
            prefix=prefix,
            digest=digest(secret),
            user=user,
            created_by=by,
        )
    record("token.issued", user=by, target=str(token), detail={"token": token.pk, "can_write": can_write})
    return token, secret


def revoke(token: ApiToken, by: User) -> ApiToken:
    """Stop a token for good. Side effects: deactivates its service user; records "token.revoked"."""
    if not may_manage_tokens(by, token.organization.unit):
        raise PermissionDenied("Chỉ quản trị hệ thống của đơn vị mới thu hồi mã truy cập API.")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.revoked_by = by
            token.save(update_fields=["revoked_at", "revoked_by"])
            User.objects.filter(pk=token.user_id).update(is_active=False)
    record("token.revoked", user=by, target=str(token), detail={"token": token.pk})
    return token


def authenticate(secret: str, request: HttpRequest) -> ApiToken | None:
    """The live token with this secret, or None. Side effects: last use (time, address); "token.used" in the log."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = ApiToken.objects.select_related("user", "organization__unit").filter(digest=digest(secret)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=client_ip(request))
    token.last_used_at = now
    record(
        "token.used", request=request, user=token.user, target=str(token), detail={"token": token.pk, "method": request.method}
    )
    return token
