"""SQL that Django builds once and then runs again with other values (issue 16, intake).

Every logged-in request reads its session (common.session_store) and its user with their memberships
(organizations.backends: one query joining five tables); opinion intake also finds its unit by code
(organizations.lookups). Django builds their SQL again on every request, and building it cost more CPU than
PostgreSQL spent running it (docs/quy-mo.md). A `PreparedRead` asks Django's compiler for the SQL once per
database, then on each call only swaps the parameter value and turns the rows into model instances with Django's
own populators, as `QuerySet.__iter__` does. Nothing is cached but the SQL text: every call reads the database.
A `PreparedInsert` does the same for a one-row INSERT: every history row (common.history) and intake's own rows
(`PreparedInsertMixin`).

On PostgreSQL these statements are also prepared on the server (`statement_cursor`): parsed and planned once per
connection, which halved PostgreSQL's CPU per opinion. Django's own queries stay as they are.

Written here because Django has no compiled-query cache. Only a plain read of model instances qualifies: one value
to swap, every other value a constant (nothing taken from the clock, the active time zone or language), no
`values()`, `using()`, `select_for_update()`, annotation or prefetch; what can be checked is refused on first use.
It mirrors `ModelIterable` of Django 5.2: a test compares every field with the queryset's and names the version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, ServerBindingCursor
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.sql.subqueries import InsertQuery
from psycopg.pq import Format

M = TypeVar("M", bound=Model)

# A value no real key has (keys count up from 1), within a 32-bit integer: Django drops a lookup on an integer
# column whose value is out of the column's range. It marks where the per-call value goes among the parameters.
MARKER = -1_987_654_321
# The same for a text column (a session key): no real value holds these control characters.
TEXT_MARKER = "\x1fprepared-read\x1f"


class _ServerPreparedCursor(ServerBindingCursor):
    """psycopg's server-side binding, every statement prepared: PostgreSQL parses and plans it once per connection,
    and each later call sends only its values (Bind and Execute)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):  # noqa: ANN001, ANN201 — psycopg's own
        return super().execute(query, params, prepare=True, binary=binary)


class _PreparedDebugWrapper(CursorDebugWrapper):
    """Django's query log (tests, DEBUG) with each statement's text and values, as its client-side cursors log them:
    psycopg keeps no text for a prepared statement, so the text is composed before the call."""

    def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):  # noqa: ANN001, ANN201
        if use_last_executed_query and sql is not None and not many:
            sql, use_last_executed_query = self.db.ops.compose_sql(sql, params), False
        return super().debug_sql(sql, params, use_last_executed_query, many)


def statement_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """The cursor for SQL built once. On PostgreSQL its statement is prepared on the server (psycopg's server-side
    binding); Django's own cursors bind on the client and never prepare (connection poolers, the 65,535-value
    limit of bound parameters: docs/quy-mo.md). These statements have a few values each and look rows up by key,
    where one plan fits every value. The cursor is wrapped as `connection.cursor()` wraps (query log, errors)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()  # as BaseDatabaseWrapper._cursor
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:  # DB_PREPARED_STATEMENTS=0 (config/settings.py)
        return connection.cursor()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = _ServerPreparedCursor(connection.connection)
        # As the PostgreSQL backend's create_cursor: the connection's time zone for timestamps read.
        if connection.timezone != connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT).timezone:
            register_tzloader(connection.timezone, raw)
    return _PreparedDebugWrapper(raw, connection) if connection.queries_logged else connection.make_cursor(raw)


def _converted(row: tuple, converters: list, connection: BaseDatabaseWrapper) -> list:
    """One row through its columns' converters (`get_converters(...).items()`), as SQLCompiler.apply_converters does,
    with the calling thread's connection."""
    row = list(row)
    for position, (functions, expression) in converters:
        for function in functions:
            row[position] = function(row[position], expression, connection)
    return row


