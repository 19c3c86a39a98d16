from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationsConfig(AppConfig):
    name = "regulations"
    verbose_name = _("Regulation profiles")

    def ready(self) -> None:
        # The five shipped profiles arrive with the schema (refreshed only when their file changed).
        from common.reference import load_after_migrate

        from .loading import load_shipped_profiles

        load_after_migrate(self, load_shipped_profiles, "bộ quy định mẫu")
