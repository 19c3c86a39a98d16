"""Master data in the Django admin; every change is kept in the history (the "History" button).

A unit administrator sees and changes only its unit's subtree (organizations.adminscope); shared
reference data (levels, organisation kinds, positions) is read-only except for the platform operator.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .adminscope import ScopedAdmin, ScopedInline, people_in, users_in
from .models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Appointment,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    PositionKind,
    StagedImport,
)


@admin.register(AdministrativeLevel)
class AdministrativeLevelAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "rank", "is_historical"]
    unit_field = None


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    unit_field = "pk"

    def scope(self, queryset, request):
        return queryset.filter(pk__in=self.admin_units(request))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "parent" in form.base_fields:
            # A unit administrator adds units below its own, never a new province at the top.
            form.base_fields["parent"].required = obj is None or obj.parent_id is not None
        return form


@admin.register(OrganizationKind)
class OrganizationKindAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "family", "order"]
    unit_field = None


@admin.register(Organization)
class OrganizationAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "unit", "is_active"]
    list_filter = ["kind", "unit__level", "is_active"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["unit", "parent"]


@admin.register(PositionKind)
class PositionKindAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "is_head", "order"]
    unit_field = None


class AppointmentInline(ScopedInline, admin.TabularInline):
    model = Appointment
    extra = 0
    autocomplete_fields = ["organization"]
    unit_field = "organization__unit"


@admin.register(Person)
class PersonAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["full_name", "email", "phone"]
    search_fields = ["full_name", "email"]
    inlines = [AppointmentInline]
    unit_field = "appointments__organization__unit"

    def scope(self, queryset, request):
        return queryset.filter(pk__in=people_in(self.admin_units(request)).values("pk"))


@admin.register(Appointment)
class AppointmentAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["person", "position", "organization", "start_date", "end_date"]
    list_filter = ["position", "organization__unit"]
    search_fields = ["person__full_name", "organization__name"]
    autocomplete_fields = ["person", "organization"]
    unit_field = "organization__unit"


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["user", "role", "organization", "person"]
    list_filter = ["role", "organization__unit"]
    search_fields = ["user__username", "organization__name", "person__full_name"]
    autocomplete_fields = ["organization", "person"]
    unit_field = "organization__unit"


class MembershipInline(ScopedInline, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organization", "person"]
    unit_field = "organization__unit"
    verbose_name = _("role of this user")
    verbose_name_plural = _("roles of this user")


@admin.register(StagedImport)
class StagedImportAdmin(ScopedAdmin, admin.ModelAdmin):
    """Who imported which spreadsheet, when, and what it created; read-only (imports happen on the screens)."""

    list_display = ["original_name", "kind", "unit", "state", "rows", "created_count", "created_by", "created_at"]
    list_filter = ["kind", "state"]
    read_only_for_units = True

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class DoithoaiUserAdmin(ScopedAdmin, UserAdmin):
    """A unit administrator manages the logins of its subtree, and can never make a superuser."""

    inlines = [MembershipInline]
    unit_field = "memberships__organization__unit"
    operator_only = ["is_superuser", "user_permissions", "groups"]

    def scope(self, queryset, request):
        return queryset.filter(pk__in=users_in(self.admin_units(request)).values("pk"))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += self.operator_only
        return fields
