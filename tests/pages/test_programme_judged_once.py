"""The programme page judges each council's measures once for its row and its summary part (issue 20): one
query picks the readings, a common measure filed against a project counts in both, and the summary's lists,
written by their lines rather than the template, say the council's words escaped, ten shown then "more"."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from metrics.models import Reading
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_first_of_october_2018():
    with freeze_time("2018-10-01"):
        yield


def _get(user, programme):
    return client_for(user).get(reverse("programme-detail", kwargs={"slug": programme.slug}))


def _text(response) -> str:
    html = response.content.decode()
    section = html[html.index('id="summary"') : html.index('id="contents-title"')]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


def _far_below_target(metric, council, project):
    """An approved actual of 20 against a target of 100 (the factory's measures are higher-is-better): red."""
    for kind, value in (("target", "100"), ("actual", "20")):
        ReadingFactory(
            metric=metric, council=council, project=project, kind=kind, value=Decimal(value),
            published_value=Decimal(value), status="approved", period_end=dt.date(2018, 9, 30),
        )  # fmt: skip


def test_one_query_picks_the_readings_for_both_the_rows_and_the_summary(scrutiny, lincs_data):
    programme, _ = lincs_data
    with CaptureQueriesContext(connection) as captured:
        response = _get(scrutiny, programme)
    (row,) = response.context["rows"]
    assert row["amber"] == 2 and "Active projects 2: 2 amber" in _text(response)
    # The picks: each metric's newest actuals, targets and baseline chosen by subqueries (metrics/picks.py).
    picks = [q["sql"] for q in captured.captured_queries if 'U0."period_end"' in q["sql"]]
    assert len(picks) == 1 and 'FROM "metrics_metric"' in picks[0]


def test_a_common_measure_filed_against_a_project_counts_in_its_row_and_its_summary(scrutiny, council, lincs_data):
    programme, (first, _) = lincs_data
    common = MetricFactory(council=None, project=None, name="Agency social workers")
    _far_below_target(common, council, first)
    response = _get(scrutiny, programme)
    (row,) = response.context["rows"]
    assert (row["red"], row["amber"]) == (1, 1)
    text = _text(response)
    assert "Active projects 2: 1 amber, 1 red" in text
    assert f"Red Agency social workers (Lincolnshire: {first.name})" in text


def test_the_councils_words_are_escaped_in_the_off_track_list(scrutiny, lincs_data):
    programme, (first, _) = lincs_data
    newest = Reading.objects.filter(project=first, kind=Reading.Kind.ACTUAL, status=Reading.Status.APPROVED)
    Reading.objects.filter(pk=newest.latest("period_end").pk).update(
        published_explanation="<b>Paused</b> & restarted", published_action_owner="<i>Head</i>",
        published_recovery_action="Trainers",
    )  # fmt: skip
    html = _get(scrutiny, programme).content.decode()
    assert "Explanation: &lt;b&gt;Paused&lt;/b&gt; &amp; restarted" in html
    assert "Action: Trainers (owner: &lt;i&gt;Head&lt;/i&gt;)" in html
    assert "<b>Paused</b>" not in html and "<i>Head</i>" not in html


def test_ten_off_track_measures_are_shown_and_the_rest_behind_more(scrutiny, council, lincs_data):
    programme, (first, _) = lincs_data
    for n in range(11):  # eleven more red measures: thirteen off track in all
        _far_below_target(MetricFactory(council=council, project=first, name=f"Extra measure {n:02}"), council, first)
    html = _get(scrutiny, programme).content.decode()
    shown, more = html.split('<details class="govuk-details">', 1)[0], html.split("more off-track measures", 1)[1]
    assert shown.count("app-rag app-rag--red") == 10 and "13 measures amber or red, red first." in shown
    assert "3 more off-track measures" in html
    assert more.split("</details>", 1)[0].count("<li>") == 3
