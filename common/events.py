"""Domain events worth operating on (imports, issued documents), as structured lines of the `doithoai` logger.

Written once the transaction commits, so a rolled-back import leaves no "done" line. Fields are ids and
counts only, never personal data; the request id is added by common.logging when inside a request.
Failures of background jobs are logged by jobs.runner on the same logger.
"""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger("doithoai.events")


def event(name: str, **fields: object) -> None:
    """Log `name` (e.g. "document.issued") with its fields after the current transaction commits."""
    transaction.on_commit(lambda: logger.info(name, extra={"event": name, **fields}))
