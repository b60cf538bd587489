"""The ranking of every council stays readable with all 153: one horizontal bar a council, each named, the
chart as tall as the councils need, the chosen councils striped, marked and labelled, not only coloured."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.compare.charts import RANKING_MARGIN, ROW_HEIGHT
from metrics.models import Reading
from metrics.units import Direction, MeasureKind, Unit
from programmes.models import Council
from tests.conftest import client_for
from tests.factories import BenchmarkFactory, CouncilFactory, MetricFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db
COUNCILS = 153


@pytest.fixture
def national(council):
    """A turnover rate for 153 councils (Lincolnshire among them) at 30 September 2019, and England's."""
    source = SourceDocumentFactory(key="ees-csww", title="Children's social work workforce", kind="official_statistics")
    metric = MetricFactory(
        name="Turnover rate",
        slug="turnover",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
        official_key="csww:turnover_rate_fte",
        source_document=source,
    )
    places = [council] + [CouncilFactory(name=f"Council {n:03d}") for n in range(1, COUNCILS)]
    readings = []
    for n, place in enumerate(reversed(places)):  # Lincolnshire has the highest turnover, so ranks last
        value = Decimal(5) + Decimal(n) / 10
        reading = Reading(
            metric=metric,
            council=place,
            kind=Reading.Kind.ACTUAL,
            unit=metric.unit,
            value=value,
            published_value=value,
            period_end=dt.date(2019, 9, 30),
            status=Reading.Status.APPROVED,
            source_document=source,
        )
        reading.take_snapshot(None)  # bulk_create skips save(): publish as approval would
        readings.append(reading)
    Reading.objects.bulk_create(readings)
    BenchmarkFactory(metric=metric, value=Decimal("15.2"), period_end=dt.date(2019, 9, 30), source_document=source)
    return metric


@pytest.fixture
def ranking(scrutiny, council, national):
    response = client_for(scrutiny).get(reverse("compare"), {"metric": "turnover", "council": council.gss_code})
    return next(chart.figure for chart in response.context["charts"] if chart.slug == "compare-ranking")


def test_every_council_is_a_named_horizontal_bar_best_at_the_top(ranking):
    bars = [t for t in ranking["data"] if t["type"] == "bar"]
    assert {t["orientation"] for t in bars} == {"h"}
    assert sum(len(t["y"]) for t in bars) == COUNCILS
    yaxis = ranking["layout"]["yaxis"]
    assert yaxis["tickvals"] == list(range(1, COUNCILS + 1))
    assert yaxis["ticktext"][0] == "1. Council 152"  # the lowest turnover is the best
    assert yaxis["range"] == [COUNCILS + 0.5, 0.5]  # rank 1 at the top


def test_the_chart_grows_with_the_councils_so_names_never_touch(ranking):
    assert ranking["layout"]["height"] == RANKING_MARGIN + ROW_HEIGHT * COUNCILS
    assert ranking["layout"]["yaxis"]["tickfont"]["size"] < ROW_HEIGHT


def test_the_chosen_council_is_striped_labelled_and_named_not_only_coloured(ranking, council):
    chosen = next(t for t in ranking["data"] if t["name"] == "Chosen councils")
    assert chosen["y"] == [COUNCILS] and chosen["x"] == [20.2]
    assert chosen["marker"]["pattern"]["shape"] == "/"
    assert chosen["text"] == ["20.2% (chosen)"] and chosen["textposition"] == "outside"
    assert ranking["layout"]["yaxis"]["ticktext"][-1] == f"▶ {COUNCILS}. Lincolnshire"
    # No <b>: plotly.js draws it as an inline style, which the Content Security Policy refuses.
    assert not any("<" in label for label in ranking["layout"]["yaxis"]["ticktext"])
    others = next(t for t in ranking["data"] if t["name"] == "Other councils")
    assert "pattern" not in others["marker"]


def test_the_quartiles_and_england_are_marked_across_the_bars(ranking):
    quartiles = [a for a in ranking["layout"]["annotations"] if a["text"].startswith("Q")]
    assert [a["text"] for a in quartiles] == ["Q1", "Q2", "Q3", "Q4"]
    assert all(shape["xref"] == "paper" and shape["yref"] == "y" for shape in ranking["layout"]["shapes"])
    england = next(t for t in ranking["data"] if t["name"] == "England 15.2%")
    assert england["x"] == [15.2, 15.2] and england["y"] == [0.5, COUNCILS + 0.5]


def test_a_long_name_is_shortened_on_the_chart_and_whole_in_its_hover(scrutiny, council, national):
    Council.objects.filter(name="Council 152").update(name="Bournemouth, Christchurch and Poole")
    response = client_for(scrutiny).get(reverse("compare"), {"metric": "turnover", "council": council.gss_code})
    ranking = next(chart.figure for chart in response.context["charts"] if chart.slug == "compare-ranking")
    assert ranking["layout"]["yaxis"]["ticktext"][0] == "1. Bournemouth, Christchur…"
    others = next(t for t in ranking["data"] if t["name"] == "Other councils")
    assert others["customdata"][0] == "Bournemouth, Christchurch and Poole: 5%, rank 1"


def test_plotly_accepts_the_ranking(ranking):
    import plotly.graph_objects as go

    validated = go.Figure(ranking)
    assert validated.layout.height == RANKING_MARGIN + ROW_HEIGHT * COUNCILS
