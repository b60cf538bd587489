"""Random input into every data-entry POST endpoint: never a server error, nothing half-saved.

"Nothing half-saved": every saved record's latest history entry matches it (same version and
values), so no request left a row without its history or a history entry without its row.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.models import Metric, Reading
from projects.models import Milestone, ProgressUpdate, Risk
from tests.conftest import client_for

FIELDS = {
    "reading-add": [
        "metric",
        "kind",
        "value",
        "period_start_day",
        "period_start_month",
        "period_start_year",
        "period_end_day",
        "period_end_month",
        "period_end_year",
        "source_note",
        "explanation",
    ],
    "metric-add": ["name", "unit", "direction", "kind", "definition"],
    "milestone-add": [
        "title",
        "due_on_day",
        "due_on_month",
        "due_on_year",
        "done_on_day",
        "done_on_month",
        "done_on_year",
    ],
    "progress-update-add": [
        "period_start_day",
        "period_start_month",
        "period_start_year",
        "period_end_day",
        "period_end_month",
        "period_end_year",
        "summary",
    ],
    "risk-add": ["description", "likelihood", "impact", "owner", "mitigation", "status"],
}
EDITS = {
    "reading-edit": "reading-add",
    "milestone-edit": "milestone-add",
    "progress-update-edit": "progress-update-add",
    "risk-edit": "risk-add",
}

plausible = st.sampled_from(
    [
        "",
        "0",
        "1",
        "7.3",
        "-1",
        "155",
        "100.5",
        "1,207,908.50",
        "£10",
        "12",
        "2018",
        "31",
        "2",
        "1e999",
        "NaN",
        "actual",
        "target",
        "baseline",
        "count",
        "percent",
        "gbp",
        "higher",
        "cumulative",
        "money",
        "open",
        "closed",
        "3",
        "5",
        "99999999999999999999",
    ]
)
field_value = st.one_of(
    plausible,
    st.text(max_size=60),
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


def form_data(names):
    return st.fixed_dictionaries({}, optional=dict.fromkeys([*names, "version"], field_value))


def _assert_nothing_half_saved():
    for model in (Reading, Metric, Milestone, ProgressUpdate, Risk):
        for obj in model.objects.all():
            latest = obj.history.order_by("-history_date", "-history_id").first()
            assert latest is not None, f"{model.__name__} {obj.pk} has no history"
            assert latest.version == obj.version, f"{model.__name__} {obj.pk}: history lags the row"


SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.mark.parametrize("name", [*FIELDS, *EDITS])
def test_random_form_posts_never_fail(name, manager, project, metric, draft, milestone, update, risk):
    client = client_for(manager)
    pk = {"reading-edit": draft, "milestone-edit": milestone, "progress-update-edit": update, "risk-edit": risk}.get(
        name
    )
    if name == "reading-edit":
        url = reverse(name, kwargs={"gss_code": "E10000019", "pk": pk.pk})
    else:
        url = reverse(name, kwargs={"gss_code": "E10000019", "slug": project.slug, **({"pk": pk.pk} if pk else {})})

    @SLOW
    @given(data=form_data(FIELDS[EDITS.get(name, name)]))
    def post(data):
        if name == "reading-add" and "metric" in data and data["metric"] == "1":
            data["metric"] = str(metric.pk)
        response = client.post(url, data)
        assert response.status_code in (200, 302), response.status_code

    post()
    _assert_nothing_half_saved()


@pytest.mark.parametrize("name", ["reading-submit", "reading-approve", "reading-return", "milestone-done"])
def test_random_posts_to_actions_never_fail(name, manager, approver, project, submitted, milestone):
    user = approver if name in ("reading-approve", "reading-return") else manager
    client = client_for(user)
    if name == "milestone-done":
        url = reverse(name, kwargs={"gss_code": "E10000019", "slug": project.slug, "pk": milestone.pk})
    else:
        url = reverse(name, kwargs={"gss_code": "E10000019", "pk": submitted.pk})

    @SLOW
    @given(data=form_data(["reason"]))
    def post(data):
        response = client.post(url, data)
        assert response.status_code in (200, 302), response.status_code

    post()
    _assert_nothing_half_saved()
