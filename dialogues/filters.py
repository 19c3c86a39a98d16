"""The one definition of the dialogue list's filters, shared by the page (Vietnamese query names) and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from .enums import DialogueForm, DialogueKind, Status
from .models import Dialogue

# The page's query-string names (Vietnamese, as users see them in links) → the filter names (the API's).
PAGE_NAMES = {"don_vi": "unit", "nam": "year", "loai": "kind", "hinh_thuc": "form", "trang_thai": "status", "chu_tri": "host"}


class DialogueFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__code")
    year = django_filters.NumberFilter(method="by_year")
    kind = django_filters.ChoiceFilter(choices=DialogueKind.choices)
    form = django_filters.ChoiceFilter(choices=DialogueForm.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    host = django_filters.NumberFilter(method="by_host")

    class Meta:
        model = Dialogue
        fields: list[str] = []

    def by_year(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(date__year=int(value))

    def by_host(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(hosts__person_id=int(value)).distinct()

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


def page_filter(params, queryset: QuerySet) -> DialogueFilter:
    """The filter from the page's query string; an invalid value is ignored there (the select offers only valid ones)."""
    return DialogueFilter({name: params.get(page_name, "") for page_name, name in PAGE_NAMES.items()}, queryset=queryset)
