"""Profiles in the admin: shipped ones are read-only, copies are edited, a profile in use is never deleted.

Profiles are shared by every unit. A unit administrator reads them all, copies them, and edits a copy
(not a shipped profile) only while every unit bound to it is within its subtree; bindings are scoped to
its subtree (organizations.adminscope). The platform operator may do everything.
"""

from django.contrib import admin, messages
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from organizations.adminscope import ScopedAdmin, ScopedInline

from .loading import copy_profile
from .models import (
    AfterDialogueReportRule,
    AgendaItem,
    ArchiveRule,
    DeadlineRule,
    DossierItem,
    DutyRule,
    FrequencyRule,
    HostRule,
    MediaChannel,
    OpinionField,
    ParentPrecedence,
    ProfileBinding,
    ProfileNote,
    RegulationProfile,
    ReportingRule,
    VoterRequestRule,
)


class ShippedReadOnlyInline(ScopedInline, admin.StackedInline):
    extra = 0
    admin_action = "manage_regulations"

    def _editable(self, obj) -> bool:
        return obj is None or not obj.is_shipped

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class DeadlineInline(ShippedReadOnlyInline):
    model = DeadlineRule


class FrequencyInline(ShippedReadOnlyInline):
    model = FrequencyRule


class HostInline(ShippedReadOnlyInline):
    model = HostRule


class ReportingInline(ShippedReadOnlyInline):
    model = ReportingRule


class FieldInline(ShippedReadOnlyInline):
    model = OpinionField


class DossierInline(ShippedReadOnlyInline):
    model = DossierItem


class AgendaInline(ShippedReadOnlyInline):
    model = AgendaItem


class NoteInline(ShippedReadOnlyInline):
    model = ProfileNote


class ArchiveRuleInline(ShippedReadOnlyInline):  # archiving with items missing: refused unless allowed here
    model = ArchiveRule
    max_num = 1


class MediaChannelInline(ShippedReadOnlyInline):
    model = MediaChannel


class DutyRuleInline(ShippedReadOnlyInline):
    model = DutyRule


class VoterRequestInline(ShippedReadOnlyInline):  # Luật 72/2025/QH15 Điều 43: the share of voters
    model = VoterRequestRule
    max_num = 1


class AfterDialogueReportInline(ShippedReadOnlyInline):  # 004 Điều 16.1.c
    model = AfterDialogueReportRule


@admin.action(description=_("Copy the selected profiles (the copy can be edited)"))
def copy_profiles(modeladmin, request, queryset):
    for profile in queryset:
        number = 1
        while RegulationProfile.objects.filter(code=f"{profile.code}-ban-sao-{number}").exists():
            number += 1
        copy = copy_profile(profile, f"{profile.code}-ban-sao-{number}", f"{profile.name} (bản sao {number})")
        modeladmin.message_user(request, _("Created the copy “%(name)s”.") % {"name": copy.name}, messages.SUCCESS)


@admin.register(RegulationProfile)
class RegulationProfileAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "is_shipped", "copied_from"]
    search_fields = ["name", "code"]
    actions = [copy_profiles]
    inlines = [DeadlineInline, FrequencyInline, HostInline, ReportingInline, FieldInline, DossierInline, AgendaInline, NoteInline]
    inlines += [ArchiveRuleInline, MediaChannelInline, DutyRuleInline, AfterDialogueReportInline, VoterRequestInline]
    unit_field = None  # shared: every administrator reads every profile
    admin_action = "manage_regulations"

    def _may_change(self, request, obj=None) -> bool:
        if not self._unit_admin(request):
            return False
        if obj is None:
            return True
        return not obj.is_shipped and not obj.bindings.exclude(unit__in=self.admin_units(request)).exists()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_shipped:
            return ["code", "name", "source", "seed", "issued_on", "scope", "is_shipped", "copied_from", "parent", "valid_to"]
        return ["is_shipped", "copied_from"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_shipped or obj.is_in_use()):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        try:
            super().delete_queryset(request, queryset.filter(is_shipped=False))
        except ProtectedError:
            self.message_user(request, _("A profile bound to a unit cannot be deleted."), messages.ERROR)


@admin.register(ProfileBinding)
class ProfileBindingAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["unit", "profile", "valid_from", "valid_to"]
    list_filter = ["profile"]
    autocomplete_fields = ["unit"]
    admin_action = "manage_regulations"


@admin.register(ParentPrecedence)
class ParentPrecedenceAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """An administrator of a unit bound to the profile records which of two rules for one duty prevails, and why."""

    list_display = ["profile", "code", "prevails", "recorded_by", "recorded_on"]
    readonly_fields = ["recorded_by", "recorded_on"]
    unit_field = None
    admin_action = "manage_regulations"

    def _may_change(self, request, obj=None) -> bool:
        if not self._unit_admin(request):
            return False
        return obj is None or obj.profile.bindings.filter(unit__in=self.admin_units(request)).exists()

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user.get_username()
        super().save_model(request, obj, form, change)
