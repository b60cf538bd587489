"""Figures as stated (issue 13 rule 4): a reading keeps the source's qualifier ("over 50") and every
place that shows the figure shows it; the RAG judges "over N" as N and says so; what is published
is the approved qualifier; a target with no stated baseline is judged at its own date."""

import csv
import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from metrics.models import Reading
from metrics.rag import GREEN, NONE, Point, rag_for
from metrics.services import reading_approve, reading_update
from metrics.units import Direction, Qualifier, Unit, format_value
from tests.conftest import client_for
from tests.entry.conftest import date_fields, project_url
from tests.factories import MetricFactory, ProjectFactory, ReadingFactory

D = Decimal
COUNT_UP = SimpleNamespace(unit=Unit.COUNT, direction=Direction.HIGHER)


def test_one_formatting_function_writes_the_qualifier_before_the_figure():
    assert format_value(D(50), Unit.COUNT, Qualifier.OVER) == "over 50"
    assert format_value(D(40), Unit.PERCENT, Qualifier.OVER) == "over 40%"
    assert format_value(D(20000000), Unit.GBP, Qualifier.CLOSE_TO) == "close to £20,000,000"
    assert format_value(D(28), Unit.COUNT, Qualifier.ABOUT) == "about 28"
    assert format_value(D(150), Unit.COUNT, Qualifier.UP_TO) == "up to 150"
    assert format_value(D(50), Unit.COUNT) == "50"


def test_the_rag_judges_over_n_as_n_and_says_so():
    rag = rag_for(
        metric=COUNT_UP,
        actuals=[Point(dt.date(2018, 7, 25), D(50), Qualifier.OVER)],
        targets=[Point(dt.date(2018, 7, 1), D(50))],
    )
    assert rag.status == GREEN
    assert rag.sentence == "Green: target met with over 50 of 50 (100%) as at 25 July 2018; over 50 is judged as 50."


def test_a_target_without_a_stated_baseline_is_judged_at_its_own_date():
    # Signs of Safety: 155 attended, a further 65 planned for 2018/19; no paper states a starting point.
    rag = rag_for(
        metric=COUNT_UP,
        actuals=[Point(dt.date(2018, 7, 20), D(155))],
        targets=[Point(dt.date(2019, 3, 31), D(220))],
        today=dt.date(2018, 8, 1),
    )
    assert rag.status == NONE
    assert "the target is not due until 31 March 2019" in rag.sentence
    assert "expected" not in rag.sentence
    # Read in 2026, the same figure says the target was not due until then, and that it is stale.
    later = rag_for(
        metric=COUNT_UP,
        actuals=[Point(dt.date(2018, 7, 20), D(155))],
        targets=[Point(dt.date(2019, 3, 31), D(220))],
        today=dt.date(2026, 12, 3),
    )
    assert later.status == NONE
    assert "the target was not due until 31 March 2019" in later.sentence
    assert later.sentence.endswith("last figure 20 July 2018; none since.")


@pytest.fixture
def qualified(council):
    project = ProjectFactory(workstream__council=council, name="Relational practice centre", slug="lrpc")
    metric = MetricFactory(name="Councils attending events", council=council, project=project, is_key=True)
    reading = ReadingFactory(
        metric=metric, council=council, project=project, value=D(50), qualifier=Qualifier.OVER,
        period_end=dt.date(2018, 7, 25),
    )
    return project, metric, reading


def test_the_project_page_tables_and_chart_show_the_qualifier(scrutiny, qualified):
    project, _metric, _reading = qualified
    response = client_for(scrutiny).get(project.get_absolute_url())
    page = response.content.decode()
    assert page.count("over 50") >= 3  # the measures row, the figures table and the chart's data table
    (chart,) = response.context["charts"]
    assert chart.figure["data"][0]["customdata"] == ["over 50"]


def test_the_downloads_give_the_qualifier_its_own_column(scrutiny, council, qualified):
    _project, metric, _reading = qualified
    client = client_for(scrutiny)
    figures = client.get(reverse("figures-csv", args=[council.gss_code]))
    (row,) = csv.DictReader(io.StringIO(b"".join(figures.streaming_content).decode()))
    assert (row["qualifier"], row["value"]) == ("over", "50")
    chart = client.get(reverse("chart-csv", kwargs={"gss_code": council.gss_code, "metric_slug": metric.slug}))
    (chart_row,) = csv.DictReader(io.StringIO(chart.content.decode()))
    assert (chart_row["qualifier"], chart_row["value"]) == ("over", "50")


