from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from petitions.retention import register

        from .retention import erase_stale_submissions

        register("ý kiến gửi qua mạng không được tiếp nhận", erase_stale_submissions)
