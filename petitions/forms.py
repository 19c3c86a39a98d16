"""Forms for intake, classification, assignment and answers."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.phones import validate_phone
from common.uploads import ATTACHMENTS, CheckedUpload, check_upload
from dialogues.models import Dialogue
from notifications.consent import ConsentError, clean_contact
from organizations.forms import checked_table
from organizations.models import AdministrativeUnit, Organization

from .enums import Channel, Jurisdiction, Outcome, PetitionerKind

MAX_ATTACHMENT = 10 * 1024 * 1024


class PetitionerFields(forms.Form):
    kind = forms.ChoiceField(label=_("Petitioner"), choices=PetitionerKind.choices, initial=PetitionerKind.PERSON)
    full_name = forms.CharField(label=_("Full name (or representative)"), required=False)
    organization_name = forms.CharField(label=_("Organisation"), required=False)
    address = forms.CharField(label=_("Address"), required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"})
    )
    email = forms.EmailField(label=_("Email"), required=False)

    def clean_phone(self) -> str:
        """A number the office can call back (common.phones, as on the public form)."""
        phone = (self.cleaned_data.get("phone") or "").strip()
        validate_phone(phone)
        return phone


class IntakeForm(PetitionerFields):
    unit = forms.ModelChoiceField(AdministrativeUnit.objects.none(), label=_("Unit"))
    dialogue = forms.ModelChoiceField(Dialogue.objects.none(), label=_("For the dialogue"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_on = forms.DateField(
        label=_("Received on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(label=_("Attachment"), required=False)
    follow_up_of = forms.CharField(label=_("Follow-up of (tracking code of the earlier opinion)"), required=False)
    notify_consent = forms.BooleanField(
        label=_("The petitioner agrees to be told about this opinion at the email or phone above"), required=False
    )

    def clean(self) -> dict:
        """Consent needs a usable email or phone (notifications.consent checks them)."""
        data = super().clean()
        if data.get("notify_consent"):
            if not (data.get("email") or data.get("phone")):
                self.add_error("notify_consent", _("Give an email or a phone to send the notifications to."))
            else:
                try:
                    clean_contact(data.get("email") or "", data.get("phone") or "")
                except ConsentError as error:
                    self.add_error("notify_consent", str(error))
        return data

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["dialogue"].queryset = Dialogue.objects.filter(unit__in=units).exclude(status="cancelled")

    def clean_attachment(self) -> CheckedUpload | None:
        """The common upload check: real PDF, image, DOCX or XLSX by content, at most 10 MB, virus-scanned."""
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload, allowed=ATTACHMENTS, max_bytes=MAX_ATTACHMENT) if upload else None


class SheetForm(PetitionerFields):
    """Mẫu 4: one petitioner, one box per field of the profile."""

    unit = forms.ModelChoiceField(AdministrativeUnit.objects.none(), label=_("Unit"))
    dialogue = forms.ModelChoiceField(Dialogue.objects.none(), label=_("For the dialogue"), required=False)
    received_on = forms.DateField(
        label=_("Received on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units=None, fields=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["dialogue"].queryset = Dialogue.objects.filter(unit__in=units).exclude(status="cancelled")
        self.opinion_fields = list(fields)
        for field in self.opinion_fields:
            self.fields[f"field_{field.pk}"] = forms.CharField(
                label=field.name, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def opinion_boxes(self):
        return [self[f"field_{field.pk}"] for field in self.opinion_fields]


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(AdministrativeUnit.objects.none(), label=_("Unit"))
    dialogue = forms.ModelChoiceField(Dialogue.objects.none(), label=_("For the dialogue"), required=False)
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["dialogue"].queryset = Dialogue.objects.filter(unit__in=units).exclude(status="cancelled")

    def clean_file(self) -> CheckedUpload:
        """Checked by content: a real XLSX or a UTF-8 CSV within the size limit (common.uploads)."""
        return checked_table(self.cleaned_data["file"])


class ClassifyForm(forms.Form):
    field = forms.ModelChoiceField(None, label=_("Field"), required=False)
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), choices=Jurisdiction.choices)

    def __init__(self, *args, fields=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields
        self.fields["field"].choices = grouped_field_choices(fields)


def grouped_field_choices(fields) -> list:
    """The profile's field lists (Mẫu 4's and Mẫu 5's) as separate groups of one select, never mixed."""
    groups: dict[str, list] = {}
    for field in fields or []:
        groups.setdefault(field.form, []).append((field.pk, field.name))
    choices: list = [("", "---------")]
    for form, options in groups.items():
        label = _("Fields of %(form)s") % {"form": form} if form else _("Other fields")
        choices.append((label, options))
    return choices


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(Organization.objects.none(), label=_("Agency"))
    due = forms.DateField(
        label=_("Deadline (leave empty to follow the dialogue's schedule)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(label=_("Reason (required to reassign)"), required=False)

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
    legal_reason = forms.CharField(label=_("Legal reason (needs more time)"), required=False)
    new_due = forms.DateField(
        label=_("New date (needs more time)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sent_to = forms.CharField(label=_("Sent to (escalated, transferred, outside this procedure)"), required=False)


class TellForm(forms.Form):
    on = forms.DateField(label=_("Told on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    how = forms.CharField(label=_("How (letter, number of the written answer, by hand...)"))
