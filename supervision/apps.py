from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision and follow-up")

    def ready(self) -> None:
        # Findings, forecasts, escalations and directions go into the dialogue's dossier (003 Điều 15.2).
        from documents.dossier import register_contributor

        from .dossier import items_for

        register_contributor(items_for)
