from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs: long work leaves the request, records its state and keeps its result file."""

    name = "jobs"
    verbose_name = _("Background jobs")
