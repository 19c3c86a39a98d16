"""Numbers for the opinions list: per-row ones for the page's rows only, facets and options once per data change."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from common.pagination import cached_totals, data_version
from organizations.models import Organization
from regulations.models import OpinionField

from .models import Case, Petition


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


def list_counts(cases: QuerySet) -> tuple[dict[str, list[dict]], int]:
    """The opinions list's facets (field, jurisdiction, status, agency, channel) and total, for the filtered matters.

    Two grouped queries over the whole result, kept in the cache while no matter or opinion changes
    (common.pagination.cached_totals): a province viewer's 60,000 matters are grouped once, not on every view.
    """

    def compute() -> tuple[dict[str, list[dict]], int]:
        facets, total = facet_counts(cases)
        in_list = cases.order_by().values("pk")
        channels = Petition.objects.filter(case__in=in_list).values("channel").annotate(n=Count("id")).order_by("-n")
        facets["channel"] = list(channels)
        return facets, total

    return cached_totals("case-list", cases, data_version(Case, Petition), compute)


def filter_options(visible: QuerySet, units: QuerySet) -> dict:
    """The list's select options: the fields and agencies that have matters the user sees (not the filtered ones).

    Kept in the cache like the counts; `visible` is the user's matters, `units` the units whose agencies may be offered.
    """

    def compute() -> dict:
        fields = (
            OpinionField.objects.filter(Exists(visible.filter(field=OuterRef("pk"))))
            .order_by("order", "pk")
            .values_list("pk", "name")
        )
        agencies = Organization.objects.filter(unit__in=units).filter(Exists(visible.filter(agency=OuterRef("pk"))))
        return {"fields": dict(fields), "agencies": list(agencies.order_by("name", "pk").values("pk", "name", "unit__code"))}

    return cached_totals("case-options", (visible, units), data_version(Case), compute)


AGENCIES_OFFERED = 200  # more than this (a country's 3,000 divisions) is no select: the unit's own are offered instead


def agencies_offered(agencies: list[dict], unit_code: str) -> list[dict]:
    """The agencies the list's select offers: all of them, or, past AGENCIES_OFFERED, those of the chosen unit."""
    if len(agencies) <= AGENCIES_OFFERED:
        return agencies
    return [agency for agency in agencies if agency["unit__code"] == unit_code]
