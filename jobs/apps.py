from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs: long work leaves the request, records its state and keeps its result file."""

    name = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Each app's handlers live in <app>/jobs.py; importing them here lets a worker run every kind.
        autodiscover_modules("jobs")
