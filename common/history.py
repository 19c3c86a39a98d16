"""Model history (django-simple-history), with its manager class built once.

simple-history's `Model.history` descriptor builds a new manager class from the queryset class on every access
(`Manager.from_queryset`, an `inspect.getmembers` over the queryset), and every save writes its history row
through that descriptor: about 0.3 ms of CPU per write, a tenth of an opinion's intake (issue 16,
docs/quy-mo.md). The class depends only on the two classes, so it is built once and reused.
"""

from __future__ import annotations

import functools

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class: type, class_name: str | None = None) -> type:
        return super().from_queryset(queryset_class, class_name)


def HistoricalRecords(**options) -> models.HistoricalRecords:  # noqa: N802 — used like the class it stands for
    """simple-history's HistoricalRecords with the cached manager; every model of ours declares history this way."""
    options.setdefault("history_manager", HistoryManager)
    return models.HistoricalRecords(**options)
