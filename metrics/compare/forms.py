"""The compare page's selection, read from the URL (a GET form), so a comparison can be bookmarked."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import forms

from metrics.compare.selectors import comparable_metric_list, comparison_group_list
from pipdash.dates import FinancialYear
from programmes.models import ComparisonGroup, Council, OfstedJudgement, Programme, Region

YEAR_HELP = "A year like 2018, or a financial or academic year like 2018/19"


class YearField(forms.CharField):
    """A year as people and DfE write it: "2018", or "2018/19" (a financial or academic year, by its first
    year). A figure is in a year by its label: 2018/19 is in 2018, as at 30 September 2018 too."""

    def __init__(self, **kwargs):
        super().__init__(required=False, help_text=YEAR_HELP, **kwargs)

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        if len(text) > 9:
            raise forms.ValidationError("Give a year like 2018 or 2018/19", code="invalid")
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
        else:
            try:
                year = FinancialYear.parse(text).start_year  # an academic year is written the same way
            except ValueError:
                raise forms.ValidationError(f"{text} is not a year like 2018 or 2018/19", code="invalid") from None
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("Give a year from 2000 to 2100", code="invalid")
        return year


def council_named(name: str) -> Council:
    """The council a typed name means: exact (any case) first, then a unique partial match; live councils first."""
    text = " ".join(name.split())
    councils = list(Council.objects.filter(name__iexact=text).order_by("operational_to"))
    if not councils:
        councils = list(Council.objects.filter(name__icontains=text))
    live = [c for c in councils if c.is_live]
    if len(live) == 1:
        return live[0]
    if len(councils) == 1:
        return councils[0]
    if not councils:
        raise forms.ValidationError(f"No council is called {text}", code="unknown")
    names = "; ".join(f"{c} ({c.gss_code})" for c in councils[:6])
    raise forms.ValidationError(f"{text} could mean several councils: {names}. Type more of the name", code="ambiguous")


def _not_in_list(what: str) -> dict:
    return {"invalid_choice": f"Choose {what} from the list"}


class CompareForm(forms.Form):
    metric = forms.ModelChoiceField(
        queryset=None,  # set in __init__: common-definition metrics only
        to_field_name="slug",
        required=False,
        label="Measure",
        empty_label="Choose a measure",
        help_text="Only measures with a common, official definition can be compared across councils.",
        error_messages=_not_in_list("a measure with a common definition"),
    )
    council = forms.ModelMultipleChoiceField(
        queryset=Council.objects.all(),
        to_field_name="gss_code",
        required=False,
        label="Councils chosen",
        error_messages={"invalid_choice": "No council has the code %(value)s: remove it or add the council by name"},
    )
    add = forms.CharField(required=False, label="Add a council", help_text="Type a council's name", max_length=100)
    region = forms.ModelChoiceField(
        queryset=Region.objects.filter(gss_code__startswith="E12"),
        to_field_name="gss_code",
        required=False,
        label="Every council in a region",
        empty_label="No region",
        error_messages=_not_in_list("a region"),
    )
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.all(),
        to_field_name="slug",
        required=False,
        label="Every council in a programme",
        empty_label="No programme",
        error_messages=_not_in_list("a programme"),
    )
    group = forms.ModelChoiceField(
        queryset=ComparisonGroup.objects.none(),
        to_field_name="slug",
        required=False,
        label="A comparison group",
        empty_label="No group",
        error_messages=_not_in_list("a comparison group (your own or a shared one)"),
    )
    ofsted = forms.ChoiceField(
        choices=[("", "Any judgement"), *OfstedJudgement.Grade.choices],
        required=False,
        label="Latest Ofsted judgement",
        help_text="Keep only councils whose latest overall effectiveness is this (on its own: every such council)",
        error_messages=_not_in_list("an Ofsted judgement"),
    )
    first_year = YearField(label="From (year)")
    last_year = YearField(label="To (year)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = comparable_metric_list()
        self.fields["group"].queryset = comparison_group_list(user=user)

    def clean_add(self):
        """Every council typed in: an address may name several with add=…&add=…, and none is dropped."""
        names = [name.strip() for name in self.data.getlist("add") if name.strip()] if self.data else []
        councils, problems = [], []
        for name in names:
            try:
                councils.append(council_named(name))
            except forms.ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise forms.ValidationError(problems)
        return councils

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and first > last:
            self.add_error("last_year", "The last year must be the same as or after the first")
        # Councils added one by one need no measure yet; a region, programme or group asks to compare now.
        chooses = [name for name in ("region", "programme", "group", "ofsted") if data.get(name)]
        if chooses and not data.get("metric") and "metric" not in self.errors:
            chosen = "Ofsted judgement" if chooses[0] == "ofsted" else chooses[0]
            self.add_error("metric", f"Choose a measure to compare the {chosen}'s councils on")
        return data

    @property
    def chosen_codes(self) -> list[str]:
        # In the order the address gave them, so the canonical address round-trips unchanged.
        valid = {c.gss_code for c in self.cleaned_data.get("council") or []}
        codes = [code for code in dict.fromkeys(self.data.getlist("council")) if code in valid]
        for added in self.cleaned_data.get("add") or []:
            if added.gss_code not in codes:
                codes.append(added.gss_code)
        return codes

    def valid_chosen_councils(self) -> list[Council]:
        """The councils named in the address that exist, in its order, for a form that failed elsewhere."""
        codes = list(dict.fromkeys(self.data.getlist("council"))) if self.data else []
        found = {c.gss_code: c for c in Council.objects.filter(gss_code__in=codes).select_related("region")}
        chosen = [found[code] for code in codes if code in found]
        for council in chosen:
            council.chosen_as = None
        return chosen

    def query_string(self, **changes) -> str:
        """The canonical URL query for this selection: codes, not typed names."""
        data = self.cleaned_data
        params = [("metric", data["metric"].slug)] if data.get("metric") else []
        params += [("council", code) for code in self.chosen_codes]
        for name in ("region", "programme", "group"):
            if data.get(name):
                params.append((name, data[name].gss_code if name == "region" else data[name].slug))
        if data.get("ofsted"):
            params.append(("ofsted", data["ofsted"]))
        for name in ("first_year", "last_year"):
            if data.get(name):
                params.append((name, " ".join(self.data.get(name, "").split()) or data[name]))  # as the user wrote it
        params += list(changes.items())
        return urlencode(params)


class SaveGroupForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name for this group of councils")
    council = forms.ModelMultipleChoiceField(queryset=Council.objects.all(), to_field_name="gss_code", label="Councils")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())
