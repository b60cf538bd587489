"""Bad values become row and column messages, never tracebacks: in the service, --dry-run and the admin upload."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from metrics.models import Benchmark, Metric, Reading
from metrics.official.importer import MetricSpec, Publication, ees_file_import
from metrics.official.report import EESImportError
from programmes.models import SourceDocument
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
HEADER = "time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,{}"
PUBLICATION = Publication(key="csww", title="Children's social work workforce")


def _file(value, column="leavers"):
    rows = [
        HEADER.format(column),
        "2018,Calendar year,National,E92000001,,,,,100",
        f"2018,Calendar year,Local authority,E92000001,E12000004,925,E10000019,Lincolnshire,{value}",
    ]
    return ("\n".join(rows) + "\n").encode()


def _import(content, indicator="leavers", unit="count", **kwargs):
    return ees_file_import(
        data=content,
        publication=PUBLICATION,
        indicator=indicator,
        metric=MetricSpec(unit=unit, kind="period_count"),
        **kwargs,
    )


def _nothing_saved():
    return not (Metric.objects.exists() or Reading.objects.exists() or Benchmark.objects.exists()) and not (
        SourceDocument.objects.exists()
    )


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_negative_count_is_a_line_and_column_error(lincs_and_leeds, dry_run):
    with pytest.raises(EESImportError) as caught:
        _import(_file("-3"), dry_run=dry_run)
    assert caught.value.report.errors == ["Line 3, leavers: -3 is negative, and a count cannot be"]
    assert _nothing_saved()


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_value_too_large_to_store_is_a_line_and_column_error(lincs_and_leeds, dry_run):
    with pytest.raises(EESImportError) as caught:
        _import(_file("10000000000000000"), dry_run=dry_run)
    assert caught.value.report.errors[0].startswith("Line 3, leavers: 10000000000000000 is too large to store")
    assert _nothing_saved()


def test_the_largest_value_that_fits_is_stored(lincs_and_leeds):
    _import(_file("999999999999999"))
    assert Reading.objects.get().value == 999999999999999


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_key_over_200_characters_is_an_error_not_a_traceback(lincs_and_leeds, dry_run):
    column = "x" * 200
    with pytest.raises(EESImportError) as caught:
        _import(_file("5", column=column), indicator=column, dry_run=dry_run)
    assert "key (205 characters" in caught.value.report.errors[0] and "over 200" in caught.value.report.errors[0]
    assert _nothing_saved()


def test_the_command_reports_a_negative_count_even_in_a_dry_run(lincs_and_leeds, tmp_path):
    path = tmp_path / "leavers.csv"
    path.write_bytes(_file("-3"))
    args = ["--indicator=leavers", "--publication-key=csww", "--publication=W", "--unit=count", "--kind=period_count"]
    with pytest.raises(CommandError, match="Line 3, leavers: -3 is negative"):
        call_command("import_ees", str(path), *args, "--dry-run", stdout=StringIO())
    assert _nothing_saved()


@pytest.mark.parametrize(
    ("content", "indicator", "message"),
    [
        (_file("-3"), "leavers", "Line 3, leavers: -3 is negative"),
        (_file("1e16"), "leavers", "is too large to store"),
        (_file("5", column="y" * 200), "y" * 200, "over 200"),
    ],
)
def test_the_admin_upload_shows_the_message_not_a_server_error(
    admin_user, lincs_and_leeds, content, indicator, message
):
    fields = {
        "data_file": SimpleUploadedFile("bad.csv", content, content_type="text/csv"),
        "indicator": indicator,
        "publication_key": "csww",
        "publication_title": "Children's social work workforce",
        "unit": "count",
        "kind": "period_count",
        "direction": "neither",
    }
    response = client_for(admin_user).post(reverse("admin:metrics_metric_import_ees"), fields)
    assert response.status_code == 200
    assert any(message in line for line in response.context["report_lines"])
    assert _nothing_saved()


def test_a_figure_with_more_places_than_are_kept_is_rounded_said_and_unchanged_on_reimport(lincs_and_leeds):
    first = _import(_file("33.333333", column="rate"), indicator="rate", unit="percent")
    assert Reading.objects.get().value == Decimal("33.3333")
    assert "1 figure(s) have more than 4 decimal places and are kept rounded to 4 (line 3: 33.333333 as 33.3333)" in (
        first.notes
    )
    again = _import(_file("33.333333", column="rate"), indicator="rate", unit="percent")
    assert (again.readings_updated, again.readings_unchanged) == (0, 1)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("abc", "'abc' is neither a number nor a known symbol"),
        ("12%", "'12%' is neither a number nor a known symbol"),
        ("NaN", "'NaN' is not a number"),
        ("inf", "'inf' is not a number"),
        ("1e400", "is too large to store"),
    ],
)
def test_a_cell_that_is_not_a_figure_is_a_line_and_column_error(lincs_and_leeds, cell, message):
    with pytest.raises(EESImportError) as caught:
        _import(_file(cell), dry_run=True)
    assert caught.value.report.errors[0].startswith("Line 3, leavers: ") and message in caught.value.report.errors[0]
    assert _nothing_saved()


def test_a_percentage_over_100_is_a_line_and_column_error(lincs_and_leeds):
    with pytest.raises(EESImportError, match=r"Line 3, rate: 150 is not a percentage between 0 and 100"):
        _import(_file("150", column="rate"), indicator="rate", unit="percent")
    assert _nothing_saved()


def test_a_cell_too_big_for_csv_is_a_message_in_the_command_and_the_admin(lincs_and_leeds, admin_user, tmp_path):
    content = _file('"' + "9" * 200_000 + '"')
    with pytest.raises(EESImportError) as caught:
        _import(content, dry_run=True)
    assert caught.value.report.errors == ["Line 3 cannot be read as CSV: field larger than field limit (131072)"]
    fields = {
        "data_file": SimpleUploadedFile("big.csv", content, content_type="text/csv"),
        "indicator": "leavers",
        "publication_key": "csww",
        "publication_title": "Children's social work workforce",
        "unit": "count",
        "kind": "period_count",
        "direction": "neither",
    }
    response = client_for(admin_user).post(reverse("admin:metrics_metric_import_ees"), fields)
    assert response.status_code == 200
    assert "  error: Line 3 cannot be read as CSV: field larger than field limit (131072)" in (
        response.context["report_lines"]
    )
    assert _nothing_saved()


def test_a_file_with_old_mac_line_ends_is_read(lincs_and_leeds):
    report = _import(_file("7").replace(b"\n", b"\r"))
    assert (report.readings_created, report.benchmarks_created) == (1, 1)
