from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        # Levels, organisation kinds and positions arrive with the schema (missing codes only: edits stay).
        from common.reference import load_after_migrate

        from .reference import load_reference

        load_after_migrate(self, lambda: load_reference(keep_existing=True), "cấp hành chính, loại tổ chức, chức vụ")
