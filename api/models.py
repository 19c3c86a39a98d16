"""API tokens for machine clients (e.g. an upper level's tracking application).

A token acts through its own service user, which holds memberships in the token's organisation:
"upper-level viewer" (read its unit and everything below) and, only when write is granted,
"advising staff" (change data of its own unit). So a token can do exactly what a person with
those roles can do, through the same checks (organizations.access). Only a SHA-256 digest of the
secret is stored; the secret is shown once, when the token is issued.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization


class ApiToken(models.Model):
    name = models.CharField(_("client"), max_length=200, help_text=_("Which application uses this token, and who runs it."))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("organisation"),
        help_text=_("The token reads the data of this organisation's unit and of the units below it."),
    )
    can_write = models.BooleanField(
        _("may change data"),
        default=False,
        help_text=_("Off: read only. On: may also plan dialogues and receive petitions in the organisation's own unit."),
    )
    prefix = models.CharField(_("token starts with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_token",
        editable=False,
        verbose_name=_("service user"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
