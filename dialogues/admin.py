"""Dialogues in the admin, for administrators: read and audit (the screens are where they are planned).

A unit administrator reads only its subtree's dialogues, read-only (organizations.adminscope).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organizations.adminscope import ScopedAdmin, ScopedInline

from .models import Dialogue, DialogueEvent, DialogueHost, ScheduleStep


class ReadOnlyInline(ScopedInline):
    admin_action = "plan_dialogue"
    read_only_for_units = True


class HostInline(ReadOnlyInline, admin.TabularInline):
    model = DialogueHost
    extra = 0
    can_delete = False
    readonly_fields = ["person", "position", "organization", "delegated_from", "delegation_reason"]


class StepInline(ReadOnlyInline, admin.TabularInline):
    model = ScheduleStep
    extra = 0
    can_delete = False
    fields = ["code", "owner", "due", "due_extended", "status", "done_on", "done_by", "citation"]
    readonly_fields = fields


class EventInline(ReadOnlyInline, admin.TabularInline):
    model = DialogueEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "action", "old_status", "new_status", "reason", "by"]


@admin.register(Dialogue)
class DialogueAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "unit", "date", "kind", "status"]
    list_filter = ["kind", "status", "form", "unit"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    inlines = [HostInline, StepInline, EventInline]
    readonly_fields = ["status", "profile", "conclusion_issued_on", "created_by", "created_at"]
    admin_action = "plan_dialogue"
    read_only_for_units = True

    def has_add_permission(self, request):
        return False


@admin.register(ScheduleStep)
class ScheduleStepAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["dialogue", "code", "due", "status", "owner"]
    list_filter = ["code", "status"]
    unit_field = "dialogue__unit"
    admin_action = "plan_dialogue"
    read_only_for_units = True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
