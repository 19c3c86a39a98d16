from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The security event log: logins, refusals, downloads, uploads, token use (OWASP ASVS V7)."""

    name = "audit"
    verbose_name = _("Security log")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the login signals)
