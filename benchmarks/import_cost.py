"""The import's cost at its caps: check time for 1k/10k/20k rows over 4 measures, and how soon the
hostile files of issue 19 (a 10 MB CSV of wide rows, an XLSX of a million blank rows) are refused.

    .venv/bin/python benchmarks/import_cost.py                 # SQLite scratch database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pipdash_trust .venv/bin/python benchmarks/import_cost.py

Builds a scratch test database (Django's test machinery) and drops it at the end. Each line is
one measured run: wall and CPU seconds, and the rows the check read. A check past
IMPORT_BACKGROUND_BYTES runs in the task runner, not a request; its time is still printed here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pipdash.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks.import_benchmark import HEADER, build_world, value_for  # noqa: E402

TODAY = dt.date(2026, 1, 1)
MEASURES = 4


def daily_rows(metrics, rows: int):
    """Daily actuals, each measure in turn: `rows` / 4 figures of one measure, the worst case for a
    check that compares each figure with its measure's others."""
    per_metric = -(-rows // len(metrics))
    start = dt.date(2000, 1, 1)
    out = []
    for metric in metrics:
        for step in range(per_metric):
            if len(out) == rows:
                return out
            day = start + dt.timedelta(days=step)
            out.append([str(metric.project), metric.name, "actual", value_for(metric, step), "", "",
                        day.strftime("%d/%m/%Y"), "Tracker", ""])
    return out


def as_csv(rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def as_xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Figures")
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def wide_csv(target_bytes: int, columns: int) -> bytes:
    """A 10 MB CSV whose rows are `columns` wide: the header, then rows of ones."""
    line = (",".join(["1"] * columns) + "\r\n").encode()
    return (",".join(HEADER) + "\r\n").encode() + line * (target_bytes // len(line))


def blank_rows_xlsx(blank_rows: int, styled: bool) -> bytes:
    """A workbook with the header, one figure, then `blank_rows` empty rows (styled: each with an empty
    formatted cell, as Excel writes rows someone formatted)."""
    template = as_xlsx([["1. P", "Measure 0", "actual", "1", "", "", "01/01/2020", "x", ""]])
    source = zipfile.ZipFile(io.BytesIO(template))
    sheet_name = next(n for n in source.namelist() if n.startswith("xl/worksheets/sheet"))
    xml = source.read(sheet_name).decode()
    cell = '<c r="A{n}" s="0"/>' if styled else ""
    blank = "".join(f'<row r="{n}">{cell.format(n=n)}</row>' for n in range(3, blank_rows + 3))
    xml = xml.replace("</sheetData>", blank + "</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, xml if name == sheet_name else source.read(name))
    return out.getvalue()


def timed(label, action):
    started, cpu = time.perf_counter(), time.process_time()
    try:
        outcome = action()
    except Exception as problem:  # noqa: BLE001 - the refusal is the measured outcome
        outcome = f"refused: {str(problem)[:90]}"
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"  {label:<52} {seconds:6.2f} s wall {cpu:6.2f} s cpu  {outcome}")


def run() -> None:
    from metrics.imports.background import import_batch_check, runs_in_background
    from metrics.imports.services import import_batch_create

    council, user, metrics = build_world(MEASURES)

    def upload_and_check(content: bytes, name: str):
        batch = import_batch_create(user=user, council=council, file_name=name, content=content)
        preview = import_batch_check(batch=batch, today=TODAY)
        where = "task" if runs_in_background(batch) else "request"
        kept = len(batch.checked_preview) / 1e6
        return f"{preview.rows_read:,} rows read, {len(preview.errors)} errors ({where}; result kept: {kept:.1f} MB)"

    print(f"{connection.vendor}: check (upload + dry run) over {MEASURES} measures; "
          f"background above {settings.IMPORT_BACKGROUND_BYTES:,} bytes")
    for rows in (1_000, 10_000, 20_000):
        data = daily_rows(metrics, rows)
        for file_format, content in (("csv", as_csv(data)), ("xlsx", as_xlsx(data))):
            timed(f"{rows:,} rows {file_format} ({len(content) / 1e6:.2f} MB)",
                  lambda c=content, f=file_format: upload_and_check(c, f"bench.{f}"))
    for columns in (1_000, 18_279, 5_000_000):
        content = wide_csv(10 * 1024 * 1024, columns)
        timed(f"10 MB CSV, rows {columns:,} columns wide", lambda c=content: upload_and_check(c, "wide.csv"))
    for styled in (False, True):
        content = blank_rows_xlsx(1_000_000, styled)
        kind = "formatted" if styled else "bare"
        timed(f"XLSX, 1M {kind} blank rows ({len(content) / 1e6:.1f} MB)",
              lambda c=content: upload_and_check(c, "blank.xlsx"))


def main() -> None:
    setup_test_environment()
    settings.IMPORT_MAX_UPLOAD_BYTES = 0  # the hostile files are measured at any size; the cap is 10 MB anyway
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
