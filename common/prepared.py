"""A read whose SQL Django builds once and then runs again with other values (issue 16, intake).

Every logged-in request reads its session (common.session_store) and its user with their memberships
(organizations.backends: one query joining five tables); opinion intake also finds its unit by code
(organizations.lookups). Django builds their SQL again on every request, and building it cost more CPU than
PostgreSQL spent running it (docs/quy-mo.md). A `PreparedRead` asks Django's compiler for the SQL once per
database, then on each call only swaps the parameter value and turns the rows into model instances with Django's
own populators, as `QuerySet.__iter__` does. Nothing is cached but the SQL text: every call reads the database.

Written here because Django has no compiled-query cache. Only a plain read of model instances qualifies: one value
to swap, every other value a constant (nothing taken from the clock, the active time zone or language), no
`values()`, `using()`, `select_for_update()`, annotation or prefetch; what can be checked is refused on first use.
It mirrors `ModelIterable` of Django 5.2: a test compares every field with the queryset's and names the version.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.sql.constants import MULTI

M = TypeVar("M", bound=Model)

# A value no real key has (keys count up from 1), within a 32-bit integer: Django drops a lookup on an integer
# column whose value is out of the column's range. It marks where the per-call value goes among the parameters.
MARKER = -1_987_654_321
# The same for a text column (a session key): no real value holds these control characters.
TEXT_MARKER = "\x1fprepared-read\x1f"


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
        self.params, self.place = tuple(params), places[0]
        self.compiler = compiler
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model = klass_info["model"]
        self.start, self.end = start, end
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.populators = get_related_populators(klass_info, select, alias)

    def run(self, alias: str, value: Any) -> list[Model]:
        params = list(self.params)
        params[self.place] = value
        compiler = copy.copy(self.compiler)  # this thread's connection; the shared compiler is never changed
        compiler.connection = connections[alias]
        sql = self.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        rows = compiler.results_iter(compiler.execute_sql(MULTI))
        found = []
        for row in rows:
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
