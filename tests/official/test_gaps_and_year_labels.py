"""Suppressed official figures are gaps with their reason, never dropped: in the council page's chart data
tables, the chart CSV and figures.csv. Academic and financial years are labelled as DfE labels them."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from metrics.official.importer import MetricSpec, Publication, ees_file_import
from pipdash.dates import period_label
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
ABSENCE = (
    "time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,"
    "sess_overall_percent\n"
    "201718,Academic year,National,E92000001,,,,,4.7\n"
    "201718,Academic year,Local authority,E92000001,E12000004,925,E10000019,Lincolnshire,4.4\n"
    "201819,Academic year,Local authority,E92000001,E12000004,925,E10000019,Lincolnshire,c\n"
    "201920,Academic year,Local authority,E92000001,E12000004,925,E10000019,Lincolnshire,4.9\n"
)


@pytest.fixture
def absence(council):
    ees_file_import(
        data=ABSENCE.encode(),
        publication=Publication(key="absence", title="Pupil absence in schools in England"),
        indicator="sess_overall_percent",
        metric=MetricSpec(unit="percent", kind="rate", direction="lower", name="Overall absence rate"),
    )
    return council


def test_years_are_labelled_as_dfe_labels_them():
    assert period_label(dt.date(2018, 9, 1), dt.date(2019, 8, 31)) == "2018/19 academic year"
    assert period_label(dt.date(2018, 4, 1), dt.date(2019, 3, 31)) == "2018/19"
    assert period_label(dt.date(2018, 9, 1), dt.date(2019, 3, 31)) == "1 September 2018 to 31 March 2019"


def test_the_council_chart_shows_a_suppressed_year_as_a_gap_with_its_reason(scrutiny, absence):
    page = client_for(scrutiny).get(absence.get_absolute_url())
    (chart,) = [c for c in page.context["charts"] if c.title == "Overall absence rate"]
    actuals = [(row.date_label, row.display_value) for row in chart.rows if row.series == "Actual"]
    assert actuals == [
        ("2017/18 academic year", "4.4%"),
        ("2018/19 academic year", "No figure: c (confidential)"),
        ("2019/20 academic year", "4.9%"),
    ]
    assert "No figure: c (confidential)" in page.content.decode()
    # The line breaks at the gap instead of joining 2017/18 to 2019/20 as if 2018/19 were known.
    (line,) = [trace for trace in chart.figure["data"] if trace["name"] == "Actual"]
    assert line["y"] == [4.4, None, 4.9]
    assert chart.rag is not None and "4.9%" in chart.rag.reason  # the gap is not the latest figure


def test_downloads_carry_the_gap_and_its_reason(scrutiny, absence):
    client = client_for(scrutiny)
    download = client.get(reverse("figures-csv", args=["E10000019"]))
    figures = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    gap = [row for row in figures if row["period_end"] == "2019-08-31"]
    assert [(row["value"], row["missing_reason"]) for row in gap] == [("", "c (confidential)")]
    page = client.get(absence.get_absolute_url())
    (chart,) = [c for c in page.context["charts"] if c.title == "Overall absence rate"]
    rows = list(csv.DictReader(io.StringIO(client.get(chart.csv_url).content.decode())))
    assert [(r["date"], r["value"], r["missing_reason"]) for r in rows if r["series"] == "Actual"] == [
        ("2018-08-31", "4.4", ""),
        ("2019-08-31", "", "c (confidential)"),
        ("2020-08-31", "4.9", ""),
    ]


def test_the_measures_table_says_the_year_not_its_last_day(scrutiny, absence):
    page = client_for(scrutiny).get(absence.get_absolute_url())
    table = page.context["tables"]["council-measures"]
    (row,) = [r for r in table.rows if r.record.metric.name == "Overall absence rate"]
    assert row.get_cell("as_at") == "2019/20 academic year"
