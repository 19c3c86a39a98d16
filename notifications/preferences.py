"""A user's notification choices: the one verb that changes them, and which kinds no choice can silence."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction

from common.phones import PHONE

from .kinds import KINDS, Kind
from .models import NotificationPreference


class PreferenceError(ValueError):
    """Refused choices; the message is Vietnamese and nothing was saved."""


def always_sent() -> list[Kind]:
    """The legally required kinds: in-app and (with an address) email whatever the user chose."""
    return [kind for kind in KINDS.values() if kind.legally_required]


@transaction.atomic
def set_preferences(
    user: User,
    *,
    email: bool,
    sms: bool,
    zalo: bool,
    phone: str = "",
    digest: bool = False,
    digest_time: datetime.time | None = None,
) -> NotificationPreference:
    """Save the user's choices (row-locked). SMS or Zalo need a valid phone number."""
    phone = " ".join((phone or "").split())
    if phone and not PHONE.match(phone):
        raise PreferenceError("Số điện thoại không hợp lệ (chỉ gồm chữ số, có thể bắt đầu bằng +).")
    if (sms or zalo) and not phone:
        raise PreferenceError("Muốn nhận SMS hoặc Zalo, hãy nhập số điện thoại.")
    NotificationPreference.objects.get_or_create(user=user)
    choice = NotificationPreference.objects.select_for_update().get(user=user)
    choice.email, choice.sms, choice.zalo, choice.phone, choice.digest = email, sms, zalo, phone[:20], digest
    choice.digest_time = digest_time or datetime.time(7, 0)
    choice.save()
    return choice
