"""{% official_figures council %}: the council's own figure beside DfE's for the same thing, never merged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from metrics.models import Reading
from metrics.services import reading_approve, reading_create, reading_submit, reading_update
from metrics.units import Direction, MeasureKind, Unit
from tests.factories import BenchmarkFactory, MetricFactory, ReadingFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db
D = dt.date
# The council's official figures, its matching measures, its own newest figures and England's; and one
# more for the history of own figures entered or changed in pipdash, which cite who did it and when.
QUERY_BOUND = 5


@pytest.fixture
def turnover_both_ways(council):
    dfe = SourceDocumentFactory(key="ees-csww", title="Children's social work workforce", kind="official_statistics")
    paper = SourceDocumentFactory(key="lincs-pip-2018", title="Partners in Practice update", body="Scrutiny Committee")
    official = MetricFactory(
        name="Social worker turnover rate (FTE, DfE)",
        slug="csww-turnover",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
        official_key="csww:turnover_rate_fte",
        definition="Leavers in the year to 30 September as a percentage of those in post.",
        source_document=dfe,
    )
    own = MetricFactory(
        name="Staff turnover",
        slug="lincs-staff-turnover",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
        council=council,
        definition="Lincolnshire's own measure of staff turnover.",
    )
    ReadingFactory(metric=own, council=council, value=Decimal("7.3"), period_end=D(2018, 7, 20), source_document=paper)
    for year, value in ((2017, "8.8"), (2018, "9.6"), (2025, "6.1")):
        ReadingFactory(
            metric=official, council=council, value=Decimal(value), period_end=D(year, 9, 30), source_document=dfe
        )
        BenchmarkFactory(metric=official, value=Decimal("15.1"), period_end=D(year, 9, 30), source_document=dfe)
    return official, own


def _render(council):
    return Template("{% load official %}{% official_figures council %}").render(Context({"council": council}))


def test_own_figure_sits_beside_the_official_figure_of_the_nearest_date(
    council, turnover_both_ways, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BOUND):
        html = _render(council)
    assert "7.3%" in html and "as at 20 July 2018" in html and "Partners in Practice update" in html
    assert "9.6%" in html and "as at 30 September 2018" in html
    assert "6.1%" not in html and "8.8%" not in html
    assert "Children&#x27;s social work workforce" in html and "Leavers in the year to 30 September" in html
    assert "Lincolnshire&#x27;s own measure of staff turnover" in html
    assert "England: 15.1%" in html
    assert "/compare/?metric=csww-turnover&amp;council=E10000019" in html


def test_without_an_own_figure_the_latest_official_figure_shows(other_council, turnover_both_ways):
    official, _ = turnover_both_ways
    ReadingFactory(metric=official, council=other_council, value=Decimal("7.3"), period_end=D(2019, 9, 30))
    html = _render(other_council)
    assert "7.3%" in html and "as at 30 September 2019" in html and "No figure of its own recorded" in html


def test_nothing_is_shown_for_a_council_with_neither(other_council):
    assert _render(other_council).strip() == ""


def test_compare_page_lists_own_figures_beside_the_official_ones(scrutiny, council, turnover_both_ways):
    from tests.conftest import client_for

    response = client_for(scrutiny).get("/compare/?metric=csww-turnover&council=E10000019")
    own = response.context["own_figures"]
    assert [(r.metric.name, r.published_value) for r in own] == [("Staff turnover", Decimal("7.3"))]
    assert [row.council for row in response.context["comparison"].ranking] == [council]


def test_an_own_count_is_not_put_beside_an_official_rate(council, turnover_both_ways):
    count = MetricFactory(name="Staff turnover (leavers)", slug="lincs-leavers", unit=Unit.COUNT, council=council)
    ReadingFactory(metric=count, council=council, value=Decimal("40"), period_end=D(2018, 7, 20))
    html = _render(council)
    assert "Staff turnover (leavers)" not in html and "7.3%" in html


def test_a_distant_official_figure_says_so_and_england_at_the_own_date_is_shown(other_council, turnover_both_ways):
    official, _ = turnover_both_ways
    own = MetricFactory(name="Social worker turnover", slug="leeds-turnover", unit=Unit.PERCENT, council=other_council)
    ReadingFactory(metric=own, council=other_council, value=Decimal("7.3"), period_end=D(2018, 7, 25))
    ReadingFactory(metric=official, council=other_council, value=Decimal("6.0"), period_end=D(2025, 9, 30))
    BenchmarkFactory(metric=official, value=Decimal("11.8"), period_end=D(2025, 12, 31))
    html = _render(other_council)
    assert "not from near the date of its own figure" in html
    assert "England nearer the council's own date: 15.1% as at 30 September 2018" in html


def test_only_the_newest_own_figure_of_each_measure_is_listed(scrutiny, council, turnover_both_ways):
    from tests.conftest import client_for

    _, own = turnover_both_ways
    ReadingFactory(metric=own, council=council, value=Decimal("9.0"), period_end=D(2017, 7, 20))
    response = client_for(scrutiny).get("/compare/?metric=csww-turnover&council=E10000019")
    assert [(r.period_end, r.published_value) for r in response.context["own_figures"]] == [
        (D(2018, 7, 20), Decimal("7.3"))
    ]
    assert "9%" not in _render(council)


PAPER = "Partners in Practice update, Scrutiny Committee"


@pytest.fixture
def named_manager(manager):
    manager.first_name, manager.last_name = "Lincolnshire", "Manager"
    manager.save()
    return manager


def _entered_today() -> str:
    # A manager who gives no source is told so; who entered the figure is in its history, not here.
    return "Source: No source given when it was entered"


def test_an_own_figure_entered_in_pipdash_says_no_source_was_given(
    named_manager, approver, council, turnover_both_ways, django_assert_max_num_queries
):
    _, own = turnover_both_ways
    entered = reading_create(
        user=named_manager,
        council=council,
        metric=own,
        project=None,
        kind=Reading.Kind.ACTUAL,
        value=Decimal("6.9"),
        period_start=None,
        period_end=D(2019, 3, 31),
    )
    reading_submit(user=named_manager, reading=entered)
    reading_approve(user=approver, reading=entered)
    with django_assert_max_num_queries(QUERY_BOUND):
        html = _render(council)
    assert "6.9%" in html and "as at 31 March 2019" in html
    assert _entered_today() in html and PAPER not in html and "Lincolnshire Manager" not in html


def test_an_edited_paper_figure_cites_the_paper_until_its_new_value_is_approved(
    named_manager, approver, council, turnover_both_ways
):
    paper_figure = Reading.objects.get(metric=turnover_both_ways[1])
    edited = reading_update(
        user=named_manager,
        reading=paper_figure,
        expected_version=paper_figure.version,
        kind=Reading.Kind.ACTUAL,
        value=Decimal("7.1"),
        period_start=None,
        period_end=paper_figure.period_end,
    )
    html = _render(council)
    assert "7.3%" in html and f"Source: {PAPER}" in html and "No source given" not in html
    reading_submit(user=named_manager, reading=edited)
    reading_approve(user=approver, reading=edited)
    html = _render(council)
    assert "7.1%" in html and _entered_today() in html and PAPER not in html


def test_an_own_figure_with_no_source_says_so(council, turnover_both_ways):
    _, own = turnover_both_ways
    ReadingFactory(metric=own, council=council, value=Decimal("6.8"), period_end=D(2019, 3, 31), source_document=None)
    html = _render(council)
    assert "6.8%" in html and "Source not recorded" in html and "Source: Source" not in html


def test_the_compare_pages_own_figures_cite_who_entered_them(named_manager, approver, scrutiny, turnover_both_ways):
    from tests.conftest import client_for

    _, own = turnover_both_ways
    entered = reading_create(
        user=named_manager,
        council=own.council,
        metric=own,
        project=None,
        kind=Reading.Kind.ACTUAL,
        value=Decimal("6.9"),
        period_start=None,
        period_end=D(2019, 3, 31),
    )
    reading_submit(user=named_manager, reading=entered)
    reading_approve(user=approver, reading=entered)
    html = client_for(scrutiny).get("/compare/?metric=csww-turnover&council=E10000019").content.decode()
    assert "6.9%" in html
    assert _entered_today().removeprefix("Source: ") in html
