"""One rule for a phone number an office can call back, used by the forms, consent and notification preferences."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE = re.compile(r"^\+?[0-9][0-9 .-]{7,18}[0-9]$")


def validate_phone(value: str) -> None:
    """Digits, spaces, dots or dashes, optionally after a +; an empty value is left to the field's `required`."""
    if value and not PHONE.match(value):
        raise ValidationError(_("Enter a phone number of digits only (it may start with +), e.g. 0912 345 678."), code="phone")
