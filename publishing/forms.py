"""Forms of the publication page; the verbs (publishing/results.py) hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HeadquartersForm(forms.Form):
    on = forms.DateField(label=_("Posted at the commune headquarters on"), widget=DATE)


class DispatchForm(forms.Form):
    on = forms.DateField(label=_("Sent on"), widget=DATE)
    dispatches = forms.TypedMultipleChoiceField(
        label=_("Recipients"), coerce=int, choices=[], widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dispatches"].choices = list(choices)


class RecipientForm(forms.Form):
    name = forms.CharField(label=_("Head of a village or residential group"), max_length=300)
