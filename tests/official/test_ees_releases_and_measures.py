"""Releases (an older one never overwrites a newer) and the measure catalogue (one measure per column)."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from metrics.models import Benchmark, Metric, OfficialRelease, Reading
from metrics.official.importer import MetricSpec, Publication, ees_file_import
from metrics.official.periods import PeriodRule
from metrics.official.releases import Release
from metrics.official.report import EESImportError

pytestmark = pytest.mark.django_db
HEADER = "time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,{}"
CSWW = Publication(key="csww", title="Children's social work workforce")
SEPT_30 = PeriodRule.parse(as_at="09-30")
OLDER = Release(name="Reporting year 2018", published_on=dt.date(2019, 2, 28))
NEWER = Release(name="Reporting year 2019", published_on=dt.date(2020, 2, 27))


def _file(england, lincs="20.1", column="caseload_fte"):
    rows = [
        HEADER.format(column),
        f"2017,Reporting year,National,E92000001,,,,,{england}",
        f"2017,Reporting year,Local authority,E92000001,E12000004,925,E10000019,Lincolnshire,{lincs}",
    ]
    return ("\n".join(rows) + "\n").encode()


def _import(content, column="caseload_fte", unit="number", meta=None, **kwargs):
    kwargs.setdefault("metric", MetricSpec(unit=unit, kind="rate"))
    return ees_file_import(data=content, meta=meta, publication=CSWW, indicator=column, rule=SEPT_30, **kwargs)


def test_each_import_records_its_release_on_the_figures(lincs_and_leeds):
    report = _import(_file("17.8"), release=OLDER, file_name="csww_2018.csv")
    release = OfficialRelease.objects.get()
    assert (release.publication_key, release.name, release.published_on) == (
        "csww",
        "Reporting year 2018",
        OLDER.published_on,
    )
    assert release.file_name == "csww_2018.csv"
    assert Benchmark.objects.get().release == release and Reading.objects.get().release == release
    assert "  release: Reporting year 2018" in report.lines()


def test_an_older_release_never_puts_back_a_revised_figure(lincs_and_leeds):
    _import(_file("17.8", lincs="20.1"), release=OLDER)
    revised = _import(_file("17.7", lincs="20.0"), release=NEWER)
    assert revised.benchmarks_updated == 1 and revised.readings_updated == 1
    again = _import(_file("17.8", lincs="20.1"), release=OLDER)
    assert Benchmark.objects.get().value == Decimal("17.7") and Reading.objects.get().value == Decimal("20.0")
    assert (again.benchmarks_updated, again.readings_updated) == (0, 0)
    assert len(again.older_release) == 2
    assert again.older_release[1] == (
        "line 2: England, as at 30 September 2017: kept 17.7 from the release of 27 February 2020, "
        "not this older release's 17.8"
    )
    assert any(line.startswith("  newer release kept: ") for line in again.lines())


def test_replace_newer_lets_an_older_release_replace_the_figure(lincs_and_leeds):
    _import(_file("17.7"), release=NEWER)
    _import(_file("17.8"), release=Release(name=OLDER.name, published_on=OLDER.published_on, replace_newer=True))
    assert Benchmark.objects.get().value == Decimal("17.8")


def test_the_command_takes_the_release_and_refuses_a_bad_date(lincs_and_leeds, tmp_path):
    path = tmp_path / "caseload.csv"
    path.write_bytes(_file("17.7"))
    args = ["--indicator=caseload_fte", "--publication-key=csww", "--publication=W", "--as-at=09-30", "--unit=number"]
    out = StringIO()
    call_command(
        "import_ees", str(path), *args, "--kind=rate", "--release=RY 2019", "--release-date=2020-02-27", stdout=out
    )
    assert OfficialRelease.objects.get().published_on == dt.date(2020, 2, 27)
    with pytest.raises(CommandError, match="not a date like"):
        call_command("import_ees", str(path), *args, "--release-date=27/02/2020", stdout=StringIO())


def test_letter_case_of_filters_and_keys_gives_one_measure(lincs_and_leeds):
    _import(_file("17.7"), filters=None)
    header_upper = _file("17.7").replace(b"caseload_fte", b"Caseload_FTE")
    report = _import(header_upper, column="Caseload_FTE")
    assert Metric.objects.count() == 1 and report.benchmarks_unchanged == 1


def test_a_reimport_without_a_name_keeps_the_measures_name(lincs_and_leeds):
    _import(_file("17.7"), metric=MetricSpec(unit="number", kind="rate", name="Average caseload (FTE)"))
    _import(_file("17.7"))
    assert Metric.objects.get().name == "Average caseload (FTE)"
    _import(_file("17.7"), metric=MetricSpec(unit="number", kind="rate", name="Caseload"))
    assert Metric.objects.get().name == "Caseload"


def test_metric_option_loads_a_column_into_an_existing_measure(lincs_and_leeds):
    _import(_file("17.7"))
    slug = Metric.objects.get().slug
    _import(
        _file("17.7", column="cases_per_worker").replace(b"17.7", b"17.6"), column="cases_per_worker", metric_slug=slug
    )
    assert Metric.objects.count() == 1 and Benchmark.objects.get().value == Decimal("17.6")
    with pytest.raises(EESImportError, match="No official measure has the slug 'nothing'"):
        _import(_file("17.7"), metric_slug="nothing")


def test_an_older_layouts_percent_column_is_the_same_fte_turnover_measure(lincs_and_leeds):
    meta = "col_name,col_type,label,indicator_unit,indicator_dp\n{},Indicator,Turnover rate (FTE),%,1\n"
    _import(
        _file("15.1", lincs="9.6", column="turnover_rate_fte"),
        column="turnover_rate_fte",
        unit="",
        meta=meta.format("turnover_rate_fte").encode(),
    )
    older = _file("15.2", lincs="9.6", column="turnover_rate_fte_%")
    report = _import(older, column="turnover_rate_fte_%", unit="", meta=meta.format("turnover_rate_fte_%").encode())
    assert Metric.objects.get().official_key == "csww:turnover_rate_fte"
    assert report.benchmarks_updated == 1 and report.readings_unchanged == 1


def test_a_release_cites_its_name_and_date(lincs_and_leeds):
    _import(_file("17.7"), release=NEWER)
    assert OfficialRelease.objects.get().citation() == "release ‘Reporting year 2019’, published 27 February 2020"


def test_a_figure_stored_before_releases_were_recorded_gets_the_release_of_a_reimport(lincs_and_leeds):
    _import(_file("17.7"))
    Reading.objects.update(release=None)
    Benchmark.objects.update(release=None)
    report = _import(_file("17.7"), release=NEWER)
    assert report.readings_updated == 1 and report.benchmarks_updated == 1
    assert Reading.objects.get().release.name == NEWER.name == Benchmark.objects.get().release.name
    again = _import(_file("17.7"), release=NEWER)
    assert again.readings_unchanged == 1 and again.benchmarks_unchanged == 1


def test_into_is_the_same_as_metric(lincs_and_leeds, tmp_path):
    _import(_file("17.7"))
    path = tmp_path / "caseload.csv"
    path.write_bytes(_file("17.6", column="cases_per_worker"))
    args = ["--indicator=cases_per_worker", "--publication-key=csww", "--publication=W", "--as-at=09-30"]
    call_command("import_ees", str(path), *args, f"--into={Metric.objects.get().slug}", stdout=StringIO())
    assert Metric.objects.count() == 1 and Benchmark.objects.get().value == Decimal("17.6")


def test_a_release_with_no_date_does_not_replace_a_dated_releases_figure(lincs_and_leeds):
    _import(_file("17.7"), release=NEWER)
    undated = _import(_file("17.8"), release=Release(name="A file someone found"))
    assert Benchmark.objects.get().value == Decimal("17.7")
    assert undated.older_release[0].endswith("not this release's (it has no date: give the release date) 17.8")
    _import(_file("17.8"), release=Release(name="A file someone found", replace_newer=True))
    assert Benchmark.objects.get().value == Decimal("17.8")


def test_a_dated_release_replaces_a_figure_whose_release_has_no_date(lincs_and_leeds):
    _import(_file("17.8"), release=Release(name="Undated"))
    _import(_file("17.7"), release=OLDER)
    assert Benchmark.objects.get().value == Decimal("17.7")
