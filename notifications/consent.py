"""A petitioner's consent to be told about their opinion by email or SMS, and its withdrawal.

Called by the portal's public opinion form (source "web") and by the staff intake form (source "staff")
right after the opinion is received. Consent is for this opinion only (Luật 91/2025/QH15: a stated
purpose); without it nothing is ever sent to a petitioner. Recording it sends the receipt at once; once
the matter is anonymised the contact goes too (`consent_retention`, a daily source).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from common.phones import PHONE

from .models import ConsentSource, Notification, NotificationState, PetitionerConsent
from .petitioners import receipt
from .reminders import register


class ConsentError(ValueError):
    """Contact details that cannot be used; the message is Vietnamese and nothing was written."""


def clean_contact(email: str, phone: str) -> tuple[str, str]:
    email, phone = (email or "").strip(), (phone or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ConsentError("Địa chỉ email để nhận thông báo không hợp lệ.") from None
        if len(email) > 254:
            raise ConsentError("Địa chỉ email để nhận thông báo quá dài.")
    if phone and not PHONE.match(phone):
        raise ConsentError("Số điện thoại để nhận thông báo không hợp lệ (chỉ gồm chữ số, có thể bắt đầu bằng +).")
    return email, " ".join(phone.replace(".", " ").replace("-", " ").split())[:20]


@transaction.atomic
def record_consent(petition, *, email: str = "", phone: str = "", source: str = "web") -> None:
    """Record that the petitioner of `petition` agreed to be told at this email and/or phone, then send the receipt.

    Without an email or a phone nothing is recorded. Bad details raise ConsentError and write nothing.
    Recording again (same opinion) replaces the contact and renews a withdrawn consent.
    Side effect: the receipt with the tracking code is queued (petitioners.receipt).
    """
    if source not in ConsentSource.values:
        raise ConsentError("Nguồn ghi nhận sự đồng ý không hợp lệ.")
    email, phone = clean_contact(email, phone)
    if not email and not phone:
        return
    consent, _created = PetitionerConsent.objects.select_for_update().update_or_create(
        petition=petition,
        defaults={"email": email, "phone": phone, "source": source, "given_at": timezone.now(), "withdrawn_at": None},
    )
    receipt(consent)


@transaction.atomic
def withdraw_consent(petition) -> bool:
    """The petitioner no longer wants to be told: the contact kept for it is erased, unsent messages cancelled."""
    consent = PetitionerConsent.objects.select_for_update().filter(petition=petition, withdrawn_at__isnull=True).first()
    if consent is None:
        return False
    consent.withdrawn_at, consent.email, consent.phone = timezone.now(), "", ""
    consent.save(update_fields=["withdrawn_at", "email", "phone"])
    consent.notifications.filter(state__in=[NotificationState.PENDING, NotificationState.FAILED]).update(
        state=NotificationState.CANCELLED, address="", next_attempt_at=None
    )
    return True


def mask(address: str) -> str:
    """A petitioner's contact as staff screens show it: "t***@example.vn", "*******111"."""
    address = address or ""
    if "@" in address:
        name, _at, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return "*" * max(0, len(address) - 3) + address[-3:]


@register("notifications.consent_retention")
def consent_retention(day: datetime.date) -> int:
    """Contacts given for notifications go with the petitioner's data: once petitions.retention has anonymised
    a matter, the consents of its opinions lose their email and phone, and so do the rows sent to them.

    Reads the matter's history through the consent's own foreign key (no import of petitions); returns 0
    because it writes no notification."""
    anonymised = PetitionerConsent.objects.filter(petition__case__events__action="anonymised").exclude(email="", phone="")
    ids = list(anonymised.values_list("pk", flat=True))
    if not ids:
        return 0
    PetitionerConsent.objects.filter(pk__in=ids).update(email="", phone="", withdrawn_at=timezone.now())
    Notification.objects.filter(consent_id__in=ids).exclude(state=NotificationState.SENT).update(
        state=NotificationState.CANCELLED, next_attempt_at=None
    )
    Notification.objects.filter(consent_id__in=ids).update(address="")
    return 0
