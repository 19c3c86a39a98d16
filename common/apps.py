from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Plumbing shared by every domain app (commands, uploads, background jobs); it imports no domain app."""

    name = "common"
    verbose_name = _("Shared services")
