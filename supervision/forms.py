"""Forms of the supervision screens: they check the input's shape; the verbs check the rules."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from common import dates
from common.api_types import FIRST_YEAR, LAST_YEAR
from dialogues.models import Dialogue
from organizations.models import Organization

from .enums import EscalationKind
from .models import SupervisionPlan


def _date(label, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=dates.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _text(label, rows: int = 3, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=20_000, widget=forms.Textarea(attrs={"rows": rows}))


class BodyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class PlanForm(forms.Form):
    organization = BodyChoice(Organization.objects.none(), label=_("Supervising body"))
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, initial=lambda: dates.today().year)
    title = forms.CharField(label=_("Title"), max_length=300)
    content = _text(_("Content"), required=False)

    def __init__(self, *args, bodies: QuerySet[Organization], **kwargs) -> None:
        super().__init__(*args, prefix="plan", **kwargs)
        self.fields["organization"].queryset = bodies


class CoverageForm(forms.Form):
    dialogues = forms.ModelMultipleChoiceField(
        Dialogue.objects.none(), label=_("Dialogues covered"), required=False, widget=forms.CheckboxSelectMultiple
    )
    tracking_codes = forms.CharField(
        label=_("Matters covered: tracking codes of their opinions, separated by commas or spaces"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, plan: SupervisionPlan, **kwargs) -> None:
        super().__init__(*args, prefix="coverage", **kwargs)
        self.fields["dialogues"].queryset = Dialogue.objects.filter(
            unit__path__startswith=plan.unit.path, date__year=plan.year
        ).order_by("date", "id")

    def codes(self) -> list[str]:
        raw = self.cleaned_data.get("tracking_codes") or ""
        return [code.strip().upper() for code in raw.replace(",", " ").split() if code.strip()]


class FindingForm(forms.Form):
    organization = BodyChoice(Organization.objects.none(), label=_("Supervising body"))
    plan = forms.ModelChoiceField(SupervisionPlan.objects.none(), label=_("Under the plan"), required=False)
    found_on = _date(_("Found on"))
    finding = _text(_("Finding"))
    request = _text(_("Request to the agency"), rows=2, required=False)
    agency = BodyChoice(Organization.objects.none(), label=_("Agency asked"), required=False)

    def __init__(self, *args, bodies, agencies, plans, **kwargs) -> None:
        super().__init__(*args, prefix="finding", **kwargs)
        self.fields["organization"].queryset = bodies
        self.fields["agency"].queryset = agencies
        self.fields["plan"].queryset = plans


class ReplyForm(forms.Form):
    reply = _text(_("Reply"), rows=2)
    replied_on = _date(_("Replied on"))


class ForecastForm(forms.Form):
    organization = BodyChoice(Organization.objects.none(), label=_("Supervising body"))
    content = _text(_("Situations likely at the conference"), rows=4)
    file = forms.FileField(label=_("File (PDF, image, Word or Excel)"), required=False)

    def __init__(self, *args, bodies, **kwargs) -> None:
        super().__init__(*args, prefix="forecast", **kwargs)
        self.fields["organization"].queryset = bodies


class EscalationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EscalationKind.choices)
    content = _text(_("What is proposed to the upper level"))
    upper_level = forms.CharField(label=_("Sent to (upper level)"), max_length=300)
    letter_number = forms.CharField(label=_("Letter number"), max_length=50)
    letter_date = _date(_("Letter date"))
    due = forms.DateField(
        label=_("Reply expected by (set by the office)"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    file = forms.FileField(label=_("Letter file"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix="escalation", **kwargs)


class DirectionForm(forms.Form):
    content = _text(_("Direction (e.g. review and handle the cadres responsible)"))
    owner = BodyChoice(Organization.objects.none(), label=_("Owner"))
    directed_on = _date(_("Directed on"))
    due = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, owners, **kwargs) -> None:
        super().__init__(*args, prefix="direction", **kwargs)
        self.fields["owner"].queryset = owners


class CompleteForm(forms.Form):
    result = _text(_("Result"), rows=2)
    done_on = _date(_("Done on"))


def first_error(form: forms.Form) -> str:
    """The first error, prefixed with its field's label: the one message of a refused form."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return ""
