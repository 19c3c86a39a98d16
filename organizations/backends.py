"""Signing in with Django's ModelBackend, reading the user's memberships in the same query as the user.

Every logged-in request needs the user the session names and their memberships (roles, scope, the two-factor
rule: organizations.access). ModelBackend read them in two queries; this backend reads the memberships joined to
their user, organisation, unit and kind, and keeps them on the user for the request: one query (issue 16, intake).
"""

from __future__ import annotations

from django.contrib.auth import backends
from django.contrib.auth.models import User

from .access import keep_memberships, memberships_query


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: int | str) -> User | None:
        rows = list(memberships_query().filter(user_id=user_id).select_related("user"))
        if not rows:  # no membership (an operator, a new account): the user alone, as ModelBackend reads it
            user = super().get_user(user_id)
            return keep_memberships(user, []) if user is not None else None
        user = rows[0].user
        for row in rows:
            row.user = user
        return keep_memberships(user, rows) if self.user_can_authenticate(user) else None
