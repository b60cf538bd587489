"""The admin's upload form for an EES tidy-data file (the service is metrics.official.importer)."""

from django import forms

from metrics.official.periods import PeriodError, PeriodRule
from metrics.units import Direction, MeasureKind, Unit


class EESUploadForm(forms.Form):
    data_file = forms.FileField(label="Data file (.csv)")
    meta_file = forms.FileField(label="Metadata file (.meta.csv)", required=False)
    indicator = forms.CharField(max_length=200, help_text="The indicator column, e.g. turnover_rate_fte")
    filters = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One COLUMN=VALUE a line; filters not named are taken as Total",
    )
    publication_key = forms.SlugField(max_length=50, help_text="Short and stable, e.g. csww")
    publication_title = forms.CharField(max_length=300)
    publication_url = forms.URLField(required=False, max_length=500, assume_scheme="https")
    as_at = forms.CharField(required=False, max_length=5, help_text="Reporting years: the date described, MM-DD")
    year_ending = forms.CharField(required=False, max_length=5, help_text="Reporting years: the year's last day, MM-DD")
    name = forms.CharField(required=False, max_length=300, help_text="Blank: the metadata's label")
    definition = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ChoiceField(choices=[("", "From the metadata"), *Unit.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "From the unit"), *MeasureKind.choices], required=False)
    direction = forms.ChoiceField(choices=Direction.choices, initial=Direction.NEITHER)
    release_name = forms.CharField(required=False, max_length=200, help_text="e.g. Reporting year 2025")
    release_date = forms.DateField(required=False, help_text="The day the release was published, YYYY-MM-DD")
    replace_newer = forms.BooleanField(required=False, label="Let this release replace figures from a newer one")
    metric_slug = forms.SlugField(required=False, max_length=200, help_text="Load into this existing measure")
    dry_run = forms.BooleanField(required=False, initial=True, label="Check only: save nothing")

    def clean_filters(self):
        filters = {}
        for line in self.cleaned_data["filters"].splitlines():
            if not line.strip():
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise forms.ValidationError(f"{line!r} should be COLUMN=VALUE")
            filters[name.strip()] = value.strip()
        return filters

    def clean(self):
        data = super().clean()
        try:
            data["rule"] = PeriodRule.parse(as_at=data.get("as_at", ""), year_ending=data.get("year_ending", ""))
        except PeriodError as exc:
            self.add_error("as_at", str(exc))
        return data
