from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "name", "legal_basis"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_basis"]
    date_hierarchy = "date"
