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


def with_first_opinion(cases: QuerySet) -> QuerySet:
    """Annotate `first_code` and `first_received`: the matter's earliest opinion, for the list's code and date columns."""
    first = Petition.objects.filter(case=OuterRef("pk")).order_by("received_on", "id")
    return cases.annotate(
        first_code=Subquery(first.values("tracking_code")[:1]), first_received=Subquery(first.values("received_on")[:1])
    )


FACETS = ("field__name", "jurisdiction", "status", "agency__name")


def facet_counts(cases: QuerySet) -> tuple[dict[str, list[dict]], int]:
    """The list's counts by field, jurisdiction, status and agency from ONE grouped query, and the total.

    The database groups by the four columns together (at most a few thousand groups for a province);
    each facet is then summed from those groups, so the filter runs once instead of once per facet.
    """
    groups = list(cases.order_by().values(*FACETS).annotate(n=Count("pk")))
    facets: dict[str, list[dict]] = {}
    for column in FACETS:
        summed: dict = {}
        for group in groups:
            summed[group[column]] = summed.get(group[column], 0) + group["n"]
        rows = [{column: value, "n": n} for value, n in summed.items()]
        facets[column] = sorted(rows, key=lambda row: -row["n"])
    return facets, sum(group["n"] for group in groups)
