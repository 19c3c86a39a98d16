"""The Django admin as a unit administrator sees it: only its unit's subtree, through organizations.access.

The platform operator (superuser, made only by `create_operator`) keeps Django's full admin. Anyone
else gets no Django model permissions at all; what they may see and change comes from `can()`:
- unit-owned rows (`unit_field` names the path to the unit) are listed, opened and changed only
  within the units where the user may do `admin_action`; foreign-key choices are cut the same way;
- shared reference data (`unit_field = None`: levels, kinds, positions, profiles, calendar decisions)
  is read-only, because a change there reaches every unit in the country.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from .access import units_for
from .models import AdministrativeUnit, Membership, Organization, Person


def people_in(units) -> QuerySet[Person]:
    """People holding a position or a login in these units (a person has no unit of their own)."""
    condition = Q(appointments__organization__unit__in=units) | Q(memberships__organization__unit__in=units)
    return Person.objects.filter(pk__in=Person.objects.filter(condition).values("pk"))


def users_in(units) -> QuerySet[User]:
    """Logins a unit administrator may manage: not the operator, and no role outside these units."""
    outside = Membership.objects.exclude(organization__unit__in=units).values("user_id")
    return User.objects.filter(is_superuser=False).exclude(pk__in=outside)


def _operator(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class ScopedAdmin(admin.ModelAdmin):
    """Mix in before the ModelAdmin base: scope by unit for everyone but the platform operator."""

    unit_field: str | None = "unit"
    admin_action = "manage_master_data"
    read_only_for_units = False  # unit administrators may read but not change these rows

    def admin_units(self, request) -> QuerySet[AdministrativeUnit]:
        cached = getattr(request, "_admin_units", {})
        if self.admin_action not in cached:
            cached[self.admin_action] = list(units_for(request.user, self.admin_action).values_list("pk", flat=True))
            request._admin_units = cached
        return AdministrativeUnit.objects.filter(pk__in=cached[self.admin_action])

    def _in_scope(self, request, obj) -> bool:
        if obj is None or self.unit_field is None:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def _unit_admin(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and self.admin_units(request).exists()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if _operator(request) or self.unit_field is None:
            return queryset
        return self.scope(queryset, request)

    def scope(self, queryset, request):
        return queryset.filter(**{f"{self.unit_field}__in": self.admin_units(request)}).distinct()

    def has_module_permission(self, request) -> bool:
        return _operator(request) or self._unit_admin(request)

    def has_view_permission(self, request, obj=None) -> bool:
        if _operator(request):
            return super().has_view_permission(request, obj)
        return self._unit_admin(request) and self._in_scope(request, obj)

    def _may_change(self, request, obj=None) -> bool:
        if self.unit_field is None or self.read_only_for_units:
            return False
        return self._unit_admin(request) and self._in_scope(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        if _operator(request):
            return super().has_add_permission(request, *args)
        return self._may_change(request)

    def has_change_permission(self, request, obj=None) -> bool:
        if _operator(request):
            return super().has_change_permission(request, obj)
        return self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if _operator(request):
            return super().has_delete_permission(request, obj)
        return self._may_change(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not _operator(request):
            if db_field.related_model is AdministrativeUnit:
                kwargs["queryset"] = self.admin_units(request)
            elif db_field.related_model is Organization:
                kwargs["queryset"] = Organization.objects.filter(unit__in=self.admin_units(request))
            elif db_field.related_model is Person:
                kwargs["queryset"] = people_in(self.admin_units(request))
            elif db_field.related_model is User:
                kwargs["queryset"] = users_in(self.admin_units(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedInline(admin.options.InlineModelAdmin):
    """Inlines follow their parent's scope; choices are cut to the user's units the same way."""

    admin_action = "manage_master_data"
    read_only_for_units = False
    unit_field: str | None = None

    def _unit_admin(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and units_for(request.user, self.admin_action).exists()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if _operator(request) or self.unit_field is None:
            return queryset
        return queryset.filter(**{f"{self.unit_field}__in": units_for(request.user, self.admin_action)})

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) if _operator(request) else self._unit_admin(request)

    def _may_change(self, request) -> bool:
        return not self.read_only_for_units and self._unit_admin(request)

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) if _operator(request) else self._may_change(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) if _operator(request) else self._may_change(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) if _operator(request) else self._may_change(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not _operator(request):
            units = units_for(request.user, self.admin_action)
            if db_field.related_model is AdministrativeUnit:
                kwargs["queryset"] = units
            elif db_field.related_model is Organization:
                kwargs["queryset"] = Organization.objects.filter(unit__in=units)
            elif db_field.related_model is Person:
                kwargs["queryset"] = people_in(units)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
