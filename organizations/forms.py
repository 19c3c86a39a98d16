from django import forms
from django.utils.translation import gettext_lazy as _

from common.uploads import TABLES, CheckedUpload, check_upload

from .importing import SHEETS

MAX_UPLOAD_BYTES = 15 * 1024 * 1024


def checked_table(upload) -> CheckedUpload:
    """The uploaded spreadsheet, checked by content (real XLSX or UTF-8 CSV, size); UploadRejected otherwise."""
    return check_upload(upload, allowed=TABLES, max_bytes=MAX_UPLOAD_BYTES)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[(key, sheet.title) for key, sheet in SHEETS.items()])
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def clean_file(self) -> CheckedUpload:
        return checked_table(self.cleaned_data["file"])
