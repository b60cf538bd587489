import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.models import Metric, Reading
from metrics.units import MeasureKind, Unit
from metrics.validation import QualityContext, reading_value_errors
from tests.factories import CouncilFactory, MetricFactory, ProjectFactory, ReadingFactory

TODAY = dt.date(2019, 3, 31)


def errors_for(unit, value, kind="actual", start=None, end=dt.date(2018, 7, 20), metric_kind=MeasureKind.RATE):
    metric = Metric(name="m", unit=unit, kind=metric_kind, direction="higher")
    return reading_value_errors(
        metric=metric,
        kind=kind,
        value=None if value is None else Decimal(value),
        period_start=start,
        period_end=end,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        (Unit.PERCENT, "100.1", "A percentage must be between 0 and 100"),
        (Unit.PERCENT, "-0.5", "A percentage must be between 0 and 100"),
        (Unit.COUNT, "15.5", "A count must be a whole number, like 155"),
        (Unit.COUNT, "-3", "A count cannot be negative"),
        (Unit.GBP, "10.505", "An amount of money can have at most two decimal places (pence), like 1207908.50"),
        (Unit.NUMBER, "1.23456", "Enter the value with at most 4 decimal places"),
        (Unit.NUMBER, "1e20", "The value is too large"),
        (Unit.NUMBER, "NaN", "Enter the value as a number, like 155 or 7.3"),
    ],
)
def test_a_value_the_unit_forbids_is_refused_with_a_plain_message(unit, value, message):
    assert message in errors_for(unit, value)["value"]


@pytest.mark.parametrize(
    ("unit", "value"),
    [
        (Unit.PERCENT, "0"),
        (Unit.PERCENT, "100"),
        (Unit.PERCENT, "7.3"),
        (Unit.COUNT, "155"),
        (Unit.COUNT, "1E+3"),
        (Unit.GBP, "1207908.50"),
        (Unit.PERCENT_CHANGE, "-22"),
        (Unit.PERCENTAGE_POINTS, "-11"),
    ],
)
def test_a_value_the_unit_allows_passes(unit, value):
    assert errors_for(unit, value) == {}


def test_a_period_that_ends_before_it_starts_is_refused():
    errors = errors_for(Unit.COUNT, "1", start=dt.date(2018, 7, 1), end=dt.date(2018, 6, 30))
    assert errors["period_end"] == ["The end of the period must be the same as or after its start"]


def test_an_actual_in_the_future_is_refused_but_a_target_is_not():
    future = TODAY + dt.timedelta(days=1)
    assert "period_end" in errors_for(Unit.COUNT, "1", end=future)
    assert errors_for(Unit.COUNT, "1", kind="target", end=future) == {}


def test_an_unknown_kind_is_refused():
    assert "kind" in errors_for(Unit.COUNT, "1", kind="guess")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    unit=st.sampled_from(Unit.values),
    kind=st.one_of(st.sampled_from(Reading.Kind.values), st.text(max_size=5)),
    value=st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True)),
    start=st.one_of(st.none(), st.dates()),
    end=st.one_of(st.none(), st.dates()),
)
def test_any_input_gives_a_dict_of_messages_never_an_exception(unit, kind, value, start, end):
    metric = Metric(name="m", unit=unit, kind=MeasureKind.RATE, direction="higher")
    errors = reading_value_errors(
        metric=metric, kind=kind, value=value, period_start=start, period_end=end, today=TODAY
    )
    assert isinstance(errors, dict)
    assert all(isinstance(m, str) and m for messages in errors.values() for m in messages)


@pytest.fixture
def staff_trained(council):
    project = ProjectFactory(workstream__council=council)
    metric = MetricFactory(
        name="Staff trained", unit=Unit.COUNT, kind=MeasureKind.CUMULATIVE, council=council, project=project
    )
    for day, value in [(dt.date(2017, 3, 31), 60), (dt.date(2017, 9, 30), 110), (dt.date(2018, 7, 20), 155)]:
        ReadingFactory(metric=metric, council=council, project=project, period_end=day, value=Decimal(value))
    return metric, project