class _Compiled:
    """The compiler of one database, after as_sql(), with what turning a row into objects needs."""

    def __init__(self, queryset: QuerySet, again: QuerySet, alias: str, marker: int | str) -> None:
        if (
            queryset._iterable_class is not ModelIterable
            or queryset._db
            or queryset._hints
            or queryset._for_write
            or queryset.query.select_for_update
            or queryset.query.is_empty()
            or queryset._known_related_objects
            or queryset._prefetch_related_lookups
        ):
            raise ValueError("PreparedRead: only a plain read of model instances (see common.prepared)")
        compiler = queryset.query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()
        if (self.sql, params) != again.query.get_compiler(using=alias).as_sql():
            raise ValueError("PreparedRead: the SQL changes from one build to the next (a value from the clock?)")
        places = [index for index, value in enumerate(params) if value == marker]
        if len(places) != 1:
            raise ValueError("PreparedRead: the queryset must use the marker value exactly once")
        if compiler.annotation_col_map:
            raise ValueError("PreparedRead: annotations are not supported")
        if compiler.has_extra_select or compiler.col_count != len(compiler.select):
            raise ValueError("PreparedRead: extra select columns are not supported")
        self.params, self.place = tuple(params), places[0]
        self.converters = list(compiler.get_converters([column[0] for column in compiler.select]).items())
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model = klass_info["model"]
        self.start, self.end = start, end
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.populators = get_related_populators(klass_info, select, alias)

    def run(self, alias: str, value: Any) -> list[Model]:
        params = list(self.params)
        params[self.place] = value
        connection = connections[alias]  # this thread's
        with statement_cursor(connection) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        found = []
        for row in rows:
            if self.converters:
                row = _converted(row, self.converters, connection)
            obj = self.model.from_db(alias, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


class PreparedRead(Generic[M]):
    """`build(marker)` gives the queryset; calling the read with a value runs it with that value in the marker's
    place. The value must already be what the database compares: an int for a key (MARKER), a str for a text
    column (TEXT_MARKER)."""

    def __init__(self, build: Callable[[Any], QuerySet[M]], marker: int | str = MARKER) -> None:
        self.build, self.marker = build, marker
        self.model = build(marker).model
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, value: int | str) -> list[M]:
        alias = router.db_for_read(self.model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or _Compiled(
                    self.build(self.marker), self.build(self.marker), alias, self.marker
                )
                self._compiled[alias] = compiled
        return compiled.run(alias, value)


class PreparedInsert:
    """An INSERT of one row into `model`'s table with these fields; Django's insert compiler builds its SQL once per
    database (common.history writes every history row this way; PreparedInsertMixin a model's own rows).

    `run(alias, values)` takes the Python values in the fields' order and converts each with the field's
    `get_db_prep_save`, as `SQLInsertCompiler.prepare_value` does; the statement goes through the connection's
    cursor, so it joins the open transaction and the query log. It returns the `returning` columns' values (the
    new key), converted as `SQLInsertCompiler.execute_sql` converts them. A field that builds its own placeholder
    (`get_placeholder`) is refused here; an expression as a value is the caller's to avoid."""

    def __init__(self, model: type[Model], fields: list, returning: list | None = None) -> None:
        if any(hasattr(field, "get_placeholder") or not field.concrete for field in fields):
            raise ValueError("PreparedInsert: only concrete fields with a plain placeholder (see common.prepared)")
        self.model, self.fields, self.returning = model, list(fields), list(returning or [])
        self._built: dict[str, tuple[str, tuple, list]] = {}

    def _build(self, alias: str) -> tuple[str, tuple, list]:
        query = InsertQuery(self.model)
        query.insert_values(self.fields, [self.model()])
        compiler = query.get_compiler(using=alias)
        if self.returning and not compiler.connection.features.can_return_columns_from_insert:
            raise ValueError("PreparedInsert: this database cannot return columns from an INSERT")
        compiler.returning_fields = self.returning or None
        built = compiler.as_sql()
        if len(built) != 1 or built[0][0].count("%s") != len(self.fields) or len(built[0][1]) != len(self.fields):
            raise ValueError("PreparedInsert: Django built an unexpected INSERT (see common.prepared)")
        columns = [field.get_col(self.model._meta.db_table) for field in self.returning]
        converters = list(compiler.get_converters(columns).items())
        self._built[alias] = (built[0][0], tuple(compiler.returning_params or ()), converters)
        return self._built[alias]

    def run(self, alias: str, values: list) -> tuple | None:
        connection = connections[alias]
        sql, returning_params, converters = self._built.get(alias) or self._build(alias)
        params = [field.get_db_prep_save(value, connection) for field, value in zip(self.fields, values, strict=True)]
        with statement_cursor(connection) as cursor:
            cursor.execute(sql, params)
            if not self.returning:
                return None
            row = connection.ops.fetch_returned_insert_columns(cursor, returning_params)
        return tuple(_converted(row, converters, connection) if converters else row)


class PreparedInsertMixin:
    """A model whose new rows are written by a PreparedInsert: Django's `save()` runs as always (its signals, the
    model's own `save()`, history), and only the INSERT's SQL is not compiled again. The busiest writes use it:
    opinion intake's matter, opinion, petitioner and event (issue 16, docs/quy-mo.md).

    Django's own path runs for a raw save (fixtures), a value that is an expression, or a database that cannot
    return the new key from an INSERT."""

    _prepared_inserts: dict[tuple, PreparedInsert | None] = {}

    def _do_insert(self, manager, using, fields, returning_fields, raw):  # Django's Model._do_insert, 5.2
        if not raw:
            key = (type(self), using, *fields, None, *returning_fields)
            insert = self._prepared_inserts.get(key, False)
            if insert is False:
                insert = PreparedInsert(type(self), fields, returning_fields)
                try:
                    insert._build(using)
                except ValueError:
                    insert = None
                self._prepared_inserts[key] = insert
            if insert is not None:
                values = [field.pre_save(self, True) for field in fields]
                if not any(hasattr(value, "resolve_expression") for value in values):
                    row = insert.run(using, values)
                    return [row] if row is not None else []
        return super()._do_insert(manager, using, fields, returning_fields, raw)
