from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = _("Working days")

    def ready(self) -> None:
        # The official calendar decisions arrive with the schema: deadlines are right after a bare `migrate`.
        from common.reference import load_after_migrate

        from .loading import load_shipped_overrides

        load_after_migrate(self, load_shipped_overrides, "quyết định hoán đổi ngày làm việc")