def test_the_context_is_built_in_a_fixed_number_of_queries(council, staff_trained, django_assert_num_queries):
    metric, project = staff_trained
    common = MetricFactory(unit=Unit.PERCENT, kind=MeasureKind.RATE)
    with django_assert_num_queries(2):
        context = QualityContext.for_council(council=council, metrics=[metric, common])
    with django_assert_num_queries(0):
        for value in range(50):
            context.quality_warnings(metric, project, "actual", Decimal(value), dt.date(2018, 9, 30))
            context.duplicate_of(metric, project, "actual", None, dt.date(2018, 7, 20))


def test_a_duplicate_is_found_and_an_edit_of_itself_is_not(council, staff_trained):
    metric, project = staff_trained
    context = QualityContext.for_council(council=council, metrics=[metric])
    existing = context.duplicate_of(metric, project, "actual", None, dt.date(2018, 7, 20))
    assert existing is not None and existing.value == 155
    assert context.duplicate_of(metric, project, "actual", None, dt.date(2018, 7, 20), exclude_pk=existing.pk) is None
    assert context.duplicate_of(metric, project, "target", None, dt.date(2018, 7, 20)) is None


def test_a_cumulative_figure_lower_than_the_previous_one_warns(council, staff_trained):
    metric, project = staff_trained
    context = QualityContext.for_council(council=council, metrics=[metric])
    warnings = context.quality_warnings(metric, project, "actual", Decimal(150), dt.date(2018, 9, 30))
    assert warnings == ["This is a running total, but it is lower than the previous figure (155 at 20 July 2018)"]
    assert context.quality_warnings(metric, project, "actual", Decimal(160), dt.date(2018, 9, 30)) == []


def test_a_cumulative_figure_inserted_above_the_next_one_warns(council, staff_trained):
    metric, project = staff_trained
    context = QualityContext.for_council(council=council, metrics=[metric])
    warnings = context.quality_warnings(metric, project, "actual", Decimal(120), dt.date(2017, 6, 30))
    assert warnings == ["This is a running total, but it is higher than the next figure (110 at 30 September 2017)"]


def test_a_value_far_outside_own_and_peer_history_warns(council, staff_trained):
    metric = MetricFactory(name="Turnover", unit=Unit.PERCENT, kind=MeasureKind.RATE)
    ReadingFactory(metric=metric, council=council, value=Decimal("7.3"))
    for value in ("10", "16"):
        ReadingFactory(metric=metric, council=CouncilFactory(), value=Decimal(value))
    context = QualityContext.for_council(council=council, metrics=[metric])
    # Spread seen 7.3 to 16 (8.7): up to 16 + 3 x 8.7 = 42.1 is plausible.
    assert context.quality_warnings(metric, None, "actual", Decimal("40"), dt.date(2018, 9, 30)) == []
    warnings = context.quality_warnings(metric, None, "actual", Decimal("45"), dt.date(2018, 9, 30))
    assert warnings == [
        "This is far outside the figures seen so far (7.3% to 16% in this council's and other councils' figures)"
    ]


def test_peers_drafts_are_not_used(council):
    metric = MetricFactory(unit=Unit.PERCENT, kind=MeasureKind.RATE)
    ReadingFactory(metric=metric, council=CouncilFactory(), value=Decimal("90"), status=Reading.Status.DRAFT)
    context = QualityContext.for_council(council=council, metrics=[metric])
    assert context.peers == {}


def test_a_target_must_be_dated_after_its_baseline(council):
    project = ProjectFactory(workstream__council=council)
    metric = MetricFactory(council=council, project=project)
    ReadingFactory(metric=metric, council=council, project=project, kind="baseline", period_end=dt.date(2016, 3, 31))
    context = QualityContext.for_council(council=council, metrics=[metric])
    assert context.baseline_date_errors(metric, project, "target", None, dt.date(2016, 3, 31)) == {
        "period_end": ["A target must be dated after its baseline, which is for 31 March 2016"]
    }
    assert context.baseline_date_errors(metric, project, "target", None, dt.date(2019, 3, 31)) == {}
    assert context.baseline_date_errors(metric, project, "actual", None, dt.date(2015, 3, 31)) == {}


def test_rows_added_during_an_import_count(council, staff_trained):
    metric, project = staff_trained
    context = QualityContext.for_council(council=council, metrics=[metric])
    row = Reading(
        metric=metric,
        council=council,
        project=project,
        kind="actual",
        value=Decimal(200),
        period_end=dt.date(2018, 12, 31),
    )
    context.add(row)
    assert context.duplicate_of(metric, project, "actual", None, dt.date(2018, 12, 31)) is row
