"""The one definition of the opinions list's filters, shared by the page (Vietnamese query names), the API and exports.

Search ignores accents ("dat dai" finds "đất đai"): the folded text is matched with LIKE, which PostgreSQL answers
from the pg_trgm GIN indexes (migration h5); SQLite scans, which is fine at its size. The unit scope is applied
before the search, so a commune's search reads the commune's rows only.
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

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

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        folded = fold(value.strip())
        if not folded:
            return queryset
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


def case_filter(user, data: dict) -> CaseFilter:
    """The filter (API names) over the matters this user may see."""
    return CaseFilter(data, queryset=visible_cases(user))


def page_data(params) -> dict:
    """The page's query string under the filter's names; an invalid value is then ignored by the page."""
    return {name: (params.get(page_name) or "").strip() for page_name, name in PAGE_NAMES.items()}


def filtered_cases(user, params) -> tuple[QuerySet, str]:
    """The matters the user sees, filtered by the page's query string, and the search text as typed."""
    found = case_filter(user, page_data(params))
    return found.qs, (params.get("q") or "").strip()
