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

        from dialogues.record import register_duty_filed

        from .dossier import file_duty

        register_duty_filed(file_duty)  # a duty's file (the socio-economic report) goes into the dossier
