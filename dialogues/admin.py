"""Dialogues in the admin, for administrators: read and audit (the screens are where they are planned)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Dialogue, DialogueEvent, DialogueHost, ScheduleStep


class HostInline(admin.TabularInline):
    model = DialogueHost
    extra = 0
    can_delete = False
    readonly_fields = ["person", "position", "organization", "delegated_from", "delegation_reason"]


class StepInline(admin.TabularInline):
    model = ScheduleStep
    extra = 0
    can_delete = False
    fields = ["code", "owner", "due", "due_extended", "status", "done_on", "done_by", "citation"]
    readonly_fields = fields


class EventInline(admin.TabularInline):
    model = DialogueEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "action", "old_status", "new_status", "reason", "by"]


@admin.register(Dialogue)
class DialogueAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "date", "kind", "status"]
    list_filter = ["kind", "status", "form", "unit"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    inlines = [HostInline, StepInline, EventInline]
    readonly_fields = ["status", "profile", "conclusion_issued_on", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ScheduleStep)
class ScheduleStepAdmin(SimpleHistoryAdmin):
    list_display = ["dialogue", "code", "due", "status", "owner"]
    list_filter = ["code", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
