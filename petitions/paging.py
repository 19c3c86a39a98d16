"""Per-row numbers for a page of matters, computed for the page's rows only."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Petition


def with_petition_count(cases: QuerySet) -> QuerySet:
    """Annotate `petition_count` as a correlated subquery, not a JOIN + GROUP BY over the whole list.

    The paginator's COUNT leaves it out (Django drops unused annotations), and the database computes it
    only for the LIMITed rows of the page.
    """
    per_case = Petition.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk")).values("n")
    return cases.annotate(petition_count=Coalesce(Subquery(per_case, output_field=IntegerField()), Value(0)))
