"""The import_ees command on the real published workforce file (kept beside the clone, not in it)."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from metrics.models import Benchmark, Metric, Reading
from tests.official.conftest import DATA, SHARED_EES

WORKFORCE_FILE = SHARED_EES / "csww_indicators_2017_to_2025.csv"
needs_shared = pytest.mark.skipif(not WORKFORCE_FILE.exists(), reason="needs ../shared/data/ees")


def _run(path, *args):
    out = StringIO()
    call_command("import_ees", str(path), *args, stdout=out)
    return out.getvalue()


WORKFORCE_ARGS = [
    "--indicator=turnover_rate_fte",
    "--publication-key=csww",
    "--publication=Children's social work workforce",
    "--as-at=09-30",
    "--unit=percent",
    "--direction=lower",
]


@needs_shared
@pytest.mark.django_db
def test_real_workforce_file_gives_the_published_england_turnover(all_councils):
    output = _run(WORKFORCE_FILE, *WORKFORCE_ARGS)
    metric = Metric.objects.get(official_key="csww:turnover_rate_fte")
    england = Benchmark.objects.get(metric=metric, area="england", period_end=dt.date(2025, 9, 30))
    assert england.value == Decimal("11.8")
    assert Benchmark.objects.filter(metric=metric, area="region").count() == 9 * 9
    lincs = Reading.objects.get(metric=metric, council__gss_code="E10000019", period_end=dt.date(2025, 9, 30))
    assert lincs.source_document.kind == "official_statistics"
    # 151 rows for 2025 less two combined ones; 16 councils for each earlier year.
    assert Reading.objects.filter(metric=metric, period_end=dt.date(2025, 9, 30)).count() == 149
    assert Reading.objects.filter(metric=metric).count() == 149 + 8 * 16
    assert "combined: line" in output and "Kingston upon Thames / Richmond upon Thames" in output
    again = _run(WORKFORCE_FILE, *WORKFORCE_ARGS)
    assert "created 0, updated 0, unchanged 277" in again


@pytest.mark.django_db
def test_command_reads_the_meta_file_beside_the_data(lincs_and_leeds):
    output = _run(DATA / "workforce_small.csv", *WORKFORCE_ARGS[:4])
    assert "Council figures were created 4" in output
    assert Metric.objects.get().name == "Turnover rate (FTE)"


@pytest.mark.django_db
def test_command_reports_every_problem_and_imports_nothing(lincs_and_leeds, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "time_period,time_identifier,geographic_level,new_la_code,rate\n2018,Calendar year,Local authority,E1,5\n"
    )
    with pytest.raises(CommandError, match="no council has the GSS code E1"):
        _run(bad, "--indicator=rate", "--publication-key=x", "--publication=X", "--unit=percent")
    assert not Metric.objects.exists()


@pytest.mark.django_db
def test_command_refuses_a_bad_filter_and_date():
    with pytest.raises(CommandError, match="COLUMN=VALUE"):
        _run(DATA / "workforce_small.csv", *WORKFORCE_ARGS, "--filter=cla_group")
    with pytest.raises(CommandError, match="not a month and day"):
        _run(DATA / "workforce_small.csv", *WORKFORCE_ARGS[:3], "--as-at=September")
    with pytest.raises(CommandError, match="--meta nowhere.meta.csv is not a file"):
        _run(DATA / "workforce_small.csv", *WORKFORCE_ARGS, "--meta=nowhere.meta.csv")
