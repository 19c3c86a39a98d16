"""Send report reads to a PostgreSQL replica when DATABASE_REPLICA_URL is set; everything else to "default".

Two ways to read from the replica, both falling back to "default" when no replica is configured:
- models of an app labelled `reports` are read there (a future reports app; writes always go to "default");
- any code can wrap read-only work in `with replica_reads():` (e.g. a long statistics query of a report).
A replica lags a little behind: never use it for a read that decides a write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPORT_APPS = {"reports"}
_READ_FROM_REPLICA: ContextVar[bool] = ContextVar("read_from_replica", default=False)


def replica_alias() -> str:
    """The database reports read from: "replica" when configured, else "default"."""
    return "replica" if "replica" in settings.DATABASES else "default"


@contextmanager
def replica_reads() -> Iterator[str]:
    """Route the reads inside the block to the replica (when there is one); yields the alias used."""
    token = _READ_FROM_REPLICA.set(True)
    try:
        yield replica_alias()
    finally:
        _READ_FROM_REPLICA.reset(token)


class ReplicaRouter:
    """Reads of report apps, or inside `replica_reads()`, go to the replica; writes and migrations to "default"."""

    def db_for_read(self, model, **hints) -> str | None:
        if model._meta.app_label in REPORT_APPS or _READ_FROM_REPLICA.get():
            return replica_alias()
        return None

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        return True  # the replica is a copy of the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"  # the replica follows the primary by streaming replication
