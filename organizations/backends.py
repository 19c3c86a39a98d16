"""Signing in with Django's ModelBackend, reading the user's memberships in the same query as the user.

Every logged-in request needs the user the session names and their memberships (roles, scope, the two-factor
rule: organizations.access). ModelBackend read them in two queries; this backend reads the memberships joined to
their user, organisation, unit and kind, and keeps them on the user for the request: one query (issue 16, intake).
"""

from __future__ import annotations

from django.contrib.auth import backends
from django.contrib.auth.models import User

from common.prepared import PreparedRead

from .access import keep_memberships, memberships_query

# Its SQL is built once per database (common.prepared): building it cost more than running it.
_memberships_with_user = PreparedRead(lambda user_id: memberships_query().filter(user_id=user_id).select_related("user"))


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: int | str) -> User | None:
        try:
            key = int(user_id)
        except (TypeError, ValueError):  # a session from another user model: nobody
            return None
        rows = _memberships_with_user(key)
        if not rows:  # no membership (an operator, a new account): the user alone, as ModelBackend reads it
            user = super().get_user(user_id)
            return keep_memberships(user, []) if user is not None else None
        user = rows[0].user
        for row in rows:
            row.user = user
        return keep_memberships(user, rows) if self.user_can_authenticate(user) else None
