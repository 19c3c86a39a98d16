"""Supervision rows in the admin: read and audit only (the screens and the API record them, through the verbs)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organizations.adminscope import ScopedAdmin

from .models import Direction, Escalation, Finding, SupervisionPlan


class ReadOnlyAdmin(ScopedAdmin, SimpleHistoryAdmin):
    admin_action = "follow_up_conclusions"
    read_only_for_units = True

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SupervisionPlan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "organization", "unit"]
    list_filter = ["year"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["found_on", "organization", "unit", "agency", "replied_on"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["letter_number", "letter_date", "upper_level", "due", "replied_on", "unit"]


@admin.register(Direction)
class DirectionAdmin(ReadOnlyAdmin):
    list_display = ["content", "owner", "due", "state", "unit"]
