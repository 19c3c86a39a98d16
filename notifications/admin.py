"""Administrators see every notification, its attempts and last error, and can send a failed one again;
the platform operator edits the Vietnamese texts (checked in the sandbox before they are saved)."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .consent import mask
from .kinds import KINDS
from .models import MessageTemplate, Notification, NotificationState
from .templating import TemplateInvalid, validate


@admin.action(description=_("Send again"))
def send_again(modeladmin, request, queryset):
    queryset.filter(state=NotificationState.FAILED).update(
        state=NotificationState.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_at=None, claim=""
    )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "who", "channel", "kind", "state", "due_at", "attempts", "sent_at", "last_error"]
    list_filter = ["state", "channel", "kind", "legally_required"]
    search_fields = ["subject", "recipient__username"]
    date_hierarchy = "due_at"
    actions = [send_again]
    list_select_related = ["recipient"]
    exclude = ["address"]
    readonly_fields = [f.name for f in Notification._meta.fields if f.name != "address"] + ["shown_address"]

    @admin.display(description=_("recipient"))
    def who(self, row: Notification) -> str:
        return str(row.recipient) if row.recipient_id else str(_("petitioner (consented)"))

    @admin.display(description=_("address"))
    def shown_address(self, row: Notification) -> str:
        """A petitioner's contact is personal data: shown masked here (the full value is only used to send)."""
        return mask(row.address) if row.consent_id else row.address

    def has_add_permission(self, request) -> bool:
        return False


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["kind", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14, "cols": 100})}

    def clean(self):
        data = super().clean()
        if data.get("kind") and data["kind"] not in KINDS:
            raise forms.ValidationError("Loại thông báo không có trong danh sách.")
        try:
            validate(data.get("subject", ""), data.get("body", ""))
        except TemplateInvalid as error:
            raise forms.ValidationError(str(error)) from None
        return data


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """Global texts for every unit: the platform operator (superuser) only. Deleting a text restores the default."""

    form = MessageTemplateForm
    list_display = ["kind", "label", "citation", "required", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by", "citation", "default_text"]

    @admin.display(description=_("kind"))
    def label(self, row: MessageTemplate) -> str:
        return KINDS[row.kind].label if row.kind in KINDS else row.kind

    @admin.display(description=_("basis"))
    def citation(self, row: MessageTemplate) -> str:
        return KINDS[row.kind].citation if row.kind in KINDS else ""

    @admin.display(description=_("legally required"), boolean=True)
    def required(self, row: MessageTemplate) -> bool:
        return row.kind in KINDS and KINDS[row.kind].legally_required

    @admin.display(description=_("default text"))
    def default_text(self, row: MessageTemplate) -> str:
        kind = KINDS.get(row.kind)
        return f"{kind.subject}\n\n{kind.body}" if kind else ""

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser
