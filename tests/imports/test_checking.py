"""The dry run: what each row would do, and every error with its row, column and a plain message."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.imports.checking import check_sheet
from metrics.imports.files import ImportFileError, read_upload
from metrics.models import Reading
from tests.factories import ReadingFactory
from tests.imports.conftest import HEADER, TODAY, csv_bytes, row


def _check(council, rows, today=TODAY):
    sheet = read_upload(content=csv_bytes(rows), file_name="figures.csv")
    return check_sheet(sheet=sheet, council=council, file_name="figures.csv", today=today)


def _errors(preview):
    return [(error.row, error.column, error.message) for error in preview.errors]


def test_preview_sorts_rows_into_new_changed_and_unchanged(council, approved_trained):
    preview = _check(
        council,
        [
            row(as_at="20 July 2018", value="155", source="Scrutiny report"),  # as saved
            row(metric="Staff turnover", project="7. Workforce Development", as_at="", period_start="2018/19",
                value="7.3%"),
            row(metric="Funding received", project="", as_at="", period_end="2018/19", value="£1,207,908"),
        ],
    )
    assert _errors(preview) == []
    assert [p.row for p in preview.unchanged] == [2]
    assert [(p.row, p.display_value, p.period_label) for p in preview.additions] == [
        (3, "7.3%", "2018/19"),
        (4, "£1,207,908", "2018/19"),
    ]
    assert preview.ok


def test_a_changed_figure_shows_its_old_and_new_values(council, approved_trained):
    preview = _check(council, [row(as_at="20/07/2018", value="160")])
    [change] = preview.changes
    assert (change.display_old_value, change.display_value) == ("155", "160")
    assert change.existing == approved_trained


def test_a_new_note_alone_is_a_change(council, approved_trained):
    preview = _check(council, [row(as_at="20/07/2018", value="155", note="Confirmed by HR")])
    assert [p.row for p in preview.changes] == [2]


def test_every_error_names_row_column_and_problem(council, metrics):
    preview = _check(
        council,
        [
            row(),
            row(kind="forecast"),
            row(value="1/2"),
            row(as_at="07/08/18"),
            row(metric="Staff trainees"),
            row(project="9. Nothing"),
            row(metric="Staff turnover", project="7. Workforce Development", value="120%"),
            row(value="-5"),
            row(as_at="31/12/2019"),
            row(value=""),
        ],
    )
    assert _errors(preview) == [
        (3, "kind", "‘forecast’ is not a kind of figure: use actual, target or baseline"),
        (4, "value", "‘1/2’ is a fraction or a date, not a number; write the value as a number"),
        (5, "as_at", "‘07/08/18’ has a two-digit year; write the year in full, like 20/07/2018"),
        (6, "metric", "Lincolnshire has no metric called ‘Staff trainees’; use a name listed in the template"),
        (7, "project", "Lincolnshire has no project called ‘9. Nothing’; use a name listed in the template"),
        (8, "value", "A percentage must be between 0 and 100"),
        (9, "value", "A count cannot be negative"),
        (10, "as_at", "An actual figure cannot be for a date in the future: enter it as a target, or change the date"),
        (11, "value", "enter the figure"),
    ]
    assert not preview.ok


def test_another_councils_metric_or_project_is_refused(council, other_council, metrics):
    from tests.factories import ProjectFactory, WorkstreamFactory

    ProjectFactory(workstream=WorkstreamFactory(council=other_council), name="Families First", slug="families-first")
    preview = _check(council, [row(project="", metric="Leeds families helped"), row(project="Families First")])
    assert _errors(preview) == [
        (2, "metric", "‘Leeds families helped’ is another council's metric; you can import only Lincolnshire's"),
        (3, "project", "‘Families First’ is another council's project; you can import only Lincolnshire's"),
    ]


def test_a_metric_of_another_project_is_refused(council, metrics):
    preview = _check(council, [row(project="7. Workforce Development")])
    assert _errors(preview) == [
        (2, "metric", "‘Staff trained’ is a metric of project ‘1. Signs of Safety’, not of ‘7. Workforce Development’")
    ]


def test_projects_may_be_named_by_name_number_or_slug(council, metrics):
    preview = _check(council, [row(project="Signs of Safety"), row(project="1", as_at="01/04/2019", value="181"),
                               row(project="signs-of-safety", as_at="2019-05-01", value="182")])
    assert _errors(preview) == []
    assert len(preview.additions) == 3


def test_the_same_figure_twice_in_a_file_is_an_error(council, metrics):
    preview = _check(council, [row(), row(as_at="31 March 2019", value="181")])
    assert _errors(preview) == [
        (3, "metric", "this repeats row 2: the same metric, project, kind and period can appear only once")
    ]


def test_a_falling_running_total_needs_a_note(council, approved_trained):
    preview = _check(council, [row(value="150")])
    assert _errors(preview) == [
        (2, "note", "This is a running total, but it is lower than the previous figure (155 at 20 July 2018). "
                    "If it is right, explain why in the note column"),
    ]
    explained = _check(council, [row(value="150", note="Recount after leavers were removed")])
    assert _errors(explained) == []
    assert explained.additions[0].warnings


def test_rows_of_the_same_file_are_checked_against_each_other_in_any_order(council, metrics):
    preview = _check(council, [row(as_at="31/03/2019", value="100"), row(as_at="31/12/2018", value="120")])
    assert {error.row for error in preview.errors} == {2, 3}
    assert all(error.column == "note" for error in preview.errors)


def test_a_target_must_come_after_its_baseline(council, metrics):
    preview = _check(
        council,
        [row(kind="target", as_at="31/03/2018", value="220"), row(kind="baseline", as_at="01/04/2018", value="90")],
    )
    assert _errors(preview) == [
        (2, "as_at", "A target must be dated after its baseline, which is for 1 April 2018"),
    ]


def test_template_rows_left_blank_are_skipped(council, metrics):
    blank = {"project": "1. Signs of Safety", "metric": "Staff trained"}
    preview = _check(council, [row(), blank])
    assert (preview.skipped, len(preview.additions), preview.errors) == (1, 1, [])


def test_formula_cells_are_errors(council, metrics):
    preview = _check(council, [row(value="=A1*2")])
    assert _errors(preview) == [(2, "value", "cell contains a formula; type the value instead")]


def test_a_changed_unit_is_refused(council, metrics):
    from tests.imports.conftest import HEADER

    sheet = read_upload(
        content=csv_bytes([{**row(), "unit": "Per cent"}], header=[*HEADER, "unit"]), file_name="f.csv"
    )
    preview = check_sheet(sheet=sheet, council=council, file_name="f.csv", today=TODAY)
    assert _errors(preview) == [(2, "unit", "‘Staff trained’ is measured in Count; the unit column cannot change it")]


def test_checking_reads_a_fixed_number_of_queries(council, metrics, django_assert_max_num_queries):
    rows = [row(as_at=(dt.date(2018, 4, 1) + dt.timedelta(days=n)).strftime("%d/%m/%Y"), value=str(100 + n))
            for n in range(300)]
    rows += [row(metric=f"Unknown {n}") for n in range(20)]
    sheet = read_upload(content=csv_bytes(rows), file_name="f.csv")
    with django_assert_max_num_queries(8):
        preview = check_sheet(sheet=sheet, council=council, file_name="f.csv", today=TODAY)
    assert len(preview.additions) == 300


@pytest.mark.parametrize("status", [Reading.Status.DRAFT, Reading.Status.SUBMITTED, Reading.Status.RETURNED])
def test_figures_in_any_state_are_matched(council, metrics, projects, status):
    ReadingFactory(metric=metrics["trained"], council=council, project=projects["sos"], unit="count",
                   value=Decimal("170"), period_end=dt.date(2019, 3, 31), status=status, source_location="x")
    preview = _check(council, [row(value="180")])
    assert [p.display_old_value for p in preview.changes] == ["170"]


def test_two_projects_may_each_have_a_metric_of_the_same_name(council, projects, metrics):
    from tests.factories import MetricFactory

    MetricFactory(name="Staff trained", slug="workforce-trained", council=council, project=projects["workforce"])
    preview = _check(council, [row(), row(project="7. Workforce Development"), row(project="")])
    assert [p.metric.slug for p in preview.additions] == ["lincs-trained", "workforce-trained"]
    assert _errors(preview) == [
        (4, "metric", "more than one metric is called ‘Staff trained’; fill in the project column to say which")
    ]


def test_a_row_with_only_a_formula_is_not_skipped(council, metrics):
    preview = _check(council, [{"project": "1. Signs of Safety", "metric": "=B1"}])
    assert (2, "metric", "cell contains a formula; type the value instead") in _errors(preview)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({name: st.text(max_size=12) for name in HEADER}), min_size=1, max_size=5))
def test_any_cells_give_a_preview_or_row_errors_never_a_crash(council, metrics, rows):
    try:
        sheet = read_upload(content=csv_bytes(rows), file_name="f.csv")
    except ImportFileError:
        return
    preview = check_sheet(sheet=sheet, council=council, file_name="f.csv", today=TODAY)
    assert all(error.message for error in preview.errors)
