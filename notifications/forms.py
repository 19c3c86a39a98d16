"""The preferences form (the verb in preferences.py checks and saves)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=_("Send me emails"), required=False)
    sms = forms.BooleanField(label=_("Send me SMS"), required=False)
    zalo = forms.BooleanField(label=_("Send me Zalo OA messages"), required=False)
    phone = forms.CharField(label=_("Phone for SMS and Zalo"), required=False, max_length=20)
    digest = forms.BooleanField(label=_("One daily digest mail instead of single mails"), required=False)
    digest_time = forms.TimeField(
        label=_("Digest time"), initial=datetime.time(7, 0), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
