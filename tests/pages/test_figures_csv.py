"""Download all figures (CSV): one row per reading the user may see, numbers as numbers, no formulas."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import Reading
from pipdash.dashboards.downloads import FIGURE_COLUMNS
from pipdash.web.exports import neutralise
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory, SourceDocumentFactory


def download(user, council):
    response = client_for(user).get(reverse("figures-csv", kwargs={"gss_code": council.gss_code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming  # written as it is read, so memory stays flat at national scale
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def test_the_csv_round_trips_to_the_figures_shown(scrutiny, council, lincs_data):
    rows = download(scrutiny, council)
    assert list(rows[0].keys()) == FIGURE_COLUMNS
    stored = Reading.objects.filter(council=council, published_value__isnull=False)
    assert len(rows) == stored.count()
    read_back = {(r["metric"], r["kind"], r["as_at"], Decimal(r["value"])) for r in rows}
    expected = {(x.metric.name, x.kind, x.period_end.isoformat(), x.published_value) for x in stored}
    assert read_back == expected
    first = rows[0]
    assert first["council_gss"] == "E10000019"
    assert first["project"] == str(lincs_data[1][0])
    assert first["source_document"] == "Lincolnshire PiP update"
    assert first["source_date"] == "2018-07-20"
    assert first["value"] == "0"  # a number, not "0.0000" or "0 staff"


@pytest.mark.parametrize(
    ("persona", "rows"),
    [("manager", 11), ("approver", 11), ("scrutiny", 10), ("adviser", 10), ("other_manager", 10)],
    indirect=["persona"],
)
def test_only_figures_the_user_may_see(persona, rows, council, lincs_data):
    assert len(download(persona, council)) == rows


def test_a_period_has_start_and_end_and_an_as_at_figure_has_as_at(scrutiny, council):
    metric = MetricFactory(council=council, name='=HYPERLINK("http://evil")')
    ReadingFactory(
        metric=metric,
        council=council,
        value=Decimal("7.3"),
        period_start=dt.date(2018, 4, 1),
        period_end=dt.date(2019, 3, 31),
        source_document=SourceDocumentFactory(title="+cmd|' /C calc'!A0"),
    )
    (row,) = download(scrutiny, council)
    assert (row["period_start"], row["period_end"], row["as_at"]) == ("2018-04-01", "2019-03-31", "")
    assert row["value"] == "7.3"
    assert row["metric"] == '\'=HYPERLINK("http://evil")'
    assert row["source_document"].startswith("'+cmd")
    assert row["workstream"] == row["project"] == ""


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Staff trained", "Staff trained"),
        (Decimal("-1"), Decimal("-1")),
    ],
)
def test_formula_cells_are_neutralised_but_numbers_are_not(text, safe):
    assert neutralise(text) == safe


def test_signed_out_wrong_method_and_missing(scrutiny, council):
    path = reverse("figures-csv", kwargs={"gss_code": council.gss_code})
    assert client_for(None).get(path).status_code == 302
    assert client_for(scrutiny).post(path).status_code == 405
    assert client_for(scrutiny).get("/councils/E99999999/figures.csv").status_code == 404
