from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications and reminders: rows written by the domain verbs, sent by an idempotent poller."""

    name = "notifications"
    verbose_name = _("Notifications")
