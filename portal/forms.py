"""The public "send an opinion" form: the fields of issue 14, a honeypot, and the project's upload check."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.phones import validate_phone
from common.uploads import ATTACHMENTS, UploadRejected, check_upload
from organizations.models import AdministrativeUnit
from petitions.enums import PetitionerKind

from .models import RejectReason
from .submissions import MAX_CONTENT, open_for_opinions, receiving_units

SENDER_KINDS = [
    (PetitionerKind.PERSON, _("As a person")),
    (PetitionerKind.ORGANIZATION, _("For an organisation (I am its representative)")),
    (PetitionerKind.UNKNOWN, _("Anonymously (no written answer can be sent)")),
]


class OpinionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune or ward"), queryset=AdministrativeUnit.objects.none(), to_field_name="code")
    dialogue = forms.ModelChoiceField(
        label=_("Dialogue (optional)"),
        queryset=open_for_opinions().none(),
        required=False,
        empty_label=_("Not for a particular dialogue"),
    )
    content = forms.CharField(label=_("Your opinion"), max_length=MAX_CONTENT, widget=forms.Textarea(attrs={"rows": 6}))
    field_hint = forms.CharField(label=_("Field (optional)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("I send it"), choices=SENDER_KINDS, initial=PetitionerKind.PERSON, widget=forms.RadioSelect)
    full_name = forms.CharField(label=_("Full name (of the representative for an organisation)"), max_length=200, required=False)
    organization_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    attachment = forms.FileField(label=_("Attachment (PDF, image, Word or Excel; optional)"), required=False)
    consent = forms.BooleanField(
        label=_("I agree that my personal data is processed for the purpose stated above."),
        error_messages={"required": _("Your consent is needed to send an opinion (Law 91/2025/QH15).")},
    )
    notify = forms.BooleanField(
        label=_("I agree to receive notifications about this opinion by the email or phone given above."), required=False
    )
    # A field people never see (hidden by site.css) and robots fill in.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = receiving_units()
        self.fields["dialogue"].queryset = open_for_opinions().select_related("unit").order_by("date")

    def clean(self):
        """A phone the office can call back: "abc" would leave a named sender without an answer (anonymous keeps none)."""
        data = super().clean()
        if data.get("kind") != PetitionerKind.UNKNOWN:
            try:
                validate_phone((data.get("phone") or "").strip())
            except forms.ValidationError as error:
                self.add_error("phone", error)
        return data

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        try:
            return check_upload(upload, allowed=ATTACHMENTS, max_bytes=settings.PUBLIC_UPLOAD_MAX_BYTES)
        except UploadRejected as error:
            raise forms.ValidationError(error.messages) from None


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RejectReason.choices)
    note = forms.CharField(
        label=_("Note to the citizen"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedbackForm(forms.Form):
    """After the answer: did it settle the matter? A reason is needed when it did not."""

    ma = forms.CharField(max_length=20, widget=forms.HiddenInput)
    settled = forms.TypedChoiceField(
        label=_("Did the answer settle your matter?"),
        choices=[("yes", _("Yes, it is settled")), ("no", _("No, it is not settled"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If not, why? (it becomes a follow-up opinion to the commune)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
