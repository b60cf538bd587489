"""One benchmark rule (issue 13): England for the same period sets the colour; region and statistical
neighbours are context in the sentence, never a second colour, so the RAG is monotone in the value."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from metrics.rag import _ORDER, AMBER, GREEN, RED, BenchmarkPoint, Point, rag_for
from metrics.units import Direction, Unit

D = Decimal
ON = dt.date(2025, 9, 30)
AGENCY_RATE = SimpleNamespace(unit=Unit.PERCENT, direction=Direction.LOWER)


def _rag(value, *areas):
    return rag_for(
        metric=AGENCY_RATE,
        actuals=[Point(ON, D(value))],
        benchmarks=[BenchmarkPoint(label, ON, D(v)) for label, v in areas],
    )


def test_leicestershire_better_than_england_is_not_red_whatever_its_region():
    rag = _rag("11.6", ("England", "13.0"), ("East Midlands", "10.9"))
    assert rag.status == GREEN
    assert rag.sentence == (
        "Green: 11.6% as at 30 September 2025 is better than England (13%), worse than East Midlands (10.9%)."
    )


def test_a_page_of_councils_keeps_its_colours_in_order_of_value():
    # Each council is context-compared with its own region; England is the same for all.
    councils = {
        "Suffolk": ("16.3", "East of England", "12.0"),
        "Lincolnshire": ("16.5", "East Midlands", "17.0"),
        "Leicestershire": ("11.6", "East Midlands", "10.9"),
        "Leeds": ("14.0", "Yorkshire and The Humber", "20.0"),
        "Lancashire": ("13.5", "North West", "9.0"),
    }
    rags = {name: _rag(value, ("England", "15.2"), (region, rv)) for name, (value, region, rv) in councils.items()}
    assert rags["Suffolk"].status == rags["Lincolnshire"].status == AMBER  # 16.3 is never worse than 16.5
    by_value = sorted(councils, key=lambda name: D(councils[name][0]))  # lower is better
    colours = [_ORDER[rags[name].status] for name in by_value]
    assert colours == sorted(colours), {name: rags[name].status for name in by_value}


@pytest.mark.parametrize("value", ["9", "12", "13", "14", "14.3", "15", "18", "30"])
def test_the_colour_comes_from_england_alone(value):
    alone = _rag(value, ("England", "13"))
    with_context = _rag(value, ("England", "13"), ("East Midlands", "10.9"), ("Statistical neighbours", "20"))
    assert with_context.status == alone.status


def test_england_for_the_same_period_is_preferred_to_another_year():
    rag = rag_for(
        metric=AGENCY_RATE,
        actuals=[Point(ON, D("14"))],
        benchmarks=[BenchmarkPoint("England", ON, D("13")), BenchmarkPoint("England", dt.date(2024, 9, 30), D("20"))],
    )
    assert rag.status == AMBER
    assert "England (13%)" in rag.sentence


def test_without_an_england_figure_the_region_gives_no_colour():
    rag = _rag("20", ("East Midlands", "10.9"))
    assert not rag.is_known
    assert rag.status not in (RED, AMBER, GREEN)
    assert "no England figure to judge it against" in rag.sentence
