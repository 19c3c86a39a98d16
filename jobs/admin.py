"""Background jobs in the admin: read-only, so the operator sees what ran, how long and why one failed."""

from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "state", "done", "total", "created_by", "unit", "created", "finished")
    list_filter = ("state", "kind")
    search_fields = ("kind", "message", "dedupe_key")
    date_hierarchy = "created"
    exclude = ("params",)  # may name what was asked for; the kind and the state are enough here

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
