"""Model history (django-simple-history): its manager class built once, its rows written by a prepared INSERT.

simple-history's `Model.history` descriptor builds a new manager class from the queryset class on every access
(`Manager.from_queryset`, an `inspect.getmembers` over the queryset), and every save writes its history row
through that descriptor: about 0.3 ms of CPU per write, a tenth of an opinion's intake (issue 16,
docs/quy-mo.md). The class depends only on the two classes, so it is built once and reused.

Writing the row itself cost more: simple-history builds a historical model instance from keyword arguments, then
`save()` sends its signals and compiles its INSERT; two rows were a fifth of an opinion's intake. The same row,
with the same values, is written by `common.prepared.PreparedInsert` whenever nothing can tell the difference:
no m2m history, no extra history fields, no receiver of the history model's signals, no expression as a value.
Otherwise simple-history's own path runs. A test compares every column the two paths write, for every model that
keeps history.
"""

from __future__ import annotations

import functools

from django.db import router, transaction
from django.db.models import AutoField, Model
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from simple_history import manager, models
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from common.prepared import PreparedInsert

# Every model that keeps history, with its HistoricalRecords (tests compare the two ways of writing a row).
TRACKED: dict[type[Model], FastHistoricalRecords] = {}
# What simple-history adds to the tracked fields of a history model (besides its own key, history_id).
_META = ("history_date", "history_type", "history_user_id", "history_change_reason")


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class: type, class_name: str | None = None) -> type:
        return super().from_queryset(queryset_class, class_name)


class _Writer:
    """The history model of one tracked model, the instance attributes its row copies, and its INSERT."""

    def __init__(self, history_model: type[Model], tracked: list[str]) -> None:
        self.history_model = history_model
        fields = [field for field in history_model._meta.concrete_fields if not field.primary_key]
        self.attnames = [field.attname for field in fields if field.attname not in _META]
        if sorted(self.attnames) != sorted(tracked) or len(fields) != len(self.attnames) + len(_META):
            raise ValueError("history model with fields of its own")
        self.order = [field.attname for field in fields]
        self.insert = PreparedInsert(history_model, fields)


class FastHistoricalRecords(models.HistoricalRecords):
    """simple-history's HistoricalRecords, writing each row with one prepared INSERT when that is faithful."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._writers: dict[type[Model], _Writer | None] = {}

    def create_history_model(self, model: type[Model], inherited: bool) -> type[Model]:
        history_model = super().create_history_model(model, inherited)
        self._writers[model] = self._writer(model, history_model)
        TRACKED[model] = self
        return history_model

    def _writer(self, model: type[Model], history_model: type[Model]) -> _Writer | None:
        if self.m2m_fields or self.user_id_field or not isinstance(history_model._meta.pk, AutoField):
            return None
        try:
            return _Writer(history_model, [field.attname for field in self.fields_included(model)])
        except ValueError:
            return None

    def writes_fast(self, model: type[Model]) -> bool:
        return self._writers.get(model) is not None

    def create_historical_record(self, instance: Model, history_type: str, using: str | None = None) -> None:
        writer = self._writers.get(type(instance))
        history_model = writer.history_model if writer else None
        if writer is None or any(
            signal.has_listeners(history_model)
            for signal in (pre_create_historical_record, post_create_historical_record, pre_save, post_save)
        ):
            return super().create_historical_record(instance, history_type, using)
        history_user = self.get_history_user(instance)
        if history_user is not None and history_user.pk is None:
            return super().create_historical_record(instance, history_type, using)  # its own error
        using = using if self.use_base_model_db else None
        row = {attname: getattr(instance, attname) for attname in writer.attnames}
        if any(hasattr(value, "resolve_expression") for value in row.values()):
            return super().create_historical_record(instance, history_type, using)  # Django compiles the expression
        row["history_date"] = getattr(instance, "_history_date", timezone.now())
        row["history_type"] = history_type
        row["history_user_id"] = history_user.pk if history_user is not None else None
        row["history_change_reason"] = self.get_change_reason_for_object(instance, history_type, using)
        alias = using or router.db_for_write(history_model)
        with transaction.mark_for_rollback_on_error(alias):  # as Model.save_base around simple-history's save()
            writer.insert.run(alias, [row[attname] for attname in writer.order])


def HistoricalRecords(**options) -> models.HistoricalRecords:  # noqa: N802 — used like the class it stands for
    """simple-history's HistoricalRecords with the cached manager and the prepared INSERT; every model of ours
    declares history this way."""
    options.setdefault("history_manager", HistoryManager)
    return FastHistoricalRecords(**options)
