"""Named people and tokens for the API tests (the demo's units, organisations and logins)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from api import tokens
from organizations.models import Organization

CSRF = "K" * 32  # a well-formed CSRF secret; the test sets it as the cookie and sends it as the header


def user(username: str) -> User:
    return User.objects.get(username=username)


def session_client(username: str) -> Client:
    """A browser that enforces CSRF like a real one, logged in as `username`."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user(username))
    return client


def with_csrf(client: Client) -> dict:
    """The cookie and header a page of the site would give its own scripts."""
    client.cookies["csrftoken"] = CSRF
    return {"HTTP_X_CSRFTOKEN": CSRF}


def token_for(org_code: str, *, can_write: bool = False, name: str = "Phần mềm theo dõi của Thành ủy") -> tuple:
    """A token issued by the demo administrator (quantri, admin of Hải Phòng) and its secret."""
    return tokens.issue(user("quantri"), name=name, organization=Organization.objects.get(code=org_code), can_write=can_write)


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def petition_payload(unit: str = "31-HONGAN", **overrides) -> dict:
    data = {"unit": unit, "content": "Đề nghị lắp đèn chiếu sáng ngõ 5", "channel": "front"}
    data.update(overrides)
    return data