def test_readers_see_the_approved_qualifier_until_a_change_is_approved(manager, approver, qualified):
    _project, _metric, reading = qualified
    changed = reading_update(
        user=manager, reading=reading, expected_version=reading.version, kind=reading.kind, value=D(50),
        period_start=None, period_end=reading.period_end, qualifier="",
    )
    assert changed.display_value == "50"
    assert changed.as_published().display_value == "over 50"
    changed.refresh_from_db()
    changed.status = Reading.Status.SUBMITTED
    changed.save(update_fields=["status"])
    approved = reading_approve(user=approver, reading=changed)
    assert approved.as_published().display_value == "50"


def test_a_manager_enters_the_qualifier_with_the_figure(manager, council):
    project = ProjectFactory(workstream__council=council, slug="academy")
    metric = MetricFactory(name="Staff trained", council=council, project=project)
    form = {
        "metric": metric.pk, "kind": "actual", "value": "370", "qualifier": "over",
        **date_fields("period_start", None), **date_fields("period_end", dt.date(2018, 7, 20)),
        "source_note": "Scrutiny report", "explanation": "",
    }
    response = client_for(manager).post(project_url("reading-add", project), form)
    assert response.status_code == 302
    assert Reading.objects.get().display_value == "over 370"


def test_a_qualifier_the_form_does_not_know_is_refused_beside_the_field(manager, council):
    project = ProjectFactory(workstream__council=council, slug="academy")
    metric = MetricFactory(name="Staff trained", council=council, project=project)
    form = {
        "metric": metric.pk, "kind": "actual", "value": "370", "qualifier": "roughly",
        **date_fields("period_start", None), **date_fields("period_end", dt.date(2018, 7, 20)),
        "source_note": "", "explanation": "",
    }
    response = client_for(manager).post(project_url("reading-add", project), form)
    assert response.status_code == 200
    assert "Choose how the source states the figure" in response.content.decode()
    assert not Reading.objects.exists()


def test_the_pages_table_downloads_give_the_qualifier_its_own_column(scrutiny, council, qualified):
    project, _metric, _reading = qualified
    client = client_for(scrutiny)
    figures = client.get(project.get_absolute_url(), {"_export": "csv", "_table": "readings"})
    (row,) = csv.DictReader(io.StringIO(figures.content.decode("utf-8-sig")))
    assert (row["Qualifier"], row["Value"]) == ("over", "50")
    measures = client.get(project.get_absolute_url(), {"_export": "csv", "_table": "measures"})
    (row,) = csv.DictReader(io.StringIO(measures.content.decode("utf-8-sig")))
    assert (row["Latest qualifier"], row["Latest"]) == ("over", "50")
    page = client.get(project.get_absolute_url()).content.decode()
    assert ">Qualifier<" not in page and ">Latest qualifier<" not in page  # on the page it is in the value


def test_a_changed_qualifier_is_on_the_projects_history(manager, qualified):
    project, _metric, reading = qualified
    reading_update(
        user=manager, reading=reading, expected_version=reading.version, kind=reading.kind, value=D(50),
        period_start=None, period_end=reading.period_end, qualifier=Qualifier.ABOUT,
    )
    response = client_for(manager).get(f"{project.get_absolute_url()}history/")
    (edit, *_) = response.context["changes"]
    assert ("As the source states it", "Over", "About") in edit.changes


def _import(manager, council, **cells):
    from metrics.imports.services import import_batch_confirm, import_batch_create, import_batch_preview
    from tests.imports.conftest import TODAY, csv_bytes, row

    project = ProjectFactory(workstream__council=council, council=council, number=1, name="Signs of Safety")
    MetricFactory(name="Staff trained", council=council, project=project)
    batch = import_batch_create(user=manager, council=council, file_name="July.csv", content=csv_bytes([row(**cells)]))
    preview = import_batch_preview(batch=batch, today=TODAY)
    if not preview.errors:
        import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint=preview.fingerprint, today=TODAY)
    return preview


def test_an_import_reads_the_qualifier_column(manager, council):
    preview = _import(manager, council, qualifier="Over")
    assert preview.errors == []
    assert Reading.objects.get().display_value == "over 180"


def test_an_import_refuses_a_qualifier_it_does_not_know_by_row_and_column(manager, council):
    preview = _import(manager, council, qualifier="roughly")
    (error,) = preview.errors
    assert (error.row, error.column) == (2, "qualifier") and "not a qualifier" in error.message
    assert not Reading.objects.exists()
