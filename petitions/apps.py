from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Opinions and petitions")

    def ready(self) -> None:
        from dialogues.progress import register_work_source

        from .casework import dialogue_work

        register_work_source(dialogue_work)  # the steps done by the work itself (dialogues/progress.py)
