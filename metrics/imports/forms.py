"""The upload form: one file, refused with a message if it is too big to read."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat


def too_large_message() -> str:
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    return f"The file is larger than {filesizeformat(limit)}. Split it into smaller files and upload each."


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or Excel workbook (.xlsx) in the template's layout.",
        error_messages={
            "required": "Select a CSV or Excel file to upload",
            "empty": "The file is empty. Fill in the template and upload it again.",
            "invalid": "Select a CSV or Excel file to upload",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        # Check the size the upload handler counted before reading the file into memory.
        if limit and upload.size > limit:
            raise forms.ValidationError(too_large_message())
        return upload


class ImportConfirmForm(forms.Form):
    fingerprint = forms.CharField(max_length=64, widget=forms.HiddenInput)
