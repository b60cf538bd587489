"""Stale figures say so (issue 13): a figure older than its measure's reporting interval (12 months
when none is set), counted back from today, is stale in the badge and the sentence."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from freezegun import freeze_time

from metrics.rag import AMBER, Point, rag_for
from metrics.units import Direction, Unit
from pipdash.dashboards.selectors import council_page_get
from programmes.access import access_for
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory
from tests.pages.conftest import build_programme_data

D = Decimal
STAFF_TRAINED = SimpleNamespace(unit=Unit.COUNT, direction=Direction.HIGHER)
SIGNS_OF_SAFETY = {
    "metric": STAFF_TRAINED,
    "actuals": [Point(dt.date(2018, 7, 20), D(155))],
    "targets": [Point(dt.date(2019, 3, 31), D(220))],
    "baselines": [Point(dt.date(2016, 4, 1), D(0))],
}


def test_a_figure_older_than_twelve_months_is_stale_in_badge_and_sentence():
    rag = rag_for(**SIGNS_OF_SAFETY, today=dt.date(2026, 12, 2))
    assert rag.status == AMBER  # judged at its figure's date: stale changes the words, not the colour
    assert rag.stale and rag.word == "Amber, stale"
    assert rag.sentence.startswith("Amber, stale: ")
    assert rag.sentence.endswith("; last figure 20 July 2018; none since.")
    assert rag.reason.endswith("last figure 20 July 2018; none since.")


def test_a_figure_within_its_interval_is_not_stale():
    rag = rag_for(**SIGNS_OF_SAFETY, today=dt.date(2019, 7, 20))
    assert not rag.stale and rag.word == "Amber"
    assert "none since" not in rag.sentence
    assert rag_for(**SIGNS_OF_SAFETY, today=dt.date(2019, 7, 21)).stale  # a day past twelve months


def test_a_measure_with_its_own_interval_is_stale_sooner():
    quarterly = SimpleNamespace(unit=Unit.COUNT, direction=Direction.HIGHER, reporting_months=3)
    rag = rag_for(**{**SIGNS_OF_SAFETY, "metric": quarterly}, today=dt.date(2018, 11, 1))
    assert rag.stale


def test_without_today_nothing_is_called_stale():
    assert not rag_for(**SIGNS_OF_SAFETY).stale


@freeze_time("2026-12-02")
def test_the_council_page_judges_stale_with_todays_date(scrutiny, council):
    build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=2)
    page = council_page_get(council=council, access=access_for(scrutiny))
    rag = page.workstreams[0].projects[0].rag
    assert rag.stale and rag.word.endswith(", stale")


def test_each_section_says_its_own_as_at(scrutiny, council):
    """Programme figures, official statistics and Ofsted each say their own date, not the newest of all."""
    build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=2)
    official = MetricFactory(official_key="dfe-workforce:agency-rate", unit=Unit.PERCENT, direction=Direction.LOWER)
    ReadingFactory(metric=official, council=council, value=D("11.6"), period_end=dt.date(2025, 9, 30))
    page = council_page_get(council=council, access=access_for(scrutiny), today=dt.date(2026, 12, 2))
    assert page.as_at == dt.date(2017, 9, 29)
    assert page.official_as_at == dt.date(2025, 9, 30)
    html = client_for(scrutiny).get(council.get_absolute_url()).content.decode()
    assert "Programme figures as at <strong>29 September 2017</strong>" in html
    assert "Official statistics as at 30 September 2025." in html
