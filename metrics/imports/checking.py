"""The dry run: check every row of a sheet with the browser form's rules, and say what saving would do.

Rules about a figure's value, period and quality live in `metrics.validation`, shared with the
form; this module only reads cells, finds what they name, and asks that module. The number of
queries does not depend on the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from metrics.imports.columns import COLUMN_NAMES, FILLED_IN, SOURCE_MAX_LENGTH
from metrics.imports.files import Sheet, SheetRow
from metrics.imports.lookups import Lookups
from metrics.imports.preview import ADD, CHANGE, UNCHANGED, PlannedRow, Preview, RowError
from metrics.imports.quality import ImportQualityContext, StandIn
from metrics.imports.values import (
    CellProblem,
    PeriodProblem,
    parse_kind,
    parse_number,
    parse_period,
    parse_qualifier,
)
from metrics.models import Reading
from metrics.schedule_locks import CouncilLocks, granter_names
from metrics.units import Unit
from metrics.validation import reading_value_errors
from pipdash.dates import uk_date

REQUIRED_MESSAGES = {
    "metric": "enter the metric's name, as listed in the template",
    "kind": "enter actual, target or baseline",
    "value": "enter the figure",
}


PROGRESS_EVERY = 1000  # rows between two reports to `on_progress`


def check_sheet(
    *, sheet: Sheet, council, file_name: str, today: dt.date, lock: bool = False, on_progress=None, user=None
) -> Preview:
    """Check every row; nothing is written. `lock` holds the matched figures until the transaction ends.
    A row that would add or change a figure of a locked period is an error unless `user` (who imports,
    a user or their id) holds an exception for it.

    `on_progress(rows_done, rows_in_file)` is called as the rows are read, every PROGRESS_EVERY rows
    and once more when every row has been read, for a progress page to show how far a check has got.
    """
    preview = Preview(file_name=file_name, rows_read=len(sheet.rows))
    report = on_progress or (lambda done, total: None)
    report(0, len(sheet.rows))
    lookups = Lookups(council=council)
    filled = []
    for row in sheet.rows:
        if (
            row.stray
            or any(cell.problem for cell in row.cells.values())
            or any(row.cells.get(name) and row.cells[name].value is not None for name in FILLED_IN)
        ):
            filled.append(row)
        else:
            preview.skipped += 1
    project_names = {_text(row, "project") for row in filled}
    metric_names = {_text(row, "metric") for row in filled}
    lookups.note_unknown(
        project_names=[name for name in project_names if name and not lookups.knows_project(name)],
        metric_names=[name for name in metric_names if name and not lookups.knows_metric(name)],
    )
    planned = []
    for done, row in enumerate(filled, start=1):
        if done % PROGRESS_EVERY == 0 and done < len(filled):
            report(preview.skipped + done, preview.rows_read)
        errors, plan = _read_row(row, lookups, today)
        preview.errors += errors
        if plan is not None:
            planned.append(plan)
    report(preview.rows_read, preview.rows_read)
    _match_existing(planned, council, lock)
    planned = _refuse_repeats(planned, preview)
    planned = _refuse_locked(planned, council, user, preview)
    _check_quality(planned, council, lookups, preview)
    order = {name: position for position, name in enumerate(COLUMN_NAMES)}
    preview.errors.sort(key=lambda error: (error.row, order.get(error.column, len(order)), error.column))
    return preview


def _text(row: SheetRow, column: str) -> str:
    cell = row.cells.get(column)
    if cell is None or cell.value is None:
        return ""
    return str(cell.value).strip()


def _read_row(row: SheetRow, lookups: Lookups, today: dt.date) -> tuple[list[RowError], PlannedRow | None]:
    """Every problem of one row, each by column, so one upload tells the user all there is to fix."""
    errors = [RowError(row.number, name, cell.problem) for name, cell in row.cells.items() if cell.problem]
    errors += [RowError(row.number, letter, "this column has a value but no header") for letter in row.stray]
    broken = {error.column for error in errors}

    def value(column):
        cell = row.cells.get(column)
        return None if cell is None or column in broken else cell.value

    def fail(column, message):
        errors.append(RowError(row.number, column, message))

    for column, message in REQUIRED_MESSAGES.items():
        if value(column) is None and column not in broken:
            fail(column, message)
    project = _project(value("project"), lookups, fail)
    metric = _metric(value("metric"), project, lookups, fail, project_failed=_failed(errors, "project"))
    kind = number = period = None
    if value("kind") is not None:
        try:
            kind = parse_kind(value("kind"))
        except CellProblem as problem:
            fail("kind", str(problem))
    if value("value") is not None:
        try:
            # Without a known metric the unit is unknown, but a value that is no number is still worth saying.
            number = parse_number(value("value"), unit=metric.unit if metric else None)
        except CellProblem as problem:
            fail("value", str(problem))
    qualifier = ""
    if value("qualifier") is not None:
        try:
            qualifier = parse_qualifier(value("qualifier"))
        except CellProblem as problem:
            fail("qualifier", str(problem))
    if not broken & {"period_start", "period_end", "as_at"}:
        try:
            period = parse_period(start=value("period_start"), end=value("period_end"), as_at=value("as_at"))
        except PeriodProblem as problem:
            for column, message in problem.problems:
                fail(column, message)
    source = _text(row, "source") if "source" not in broken else ""
    if len(source) > SOURCE_MAX_LENGTH:
        fail("source", f"keep the source to {SOURCE_MAX_LENGTH} characters or fewer (it has {len(source)})")
    if metric is not None and value("unit") is not None and not _same_unit(value("unit"), metric.unit):
        fail("unit", f"‘{metric.name}’ is measured in {Unit(metric.unit).label}; the unit column cannot change it")
    errors += _rule_errors(row, metric, kind, number if metric else None, period, value("as_at") is not None, today)
    if errors or None in (metric, kind, number, period):
        return errors, None
    period_start, period_end = period
    plan = PlannedRow(
        row=row.number,
        metric=metric,
        project=project if project is not None else metric.project,
        kind=kind,
        value=number,
        qualifier=qualifier,
        period_start=period_start,
        period_end=period_end,
        source=source,
        note=_text(row, "note"),
    )
    return errors, plan


def _failed(errors: list[RowError], column: str) -> bool:
    return any(error.column == column for error in errors)


def _project(name, lookups: Lookups, fail):
    if name is None:
        return None
    try:
        return lookups.project(name)
    except LookupError as problem:
        fail("project", str(problem))
        return None


def _metric(name, project, lookups: Lookups, fail, *, project_failed: bool):
    if name is None:
        return None
    try:
        return lookups.metric(name, project)
    except LookupError as problem:
        # With the project unreadable, a name the council knows may be ambiguous only for want of the
        # project: the project's error says what to fix. A name the council does not know is an error too.
        if not project_failed or not lookups.knows_metric(name):
            fail("metric", str(problem))
        return None


def _rule_errors(row: SheetRow, metric, kind, number, period, as_at: bool, today: dt.date) -> list[RowError]:
    """The browser form's rules, for whichever of the value and the period could be read.

    `number` is None when the metric is unknown: the unit's rules need the metric. A part that
    could not be read has had its own error already, so the rules' complaints about it are left out.
    """
    if number is None and period is None:
        return []
    period_start, period_end = period if period is not None else (None, None)
    found = reading_value_errors(
        metric=metric, kind=kind or "", value=number, period_start=period_start, period_end=period_end, today=today
    )
    errors = []
    for field_name, messages in found.items():
        if field_name == "kind" or (field_name != "value" and period is None):
            continue
        column = "as_at" if as_at and field_name in ("period_end", "period_start") else field_name
        errors += [RowError(row.number, column, message) for message in messages]
    return errors


def _same_unit(text, unit: str) -> bool:
    wanted = " ".join(str(text).split()).casefold()
    return wanted in {unit.casefold(), Unit(unit).label.casefold()}


def _match_existing(planned: list[PlannedRow], council, lock: bool) -> None:
    metric_ids = {plan.metric.pk for plan in planned}
    if not metric_ids:
        return
    existing = Reading.objects.filter(council=council, metric_id__in=metric_ids)
    if lock:
        existing = existing.select_for_update()
    by_key = {}
    for reading in existing:
        key = (reading.metric_id, reading.project_id, reading.period_start or reading.period_end,
               reading.period_end, reading.kind)
        by_key[key] = reading
    for plan in planned:
        plan.existing = by_key.get(plan.key)
        if plan.existing is None:
            plan.action = ADD
        elif plan.same_as_existing():
            plan.action = UNCHANGED
        else:
            plan.action = CHANGE


def _refuse_repeats(planned: list[PlannedRow], preview: Preview) -> list[PlannedRow]:
    first_row = {}
    kept = []
    for plan in planned:
        if plan.key in first_row:
            preview.errors.append(
                RowError(plan.row, "metric", f"this repeats row {first_row[plan.key]}: the same metric, "
                         "project, kind and period can appear only once")
            )
            continue
        first_row[plan.key] = plan.row
        kept.append(plan)
    return kept


def _refuse_locked(planned: list[PlannedRow], council, user, preview: Preview) -> list[PlannedRow]:
    """Rows writing into a locked period, each an error: two queries whatever the number of rows."""
    writing = [plan for plan in planned if plan.action != UNCHANGED]
    locks = CouncilLocks(council.pk, {plan.metric.pk: plan.metric for plan in writing}.values())

    def lock_of(plan, exceptions=()):
        return locks.lock(metric_id=plan.metric.pk, kind=plan.kind, period_end=plan.period_end, exceptions=exceptions)

    locked = {id(plan) for plan in writing if (lock := lock_of(plan)) is not None and lock.is_locked}
    if not locked:
        return planned
    exceptions = locks.exceptions_for(user)
    granters = granter_names(council)
    who = f" ({', '.join(granters)})" if granters else ""
    kept = []
    for plan in planned:
        lock = lock_of(plan, exceptions) if id(plan) in locked else None
        if lock is None or not lock.blocks:
            kept.append(plan)
            continue
        column = "period_end" if plan.period_start is not None else "as_at"
        message = (
            f"this period locked on {uk_date(lock.locks_on)}: ask an approver of {council.name}{who} "
            "or an administrator for an exception to change its figures"
        )
        preview.errors.append(RowError(plan.row, column, message))
    return kept


def _check_quality(planned: list[PlannedRow], council, lookups: Lookups, preview: Preview) -> None:
    """Check new and changed figures against the council's others, including the rest of this file."""
    metrics = {plan.metric.pk: plan.metric for plan in planned}
    context = ImportQualityContext.for_council(council=council, metrics=metrics.values())
    writing = [plan for plan in planned if plan.action != UNCHANGED]
    # Put the file's figures in place of the ones they change, so every row is checked against the
    # whole series as it would be after saving, whatever the order of the rows.
    replaced = defaultdict(set)
    for plan in writing:
        if plan.existing is not None:
            replaced[plan.metric.pk].add(plan.existing.pk)
    for metric_id, pks in replaced.items():
        context.replace(metric_id=metric_id, pks=pks)
    for plan in writing:
        context.add(_stand_in(plan))
    for plan in planned:
        if plan.action == UNCHANGED:
            preview.unchanged.append(plan)
            continue
        pk = _stand_in_pk(plan)
        # The project's id rather than the project: the checks compare ids many times per row.
        project_id = plan.project.pk if plan.project else None
        row_errors = context.baseline_date_errors(
            plan.metric, project_id, plan.kind, plan.period_start, plan.period_end, exclude_pk=pk
        )
        column = "period_end" if plan.period_start is not None else "as_at"
        for messages in row_errors.values():
            preview.errors += [RowError(plan.row, column, message) for message in messages]
        plan.warnings = context.quality_warnings(
            plan.metric, project_id, plan.kind, plan.value, plan.period_end, exclude_pk=pk
        )
        if plan.warnings and not plan.note:
            preview.errors += [
                RowError(plan.row, "note", f"{warning}. If it is right, explain why in the note column")
                for warning in plan.warnings
            ]
        if row_errors or (plan.warnings and not plan.note):
            continue
        (preview.changes if plan.action == CHANGE else preview.additions).append(plan)


def _stand_in_pk(plan: PlannedRow) -> int:
    # A figure not saved yet has no primary key; a negative one lets the checks leave the row itself out.
    return plan.existing.pk if plan.existing is not None else -plan.row


def _stand_in(plan: PlannedRow) -> StandIn:
    return StandIn(
        id=_stand_in_pk(plan),
        metric_id=plan.metric.pk,
        project_id=plan.project.pk if plan.project else None,
        kind=plan.kind,
        value=plan.value,
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
