"""The one definition of the opinions list's filters, shared by the page (Vietnamese query names), the API and exports.

Search ignores accents ("dat dai" finds "đất đai"): the folded text is matched with LIKE, which PostgreSQL answers
from the pg_trgm GIN indexes (migration h5); SQLite scans, which is fine at its size. The unit scope is applied
before the search, so a commune's search reads the commune's rows only.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.utils.functional import cached_property

from organizations.access import visible_units
from organizations.models import AdministrativeUnit

from .access import visible_cases
from .enums import CaseStatus, Channel, Jurisdiction
from .models import Petition, fold

# The page's query-string names (as users see them in links) → the filter names (the API's).
PAGE_NAMES = {
    "q": "q",
    "don_vi": "unit",
    "doi_thoai": "dialogue",
    "linh_vuc": "field",
    "tham_quyen": "jurisdiction",
    "trang_thai": "status",
    "co_quan": "agency",
    "kenh": "channel",
}


class CaseFilter(django_filters.FilterSet):
    """Matters by search text, unit, dialogue, field, jurisdiction, status, agency and the channel of one of its opinions."""

    q = django_filters.CharFilter(method="search", max_length=200)
    unit = django_filters.CharFilter(field_name="unit__code", max_length=16)
    dialogue = django_filters.NumberFilter(field_name="dialogue_id", min_value=1)
    field = django_filters.NumberFilter(field_name="field_id", min_value=1)
    jurisdiction = django_filters.ChoiceFilter(choices=Jurisdiction.choices)
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices)
    agency = django_filters.NumberFilter(field_name="agency_id", min_value=1)
    channel = django_filters.ChoiceFilter(choices=Channel.choices, method="by_channel")

    class Meta:
        fields: list[str] = []

    units: QuerySet | None = None  # set by case_filter: the units the user sees (None: not known, never narrow)

    @cached_property
    def _scope(self) -> dict:
        """How many units the user sees, and how many there are: one query, asked only when needed."""
        return AdministrativeUnit.objects.aggregate(mine=Count("pk", filter=Q(pk__in=self.units)), everywhere=Count("pk"))

    @property
    def narrow(self) -> bool:
        """The user sees a small part of the country (at most 1/NARROW_SHARE of its units)."""
        return self.units is not None and self._scope["mine"] * NARROW_SHARE <= self._scope["everywhere"]

    def newest_first(self, count: int, queryset: QuerySet | None = None, field: str = "created_at") -> QuerySet:
        """The filtered matters (or `queryset`, e.g. their opinions by `received_on`), newest first; `count` rows.

        Ordered by the column as stored, PostgreSQL walks the whole table's index from the newest row and keeps the
        user's: quick while the user's rows are spread among the newest, but a province whose matters are older than
        the other provinces' walks all of theirs first (599 ms past 891,000 matters). A small scope of several units
        with at most SORT_AT_MOST rows is ordered on COALESCE(column, column) instead: the same values, which
        PostgreSQL does not simplify, on an expression the index does not cover, so it reads the scope's keys through
        (unit, column) and sorts them (36 ms for 69,500). Above that bound sorting costs more than the walk usually
        does (8 provinces of 34, spread evenly in time: 0.5 ms walked, 160 ms sorted), so the walk stays.
        """
        queryset = self.qs if queryset is None else queryset
        if count <= SORT_AT_MOST and self.narrow and self._scope["mine"] > 1:
            return queryset.order_by(Coalesce(field, field).desc(), "-id")
        return queryset.order_by(f"-{field}", "-id")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Folded text in the matter or in one of its opinions; a small scope is read through its units first.

        The trigram index answers a search over (most of) the country; for a province's 60,000 or a commune's 600
        matters it would still read every match in the country (13 s for a province, 1.5 s for a commune with two
        million opinions), so the search then runs on an expression the index does not cover (the text is already
        lower case: the same answer) and PostgreSQL reads the scope's rows instead (issue 16).
        """
        folded = fold(value.strip())
        if not folded:
            return queryset
        if self.narrow:  # the opinions too are read through the user's units, not through the country's matches
            opinions = Petition.objects.filter(unit__in=self.units, case=OuterRef("pk"))
            opinions = opinions.annotate(folded_text=Lower("search_text"))
            in_opinions = Exists(opinions.filter(folded_text__contains=folded))
            found = queryset.annotate(folded_text=Lower("search_text")).filter(Q(folded_text__contains=folded) | in_opinions)
            # The matches' keys first (read through the units, unordered), then the list orders only them: ordered at
            # once, PostgreSQL walks the country's newest matters looking for the province's few matches (15 s).
            return queryset.filter(pk__in=list(found.order_by().values_list("pk", flat=True)[:SEARCH_CAP]))
        in_opinions = Exists(Petition.objects.filter(case=OuterRef("pk"), search_text__contains=folded))
        return queryset.filter(Q(search_text__contains=folded) | in_opinions)

    def by_channel(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(Petition.objects.filter(case=OuterRef("pk"), channel=value)))

    def problems(self) -> str:
        """The invalid values in Vietnamese, naming what is allowed (the API answers 400 with it)."""
        if self.is_valid():
            return ""
        messages = []
        for name in self.errors:
            choices = self.filters[name].extra.get("choices")
            allowed = f"; dùng: {', '.join(value for value, _label in choices)}" if choices else ""
            messages.append(f"Giá trị '{self.data.get(name)}' của '{name}' không hợp lệ{allowed}.")
        return " ".join(messages)


SEARCH_CAP = 5000  # a search within a small scope finds at most this many matters (docs/quy-mo.md)
NARROW_SHARE = 4  # a user who sees at most a quarter of the units searches through them (CaseFilter.search)
SORT_AT_MOST = 100_000  # rows of a small scope the list sorts itself (CaseFilter.newest_first): about 40 ms


def case_filter(user, data: dict) -> CaseFilter:
    """The filter (API names) over the matters this user may see."""
    found = CaseFilter(data, queryset=visible_cases(user))
    found.units = visible_units(user)  # counted (one query) only by a search or the list's order
    return found


def page_data(params) -> dict:
    """The page's query string under the filter's names; an invalid value is then ignored by the page."""
    return {name: (params.get(page_name) or "").strip() for page_name, name in PAGE_NAMES.items()}


def filtered_cases(user, params) -> tuple[QuerySet, str]:
    """The matters the user sees, filtered by the page's query string, and the search text as typed."""
    found = page_filter(user, params)
    return found.qs, found.data["q"]  # page_data already stripped it


def page_filter(user, params) -> CaseFilter:
    """The filter of the page's query string (the list needs the filter itself for its order)."""
    return case_filter(user, page_data(params))
