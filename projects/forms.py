"""Forms for a project's milestones, progress updates and risks (GOV.UK patterns, plain messages)."""

from __future__ import annotations

from django import forms

from pipdash.web.forms import GovukDateField, GovukFormMixin
from projects.models import Risk

SCORES = [(1, "1 (very low)"), (2, "2 (low)"), (3, "3 (medium)"), (4, "4 (high)"), (5, "5 (very high)")]


class VersionedForm(GovukFormMixin, forms.Form):
    """A form for a record that may be edited by two people at once: it posts the version it started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.base_fields if name != "version"}
            initial["version"] = instance.version
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if instance is None:
            del self.fields["version"]
        else:
            self.fields["version"].required = True

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if "version" in data:
            data["expected_version"] = data.pop("version")
        return data


class MilestoneForm(VersionedForm):
    title = forms.CharField(max_length=300, label="Milestone", error_messages={"required": "Enter the milestone"})
    due_on = GovukDateField(label="Due date", what="the due date", help_text="For example, 30 9 2018")
    done_on = GovukDateField(
        required=False,
        label="Date it was done (optional)",
        what="the date it was done",
        help_text="Leave blank if it is not done yet",
    )
    field_order = ["title", "due_on", "done_on", "version"]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Enter the milestone")
        return title


class ProgressUpdateForm(VersionedForm):
    period_start = GovukDateField(
        required=False,
        label="Start of the period (optional)",
        what="the start of the period",
        help_text="For example, 1 4 2018",
    )
    period_end = GovukDateField(
        label="End of the period", what="the end of the period", help_text="For example, 30 6 2018"
    )
    summary = forms.CharField(
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Progress",
        help_text="What happened in the period, in plain words.",
        error_messages={"required": "Enter what progress was made"},
    )
    field_order = ["period_start", "period_end", "summary", "version"]

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if not summary:
            raise forms.ValidationError("Enter what progress was made")
        return summary


class RiskForm(VersionedForm):
    description = forms.CharField(
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Risk",
        error_messages={"required": "Describe the risk"},
    )
    likelihood = forms.TypedChoiceField(
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        label="Likelihood",
        error_messages={"required": "Choose how likely the risk is", "invalid_choice": "Choose how likely the risk is"},
    )
    impact = forms.TypedChoiceField(
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        label="Impact",
        error_messages={"required": "Choose the risk's impact", "invalid_choice": "Choose the risk's impact"},
    )
    owner = forms.CharField(max_length=200, required=False, label="Owner (optional)")
    mitigation = forms.CharField(
        max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Mitigation (optional)"
    )
    status = forms.ChoiceField(
        choices=Risk.Status.choices,
        widget=forms.RadioSelect,
        label="Status",
        initial=Risk.Status.OPEN,
        error_messages={"required": "Choose the risk's status", "invalid_choice": "Choose the risk's status"},
    )
    field_order = ["description", "likelihood", "impact", "owner", "mitigation", "status", "version"]

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError("Describe the risk")
        return description
