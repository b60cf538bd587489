"""The form an approver grants an exception to a lock with (/returns/exceptions/)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from metrics.models import Metric
from pipdash.web.forms import GovukDateField, GovukFormMixin
from programmes.models import Council, Role


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class _MeasureChoice(forms.ModelChoiceField):
    def __init__(self, *args, several_councils=False, **kwargs):
        self.several_councils = several_councils
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.council.name})" if self.several_councils else obj.name


class LockExceptionForm(GovukFormMixin, forms.Form):
    council = forms.ModelChoiceField(
        queryset=Council.objects.none(), label="Council", error_messages={"required": "Choose the council"}
    )
    user = _PersonChoice(
        queryset=get_user_model().objects.none(),
        label="Programme manager who may change the figures",
        error_messages={"required": "Choose the programme manager"},
    )
    metric = _MeasureChoice(
        queryset=Metric.objects.none(), required=False, empty_label="Every measure", label="Measure"
    )
    period_end = GovukDateField(
        required=False,
        what="the last day of the period",
        label="Last day of the locked period",
        help_text="For example, 31 10 2026. Leave blank to allow changes to every locked period.",
    )
    reason = forms.CharField(
        label="Why may the figures change after the lock?",
        help_text="The programme manager and the council's approvers see this beside the figures.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why the figures may change after the lock"},
    )
    ends_on = GovukDateField(
        what="the last day changes are allowed",
        label="Allow changes until",
        help_text="For example, 31 1 2027. The exception ends at the end of this day.",
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        council_ids = [c.pk for c in councils]
        self.fields["council"].queryset = Council.objects.filter(pk__in=council_ids).order_by("name")
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(memberships__council_id__in=council_ids, memberships__role=Role.MANAGER)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["metric"].queryset = (
            Metric.objects.filter(council_id__in=council_ids).exclude(reporting_frequency="").select_related("council")
            .order_by("council__name", "name")
        )
        self.fields["metric"].several_councils = len(council_ids) > 1
        if len(council_ids) == 1:
            self.fields["council"].empty_label = None
