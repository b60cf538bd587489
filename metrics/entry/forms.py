"""Forms for entering figures and metrics, with GOV.UK date inputs (pipdash.web.forms) and plain error messages."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from metrics.models import Metric, Reading
from metrics.units import Direction, MeasureKind, Qualifier, Unit
from metrics.validation import reading_value_errors
from pipdash.web.forms import GovukDateField, GovukFormMixin


def parse_value(text: str) -> Decimal:
    """Read '1,207,908', '£1,207,908.50', '7.3%' or ' 155 ' as a number; ValidationError otherwise."""
    cleaned = re.sub(r"[\s,£%]", "", text or "")
    if cleaned.startswith("\u2212"):
        cleaned = "-" + cleaned[1:]
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ValidationError("Enter the value as a number, like 155 or 7.3")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError("Enter the value as a number, like 155 or 7.3") from None


class ValueField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if len(text) > self.max_length:
            raise ValidationError("Enter the value as a number, like 155 or 7.3")
        return parse_value(text)

    def run_validators(self, value):
        # CharField's length validators expect text; the length was already checked on the text.
        return None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError("Enter the value", code="required")


class ReadingForm(GovukFormMixin, forms.Form):
    metric = forms.ModelChoiceField(
        queryset=Metric.objects.none(),
        label="Metric",
        empty_label="Choose a metric",
        error_messages={"required": "Choose the metric this figure is for", "invalid_choice": "Choose a metric"},
    )
    kind = forms.ChoiceField(
        choices=Reading.Kind.choices,
        widget=forms.RadioSelect,
        label="What kind of figure is it?",
        initial=Reading.Kind.ACTUAL,
        error_messages={
            "required": "Choose whether this is an actual figure, a target or a baseline",
            "invalid_choice": "Choose whether this is an actual figure, a target or a baseline",
        },
    )
    value = ValueField(label="Value", help_text="Money in pounds, like 1207908.50; a percentage like 7.3")
    qualifier = forms.ChoiceField(
        choices=Qualifier.choices,
        required=False,
        label="How the source states it",
        help_text="Keep the source's words: a paper's 'over 50' is 50 here with 'Over'",
        error_messages={"invalid_choice": "Choose how the source states the figure, or 'Exactly'"},
    )
    period_start = GovukDateField(
        required=False,
        label="Start of the period (optional)",
        what="the start of the period",
        help_text="Leave blank for a figure 'as at' one date. For example, 1 4 2018",
    )
    period_end = GovukDateField(
        label="Date the figure is for",
        what="the date the figure is for",
        help_text="The 'as at' date or the last day of the period. For example, 20 7 2018",
    )
    source_note = forms.CharField(
        required=False,
        max_length=200,  # Reading.source_location, which an import's source column fills too
        label="Where this figure comes from (optional)",
        help_text="For example, 'Scrutiny committee report, 20 July 2018, project 1'",
    )
    explanation = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Explanation (if the figure looks unusual)",
        help_text="Why the figure is right, for example why a running total fell. Shown beside the figure.",
    )
    recovery_action = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What is being done about it (if the figure is off track)",
        help_text="The action that will bring it back on track. Published with the figure once approved.",
    )
    action_owner = forms.CharField(
        required=False,
        max_length=200,
        label="Who owns that action (optional)",
        help_text="A role or name, for example 'Head of Early Help'",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, project=None, council=None, reading=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading = reading
        if reading is not None:
            del self.fields["metric"]
            self.fields["version"].required = True
        else:
            del self.fields["version"]
            self.fields["metric"].queryset = Metric.objects.filter(
                Q(project=project) | Q(council=council, project__isnull=True)
            ).order_by("name")

    @property
    def chosen_metric(self) -> Metric | None:
        return self.reading.metric if self.reading is not None else self.cleaned_data.get("metric")

    def clean(self):
        data = super().clean()
        metric = self.chosen_metric
        if metric is None or any(name in self.errors for name in ("kind", "period_start", "period_end")):
            return data
        errors = reading_value_errors(
            metric=metric,
            kind=data["kind"],
            value=data.get("value"),
            period_start=data.get("period_start"),
            period_end=data["period_end"],
            today=timezone.localdate(),
        )
        for name, messages in errors.items():
            if name in self.errors:
                continue
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "value": data["value"],
            "qualifier": data.get("qualifier", ""),
            "period_start": data.get("period_start"),
            "period_end": data["period_end"],
            "source_note": data.get("source_note", ""),
            "explanation": data.get("explanation", ""),
            "recovery_action": data.get("recovery_action", ""),
            "action_owner": data.get("action_owner", ""),
        }


def reading_initial(reading: Reading) -> dict:
    return {
        "kind": reading.kind,
        "value": "" if reading.value is None else f"{reading.value.normalize():f}",
        "qualifier": reading.qualifier,
        "period_start": reading.period_start,
        "period_end": reading.period_end,
        # A paper's place ("Project 1") is the paper's; a manager's change states its own source.
        "source_note": "" if reading.source_document_id else reading.source_location,
        "explanation": reading.explanation,
        "recovery_action": reading.recovery_action,
        "action_owner": reading.action_owner,
        "version": reading.version,
    }


class ReturnForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why are you returning this figure?",
        help_text="The programme manager sees this beside the figure.",
        error_messages={"required": "Enter why you are returning this figure, so the manager can fix it"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class MetricForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        max_length=300,
        label="Name",
        help_text="For example, 'Staff trained in restorative practice'",
        error_messages={"required": "Enter the metric's name"},
    )
    unit = forms.ChoiceField(
        choices=Unit.choices,
        widget=forms.RadioSelect,
        label="Unit",
        error_messages={"required": "Choose the unit", "invalid_choice": "Choose the unit"},
    )
    direction = forms.ChoiceField(
        choices=Direction.choices,
        widget=forms.RadioSelect,
        label="Which way is good?",
        error_messages={"required": "Choose which way is good", "invalid_choice": "Choose which way is good"},
    )
    kind = forms.ChoiceField(
        choices=MeasureKind.choices,
        widget=forms.RadioSelect,
        label="Kind of measure",
        error_messages={"required": "Choose the kind of measure", "invalid_choice": "Choose the kind of measure"},
    )
    definition = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Definition (optional)",
        help_text="What is counted and how.",
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError("Enter the metric's name")
        if name[0] in "=+-@":
            # A name starting so would run as a formula in the spreadsheets pipdash writes.
            raise ValidationError("Start the metric's name with a letter or number, not =, +, - or @")
        return name

    def clean(self):
        data = super().clean()
        if data.get("kind") == MeasureKind.MONEY and data.get("unit") not in (None, Unit.GBP):
            self.add_error("unit", "Money is measured in pounds: choose 'Pounds (£)'")
        return data
