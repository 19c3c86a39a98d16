"""Staff forms of convening; the checks that matter live in the verbs (convening/requests.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import AdministrativeUnit, Organization

from .models import ConveningRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VoterCountForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune or ward"), queryset=AdministrativeUnit.objects.none())
    as_of = forms.DateField(label=_("Voter list dated"), widget=DATE)
    voters = forms.IntegerField(label=_("Number of voters"), min_value=1, max_value=10_000_000)
    source = forms.CharField(label=_("Which voter list"), max_length=300)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else AdministrativeUnit.objects.none()


class RequestForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune or ward"), queryset=AdministrativeUnit.objects.none())
    title = forms.CharField(label=_("Subject (shown on the public portal)"), max_length=300)
    content = forms.CharField(label=_("Text of the request"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 6}))
    representative_name = forms.CharField(label=_("Representative of the voters"), max_length=200)
    representative_contact = forms.CharField(label=_("Representative's contact (phone, address or email)"), max_length=200)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else AdministrativeUnit.objects.none()


class SignaturesForm(forms.Form):
    supporters = forms.IntegerField(label=_("Signatures on this list"), min_value=1, max_value=10_000_000)
    scan = forms.FileField(label=_("Scan of the signed list (PDF, JPEG or PNG)"))


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Body that plans the dialogue"), queryset=Organization.objects.none())
    due_on = forms.DateField(label=_("Plan due by"), widget=DATE)
    basis = forms.CharField(label=_("Rule of the unit that sets this deadline"), max_length=300)

    def __init__(self, *args, request_obj: ConveningRequest | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if request_obj is not None:
            self.fields["owner"].queryset = Organization.objects.filter(unit=request_obj.unit, is_active=True)


class LinkForm(forms.Form):
    dialogue = forms.ModelChoiceField(label=_("Dialogue planned from this request"), queryset=None)

    def __init__(self, *args, dialogues=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dialogue"].queryset = dialogues


class ToldForm(forms.Form):
    on = forms.DateField(label=_("Told on"), widget=DATE)
    how = forms.CharField(label=_("How (letter, phone, in person)"), max_length=200)


class CloseForm(forms.Form):
    """Closing a request without a dialogue: the lists found invalid, or the request withdrawn."""

    on = forms.DateField(label=_("Decided on"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason (kept in the history, never public)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason: it is kept in the request's history.")},
    )
