from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import SHEETS

MAX_UPLOAD_BYTES = 15 * 1024 * 1024


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[(key, sheet.title) for key, sheet in SHEETS.items()])
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Only .xlsx or .csv files are accepted."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 15 MB."))
        return upload
