import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from pipdash.reports.selectors import PackDates
from pipdash.web.forms import GovukDateField, GovukFormMixin


class PackForm(GovukFormMixin, forms.Form):
    """The committee and dates a pack is for; read from the address (GET) so a report can be linked."""

    committee = forms.CharField(
        label="Committee",
        max_length=200,
        help_text="For example, Children and Young People Scrutiny Committee",
        error_messages={"required": "Enter the committee's name"},
    )
    meeting_on = GovukDateField(label="Meeting date", what="the meeting date", help_text="For example, 20 7 2018")
    since = GovukDateField(
        label="Changes since", what="the date of the last committee", help_text="Usually the last committee's date"
    )
    as_at = GovukDateField(
        label="Figures as at", what="the date of the figures", help_text="Figures dated after this are left out"
    )

    def clean(self):
        data = super().clean()
        since, as_at = data.get("since"), data.get("as_at")
        if since and as_at and since >= as_at:
            raise ValidationError({"since": "The date of the last committee must be before the date of the figures"})
        if as_at and as_at > timezone.localdate():
            raise ValidationError({"as_at": "The date of the figures must be today or in the past"})
        return data

    def dates(self) -> PackDates:
        data = self.cleaned_data
        return PackDates(data["committee"], data["meeting_on"], data["since"], data["as_at"])

    @staticmethod
    def initial_for(today: dt.date, last_committee: dt.date | None = None) -> dict:
        """Today's figures, and changes since the council's last committee (else the last three months)."""
        return {"meeting_on": today, "since": last_committee or today - dt.timedelta(days=91), "as_at": today}
