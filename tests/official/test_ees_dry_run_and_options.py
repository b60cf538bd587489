"""A dry run reads and reports but writes nothing; bad options are messages before anything is read; a revised
England or council figure keeps the value it replaced in its history (issue 17, points 2 and 4)."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Benchmark, Metric, OfficialRelease, Reading
from metrics.official.importer import MetricSpec, Publication, ees_file_import
from metrics.official.releases import Release
from metrics.official.report import EESImportError
from programmes.models import Region, SourceDocument
from tests.official.conftest import DATA, SEPT_30, WORKFORCE, import_small

pytestmark = pytest.mark.django_db
READ_ONLY = ("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
OLDER = Release(name="Reporting year 2018", published_on=dt.date(2019, 2, 28))
NEWER = Release(name="Reporting year 2019", published_on=dt.date(2020, 2, 27))


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(READ_ONLY)]


def _counts(report):
    return (
        report.readings_created,
        report.readings_updated,
        report.readings_unchanged,
        report.benchmarks_created,
        report.benchmarks_updated,
        report.benchmarks_unchanged,
    )


def _import(content: bytes, **kwargs):
    meta = (DATA / "workforce_small.meta.csv").read_bytes()
    kwargs = {"meta": meta, "indicator": "turnover_rate_fte", "rule": SEPT_30, "publication": WORKFORCE, **kwargs}
    return ees_file_import(data=content, **kwargs)


SMALL = (DATA / "workforce_small.csv").read_bytes()


def test_a_dry_run_of_a_new_publication_writes_nothing_and_reports_what_the_import_would_do(lincs_and_leeds):
    # Its regional rows are for a region not stored yet: the import would add it.
    content = SMALL.replace(b"E12000004,East Midlands,,,,", b"E12000006,East of England,,,,")
    regions = Region.objects.count()
    with CaptureQueriesContext(connection) as queries:
        checked = _import(content, dry_run=True, release=NEWER)
    assert _writes(queries.captured_queries) == []
    assert not (Metric.objects.exists() or SourceDocument.objects.exists() or OfficialRelease.objects.exists())
    assert Region.objects.count() == regions
    assert "region East of England (E12000006) would be added" in checked.notes
    assert "would be created 4" in checked.lines()[1] and "  release: Reporting year 2019" in checked.lines()
    done = _import(content, release=NEWER)
    assert _counts(done) == _counts(checked) == (4, 0, 0, 4, 0, 0)
    assert "region East of England (E12000006) added" in done.notes


def test_a_dry_run_of_a_revision_counts_it_and_changes_nothing(lincs_and_leeds):
    import_small(release=OLDER)
    revised = SMALL.replace(b"15.1,15.4", b"15.0,15.4")
    with CaptureQueriesContext(connection) as queries:
        checked = _import(revised, dry_run=True, release=NEWER)
    assert _writes(queries.captured_queries) == []
    assert (checked.benchmarks_updated, checked.benchmarks_unchanged, checked.readings_unchanged) == (1, 3, 4)
    assert not OfficialRelease.objects.filter(name=NEWER.name).exists()
    assert Benchmark.objects.get(area="england", period_end=dt.date(2018, 9, 30)).value == Decimal("15.1")


def test_a_revised_england_figure_keeps_the_one_it_replaced_in_its_history(lincs_and_leeds, admin_user):
    import_small(release=OLDER)
    revised = SMALL.replace(b"15.1,15.4", b"15.0,15.4").replace(b"Lincolnshire,9.6", b"Lincolnshire,9.5")
    _import(revised, release=NEWER, user=admin_user)
    england = Benchmark.objects.get(area="england", period_end=dt.date(2018, 9, 30))
    history = list(england.history.order_by("history_date").values_list("value", "release__name"))
    assert history == [(Decimal("15.1"), OLDER.name), (Decimal("15.0"), NEWER.name)]
    assert england.history.latest().history_user == admin_user
    lincs = Reading.objects.get(council=lincs_and_leeds[0], period_end=dt.date(2018, 9, 30))
    assert list(lincs.history.order_by("history_date").values_list("value", flat=True)) == [
        Decimal("9.6"),
        Decimal("9.5"),
    ]


@pytest.mark.parametrize(
    ("publication", "release", "spec", "message"),
    [
        (Publication(key="", title="W"), None, MetricSpec(), "Give the publication a short key"),
        (Publication(key="cs ww/2", title="W"), None, MetricSpec(), "only letters, numbers, hyphens"),
        (Publication(key="k" * 51, title="W"), None, MetricSpec(), "The publication key is 51 characters long"),
        (Publication(key="csww", title=" "), None, MetricSpec(), "Give the publication's title"),
        (Publication(key="csww", title="T" * 301), None, MetricSpec(), "title is 301 characters long; at most 300"),
        (Publication(key="csww", title="W", url="not an address"), None, MetricSpec(), "is not a web address"),
        (Publication(key="csww", title="W"), Release(name="R" * 201), MetricSpec(), "release's name is 201"),
        (Publication(key="csww", title="W"), None, MetricSpec(name="N" * 301), "measure's name is 301"),
    ],
)
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_bad_option_is_a_message_and_nothing_is_stored(lincs_and_leeds, publication, release, spec, message, dry_run):
    with pytest.raises(EESImportError) as caught:
        import_small(publication=publication, release=release, metric=spec, dry_run=dry_run)
    assert any(message in error for error in caught.value.report.errors), caught.value.report.errors
    assert not (Metric.objects.exists() or SourceDocument.objects.exists() or OfficialRelease.objects.exists())


def test_the_command_says_what_is_wrong_with_its_options(lincs_and_leeds):
    args = [
        str(DATA / "workforce_small.csv"),
        "--indicator=turnover_rate_fte",
        "--as-at=09-30",
        "--publication-key=",
        "--publication=" + "T" * 400,
        "--url=notaurl",
    ]
    with pytest.raises(CommandError) as caught:
        call_command("import_ees", *args, stdout=StringIO())
    said = str(caught.value)
    assert "Nothing was imported: 3 problem(s)." in said
    assert "Give the publication a short key" in said and "title is 400 characters long" in said
    assert "'notaurl' is not a web address" in said
    assert not Reading.objects.exists()
