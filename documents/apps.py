from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents and dossier")

    def ready(self) -> None:
        from dialogues.lifecycle import register_archive_check

        from .archiving import CHECKS

        for check in CHECKS:
            register_archive_check(check)
