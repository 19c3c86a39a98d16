"""API tokens in the admin: issue (the secret is shown once), see last use, revoke. Superusers only."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from . import tokens
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "organization", "can_write", "created_at", "last_used_at", "last_used_ip", "revoked_at"]
    list_filter = ["can_write", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "organization__name"]
    autocomplete_fields = ["organization"]
    actions = ["revoke"]
    readonly_fields = [
        "name",
        "organization",
        "can_write",
        "prefix",
        "user",
        "created_by",
        "created_at",
        "last_used_at",
        "last_used_ip",
        "revoked_at",
        "revoked_by",
    ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # revoke instead: the row keeps who issued it and its last use

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        return self.readonly_fields if obj else []

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        return self.readonly_fields if obj else ["name", "organization", "can_write"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if change:
            return  # nothing is editable; a token is issued or revoked
        token, secret = tokens.issue(request.user, name=obj.name, organization=obj.organization, can_write=obj.can_write)
        obj.__dict__.update({key: value for key, value in token.__dict__.items() if not key.startswith("_")})
        obj._secret = secret

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue: str | None = None) -> HttpResponse:
        context = {**self.admin_site.each_context(request), "token": obj, "secret": obj._secret, "opts": self.opts}
        response = TemplateResponse(request, "api/token_issued.html", context)
        add_never_cache_headers(response)  # the secret must not stay in any cache
        return response

    @admin.action(description=_("Revoke the selected API tokens"))
    def revoke(self, request: HttpRequest, queryset) -> None:
        for token in queryset.select_related("organization__unit"):
            tokens.revoke(token, request.user)
        self.message_user(request, _("The selected API tokens were revoked."), messages.SUCCESS)
