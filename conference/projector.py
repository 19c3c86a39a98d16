"""The hall screen's read-only link: an unguessable token per dialogue, so the projector needs no staff login.

The token is an HMAC of the dialogue's id under SECRET_KEY: nobody can derive it without the key, and it
only opens the public hall screen (initials, topics, timer) — never personal data.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "conference.projector"


def token(dialogue_pk: int) -> str:
    return salted_hmac(SALT, str(dialogue_pk), algorithm="sha256").hexdigest()[:32]


def is_valid(dialogue_pk: int, given: str) -> bool:
    return constant_time_compare(token(dialogue_pk), given or "")


def url(dialogue_pk: int) -> str:
    """The projector's path for this dialogue (share it with whoever runs the hall's screen)."""
    return reverse("conference:projector", kwargs={"pk": dialogue_pk, "token": token(dialogue_pk)})
