"""Limit/offset pages for API lists: the same shape as django-ninja's LimitOffsetPagination ({"count", "items"}).

Written by hand rather than with `@paginate` because the lists build each item themselves (the petitions list
shares one personal-data gate across the page): the count is one SQL COUNT, the items one LIMIT/OFFSET query.
"""

from __future__ import annotations

from typing import Annotated

from django.db.models import QuerySet
from pydantic import Field

from .api_types import MAX_COUNT

DEFAULT_LIMIT = 100
MAX_LIMIT = 500

Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description=f"số dòng mỗi trang (1-{MAX_LIMIT})")]
Offset = Annotated[int, Field(ge=0, le=MAX_COUNT, description="bỏ qua bao nhiêu dòng đầu")]


def page_of(queryset: QuerySet, limit: int, offset: int) -> tuple[int, list]:
    """How many rows there are in all (one COUNT) and the rows of this page (one LIMIT/OFFSET query)."""
    return queryset.count(), list(queryset[offset : offset + limit])
