"""Sessions in the database, as Django's `db` engine, with the lookup's SQL built once (common.prepared).

Every logged-in request reads its session; Django builds that query's SQL again each time, which cost about a
tenth of an opinion's intake (issue 16, docs/quy-mo.md). Same table, same stored form, same rule: a session
whose expiry date has passed is not loaded (compared here rather than in SQL, so the SQL holds no clock value).
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .prepared import TEXT_MARKER, PreparedRead

_by_key = PreparedRead(lambda key: Session.objects.filter(session_key=key), marker=TEXT_MARKER)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        found = _by_key(key) if key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None  # as Django's: a missing or expired session is a new, empty one
        return None
