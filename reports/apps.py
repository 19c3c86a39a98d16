from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports upward")

    def ready(self) -> None:
        from documents.issuing import SUBJECT_BUILDERS
        from documents.kinds import Kind

        from .mau2_document import build_for_register

        SUBJECT_BUILDERS[Kind.ANNUAL_REPORT] = build_for_register  # Mẫu 2 is issued through the register
