"""The EES import service: small files of our own for each edge case."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Benchmark, Metric, Reading
from metrics.official.importer import MetricSpec, Publication
from metrics.official.periods import PeriodRule
from metrics.official.report import EESImportError
from programmes.models import Region, SourceDocument
from tests.official.conftest import SEPT_30, import_small

pytestmark = pytest.mark.django_db


def _csv(
    *rows,
    header="time_period,time_identifier,geographic_level,country_code,region_code,region_name,"
    "old_la_code,new_la_code,la_name,rate",
):
    return ("\n".join([header, *rows]) + "\n").encode()


def test_council_figures_become_approved_readings_citing_the_publication(lincs_and_leeds):
    lincs, leeds = lincs_and_leeds
    report = import_small()
    metric = Metric.objects.get(official_key="csww:turnover_rate_fte")
    assert metric.council is None and metric.name == "Turnover rate (FTE)" and metric.unit == "percent"
    assert "1 decimal place" in metric.definition
    reading = Reading.objects.get(metric=metric, council=lincs, period_end=dt.date(2018, 9, 30))
    assert reading.period_start is None
    assert reading.value == reading.published_value == Decimal("9.6")
    assert reading.status == Reading.Status.APPROVED and reading.kind == Reading.Kind.ACTUAL and reading.project is None
    assert reading.source_document.kind == SourceDocument.Kind.OFFICIAL_STATISTICS
    assert reading.source_document.title == "Children's social work workforce"
    assert report.readings_created == 4 and report.benchmarks_created == 4


def test_england_and_regions_become_benchmarks_and_inner_london_is_reported(lincs_and_leeds):
    report = import_small()
    england = Benchmark.objects.get(area="england", period_end=dt.date(2018, 9, 30))
    assert england.value == Decimal("15.1") and england.source_document.key == "ees-csww"
    region = Benchmark.objects.get(area="region", period_end=dt.date(2019, 9, 30))
    assert region.region.gss_code == "E12000004" and region.value == Decimal("13.5")
    assert not Region.objects.filter(gss_code="E13000001").exists()
    assert any("Inner and Outer London" in item for item in report.skipped)


def test_symbols_are_stored_as_missing_values_with_their_reason(lincs_and_leeds):
    lincs, leeds = lincs_and_leeds
    report = import_small()
    missing = Reading.objects.get(council=lincs, period_end=dt.date(2019, 9, 30))
    assert missing.value is None and missing.published_value is None
    assert missing.missing_reason == "z (not applicable)"
    assert report.missing == {"z (not applicable)": 1, "u (low reliability)": 1}


def test_identical_duplicate_rows_are_reported_and_counted_once(lincs_and_leeds):
    report = import_small()
    assert report.duplicates == ["line 11 repeats line 10 (Leeds, as at 30 September 2019); counted once"]
    assert Reading.objects.filter(council=lincs_and_leeds[1]).count() == 2


def test_conflicting_duplicates_stop_the_import(lincs_and_leeds):
    file = _csv(
        "2018,Calendar year,Local authority,E92000001,E12000004,East Midlands,925,E10000019,Lincolnshire,5",
        "2018,Calendar year,Local authority,E92000001,E12000004,East Midlands,925,E10000019,Lincolnshire,6",
    )
    with pytest.raises(EESImportError, match="Lines 2 and 3 give different figures for Lincolnshire"):
        _import(file)
    assert not Reading.objects.exists()


def test_reimport_changes_nothing_and_a_corrected_figure_updates_in_place(lincs_and_leeds):
    import_small()
    again = import_small()
    assert (again.readings_created, again.readings_updated, again.readings_unchanged) == (0, 0, 4)
    assert (again.benchmarks_created, again.benchmarks_updated, again.benchmarks_unchanged) == (0, 0, 4)
    assert Metric.objects.filter(official_key="csww:turnover_rate_fte").count() == 1
    reading = Reading.objects.get(council=lincs_and_leeds[0], period_end=dt.date(2018, 9, 30))
    file = _csv("2018,Reporting year,Local authority,E92000001,E12000004,East Midlands,925,E10000019,Lincs,9.9")
    report = _import(file, indicator="rate", key="turnover_rate_fte", unit="percent")
    assert report.readings_updated == 1
    reading.refresh_from_db()
    assert reading.value == Decimal("9.9") and reading.version == 2
    assert reading.history.count() == 2


def _import(file, indicator="rate", key=None, unit="percent", rule=SEPT_30, **kwargs):
    from metrics.official.importer import ees_file_import

    # Rename the column so a second file refreshes the metric of the first.
    if key:
        file = file.replace(b",rate\n", f",{key}\n".encode(), 1)
        indicator = key
    return ees_file_import(
        data=file,
        publication=Publication(key="csww", title="Children's social work workforce"),
        indicator=indicator,
        rule=rule,
        metric=MetricSpec(unit=unit),
        **kwargs,
    )


def test_unknown_la_code_stops_the_import_and_names_the_line(lincs_and_leeds):
    file = _csv(
        "2018,Calendar year,National,E92000001,,,,,,5",
        "2018,Calendar year,Local authority,E92000001,E12000004,East Midlands,999,E06999999,Nowhere,6",
    )
    with pytest.raises(EESImportError) as caught:
        _import(file)
    assert caught.value.report.errors == ["Line 3 (Nowhere): no council has the GSS code E06999999"]
    assert not Benchmark.objects.exists() and not Metric.objects.exists()


def test_combined_rows_are_reported_not_split(lincs_and_leeds):
    file = _csv(
        "2018,Calendar year,National,E92000001,,,,,,5",
        "2018,Calendar year,Local authority,E92000001,E12000004,East Midlands,940 / 941,E06000061 / E06000062,N / W,6",
    )
    report = _import(file)
    assert len(report.combined) == 1 and "not split" in report.combined[0]
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\n\n", "The file is empty"),
        (b"year,area,rate\n2018,England,5\n", "the header lacks time_period, time_identifier, geographic_level"),
        (_csv(), "a header but no rows"),
        (
            _csv(
                "2018,Calendar year,National,E92000001,,,,,,5",
                header="time_period,time_identifier,geographic_level,"
                "country_code,region_code,region_name,old_la_code,new_la_code,la_name,other",
            ),
            "no column 'rate'",
        ),
        (_csv("2018,Calendar year,National,E92000001,,,,,,n/a"), "Line 2, rate: 'n/a' is neither a number"),
        (_csv("2018,Calendar year,National,E92000001,,,,,,120"), "not a percentage between 0 and 100"),
        (_csv("2018,Calendar year,National,E92000001,,,"), "Line 2 has 7 cells but the header has 10"),
        (_csv("2018,Week 4,National,E92000001,,,,,,5"), "cannot date the time identifier 'Week 4'"),
    ],
)
def test_bad_files_are_refused_whole(lincs_and_leeds, content, message):
    with pytest.raises(EESImportError, match=message):
        _import(content)
    assert not Metric.objects.exists()


def test_a_reporting_year_without_its_date_is_refused(lincs_and_leeds):
    with pytest.raises(EESImportError, match="does not say which date"):
        import_small(rule=None)


def test_windows_1252_file_with_millions_of_pounds(lincs_and_leeds):
    report = import_small(
        indicator="spend", file="spend_windows1252.csv", metric=MetricSpec(direction="neither"), rule=None
    )
    assert report.encoding == "Windows-1252"
    metric = Metric.objects.get(official_key="csww:spend")
    assert metric.unit == "gbp" and metric.kind == "money"
    reading = Reading.objects.get(metric=metric)
    assert reading.value == Decimal("250000") and reading.period_start == dt.date(2018, 4, 1)
    assert reading.period_end == dt.date(2019, 3, 31)
    assert Benchmark.objects.get(metric=metric).value == Decimal("1500000")


def test_utf8_byte_order_mark_is_read(lincs_and_leeds):
    report = import_small(
        indicator="rate", file="calendar_bom.csv", meta=False, metric=MetricSpec(unit="percent"), rule=None
    )
    assert report.encoding == "UTF-8 with byte-order mark"
    assert Benchmark.objects.get().period_start == dt.date(2018, 1, 1)


def test_filters_select_one_combination(lincs_and_leeds):
    import_small(
        indicator="children_percent",
        file="placements_filters.csv",
        filters={"placement_stability": "Three or more placements", "cla_group": "All children looked after"},
        rule=PeriodRule.parse(year_ending="03-31"),
        publication=Publication(key="cla", title="Children looked after"),
    )
    metric = Metric.objects.get()
    assert (
        metric.slug
        == "cla-children-percent-cla-group-all-children-looked-after-placement-stability-three-or-more-placements"
    )
    assert metric.official_key == (
        "cla:children_percent[cla_group=All children looked after;placement_stability=Three or more placements]"
    )
    assert Benchmark.objects.get().value == Decimal("10")
    assert Reading.objects.get().missing_reason == "c (confidential)"


def test_filters_not_named_default_to_total(lincs_and_leeds):
    report = import_small(
        indicator="children_count",
        file="placements_filters.csv",
        filters={"cla_group": "Looked after for 2.5 years"},
        rule=PeriodRule.parse(year_ending="03-31"),
        metric=MetricSpec(kind="period_count", unit="count"),
    )
    assert report.notes[0] == "filter placement_stability taken as 'Total' (not named)"
    assert Benchmark.objects.get().value == Decimal("29100")
    assert not Reading.objects.exists()


def test_a_filter_without_total_must_be_named(lincs_and_leeds):
    with pytest.raises(EESImportError, match="Name a value for the filter 'cla_group'"):
        import_small(
            indicator="children_percent", file="placements_filters.csv", rule=PeriodRule.parse(year_ending="03-31")
        )


def test_dry_run_reports_without_saving(lincs_and_leeds):
    report = import_small(dry_run=True)
    assert report.readings_created == 4
    assert "would be created 4" in "\n".join(report.lines())
    assert not Metric.objects.exists() and not Reading.objects.exists() and not SourceDocument.objects.exists()


def test_a_filter_value_that_matches_nothing_lists_the_values_there_are(lincs_and_leeds):
    with pytest.raises(EESImportError) as caught:
        import_small(
            indicator="children_percent",
            file="placements_filters.csv",
            filters={"cla_group": "All children", "placement_stability": "Total"},
            rule=PeriodRule.parse(year_ending="03-31"),
        )
    assert (
        caught.value.report.errors[1]
        == "cla_group has the values: All children looked after; Looked after for 2.5 years"
    )


def test_a_row_for_a_council_that_no_longer_existed_is_skipped_when_it_has_no_figure(lincs_and_leeds):
    from tests.factories import CouncilFactory

    CouncilFactory(gss_code="E10000021", dfe_number="928", name="Northamptonshire", operational_to=dt.date(2021, 3, 31))
    row = "2025,Calendar year,Local authority,E92000001,E12000004,East Midlands,928,E10000021,Northamptonshire,{}"
    report = _import(_csv("2025,Calendar year,National,E92000001,,,,,,5", row.format("z")))
    assert "Northamptonshire (E10000021) did not operate on 30 September 2025" in report.boundary_changes[0]
    assert "skipped" in report.boundary_changes[0] and not Reading.objects.exists()
    # With a figure, the row is still not stored, but it is a warning, never a refused file.
    report = _import(_csv("2025,Calendar year,National,E92000001,,,,,,5", row.format("7")))
    assert "yet the row has a figure (7); skipped" in report.warnings[0]
    assert not Reading.objects.exists() and Benchmark.objects.count() == 1


def test_an_import_tells_the_council_page_cache(lincs_and_leeds):
    lincs, leeds = lincs_and_leeds
    before = {c.pk: c.data_version for c in (lincs, leeds)}
    import_small()
    for each in (lincs, leeds):
        each.refresh_from_db()
        assert each.data_version > before[each.pk]
    checked = {c.pk: c.data_version for c in (lincs, leeds)}
    import_small(dry_run=True)
    import_small()  # nothing changed: nothing announced
    for each in (lincs, leeds):
        each.refresh_from_db()
        assert each.data_version == checked[each.pk]
