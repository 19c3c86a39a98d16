"""One way to cut a list into pages: in SQL (LIMIT/OFFSET and one COUNT), the page number from `?trang=`.

Every list and board of the project goes through `paginate`, so a province's 60,000 opinions or a
country's million schedule steps cost one page of rows, never the whole table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Model, QuerySet
from django.http import HttpRequest

T = TypeVar("T")

PER_PAGE = 50
PAGE_PARAMETER = "trang"
TOTALS_SECONDS = 300  # a cached total is recomputed at least this often, whatever the data version says


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PER_PAGE, count: int | None = None) -> Page:
    """The requested page of an ordered queryset; a bad or out-of-range number gives the first or last page.

    `count`: the number of rows when the caller already has it (e.g. summed from a grouped query), saving the COUNT.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: once set, it is not computed
    number = request.GET.get(PAGE_PARAMETER, "1")
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def data_version(*models: type[Model]) -> str:
    """A cheap fingerprint of the models' data: the newest history row (id and time) of each, in ONE query.

    Every write goes through a verb function that writes history (simple_history), so a changed fingerprint means
    changed data. Both the max id and the max time are used: on SQLite a rolled-back id can be given out again.
    Each part is read from an index (the primary key, `history_date`), whatever the table's size.
    """
    parts = []
    for model in models:
        table = connection.ops.quote_name(model.history.model._meta.db_table)
        parts.append(f"(SELECT MAX(history_id) FROM {table}), (SELECT MAX(history_date) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")  # noqa: S608 - table names from the models, no user input
        return ":".join(str(value) for value in cursor.fetchone())


_generation = [0]  # part of every key: forget_totals() makes this process compute its totals again


def forget_totals() -> None:
    """Compute every total again in this process (tests counting queries after a change, the benchmark's cold view)."""
    _generation[0] += 1


def cached_totals(
    name: str, scope: QuerySet | str | tuple, version: str, compute: Callable[[], T], seconds: int = TOTALS_SECONDS
) -> T:
    """`compute()` (an SQL aggregate) kept in the cache for this scope and data version, for at most `seconds`.

    The board's and the list's totals over a province's hundreds of thousands of rows cost one grouped query when
    the data changed, and nothing on the next views. `scope`: the queryset (or text, or a tuple of them) that decides
    which rows count, e.g. the user's units; its SQL is part of the key, so two users with the same units share them.
    """
    try:
        parts = scope if isinstance(scope, tuple) else (scope,)
        text = "|".join(str(part.query) if isinstance(part, QuerySet) else part for part in parts)
    except EmptyResultSet:  # a user who sees nothing: nothing to count, nothing worth keeping
        return compute()
    digest = hashlib.sha256(f"{name}|{text}|{version}".encode()).hexdigest()[:32]
    key = f"totals:{name}:{_generation[0]}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


def paginate_by_key(
    request: HttpRequest, queryset: QuerySet, rows: QuerySet, per_page: int = PER_PAGE, count: int | None = None
) -> Page:
    """Like `paginate`, for an order the database must sort: it sorts only the keys, then reads the page's rows by key.

    `queryset` decides the order (and which rows); `rows` is how a row is read (joins, annotations) — only the page's
    keys go through it. Sorting a province's 60,000 narrow keys costs a fraction of sorting their whole rows.
    """
    page = paginate(request, queryset.values_list("pk", flat=True), per_page, count)
    keys = list(page.object_list)
    found = {row.pk: row for row in rows.order_by().filter(pk__in=keys)}
    page.object_list = [found[key] for key in keys if key in found]
    return page


def rows_by_key(queryset: QuerySet, rows: QuerySet, offset: int, limit: int) -> list:
    """The rows `offset`..`offset+limit` of the ordered `queryset`, read through `rows` (joins, prefetches) by key.

    The API's limit/offset pages: the ordered scan reads keys only, the wide joins touch the page's rows only.
    """
    keys = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    found = {row.pk: row for row in rows.order_by().filter(pk__in=keys)}
    return [found[key] for key in keys if key in found]
