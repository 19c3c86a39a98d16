"""Master data in the Django admin; every change is kept in the history (the "History" button)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Appointment,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    PositionKind,
)


@admin.register(AdministrativeLevel)
class AdministrativeLevelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "rank", "is_historical"]


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]


@admin.register(OrganizationKind)
class OrganizationKindAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "family", "order"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "unit", "is_active"]
    list_filter = ["kind", "unit__level", "is_active"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["unit", "parent"]


@admin.register(PositionKind)
class PositionKindAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "is_head", "order"]


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "email", "phone"]
    search_fields = ["full_name", "email"]
    inlines = [AppointmentInline]


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "position", "organization", "start_date", "end_date"]
    list_filter = ["position", "organization__unit"]
    search_fields = ["person__full_name", "organization__name"]
    autocomplete_fields = ["person", "organization"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organization", "person"]
    list_filter = ["role", "organization__unit"]
    search_fields = ["user__username", "organization__name", "person__full_name"]
    autocomplete_fields = ["organization", "person"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organization", "person"]
    verbose_name = _("role of this user")
    verbose_name_plural = _("roles of this user")


admin.site.unregister(User)


@admin.register(User)
class DoithoaiUserAdmin(UserAdmin):
    inlines = [MembershipInline]
