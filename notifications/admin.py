"""Administrators see every notification, its attempts and last error, and can send a failed one again."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Notification, NotificationState


@admin.action(description=_("Send again"))
def send_again(modeladmin, request, queryset):
    queryset.exclude(state=NotificationState.SENT).update(
        state=NotificationState.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_at=None, claim=""
    )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "channel", "kind", "state", "due_at", "attempts", "sent_at", "last_error"]
    list_filter = ["state", "channel", "kind", "legally_required"]
    search_fields = ["subject", "recipient__username", "address"]
    date_hierarchy = "due_at"
    actions = [send_again]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
