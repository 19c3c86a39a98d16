"""One way to cut a list into pages: in SQL (LIMIT/OFFSET and one COUNT), the page number from `?trang=`.

Every list and board of the project goes through `paginate`, so a province's 60,000 opinions or a
country's million schedule steps cost one page of rows, never the whole table.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50
PAGE_PARAMETER = "trang"


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
