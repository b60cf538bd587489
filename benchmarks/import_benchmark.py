"""Time the bulk import of 10,000 rows: read, check, render the preview, save; count the queries.

    .venv/bin/python benchmarks/import_benchmark.py                 # SQLite (a scratch in-memory database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pipdash_imports \
        .venv/bin/python benchmarks/import_benchmark.py             # PostgreSQL (creates test_pipdash_imports)

It builds a scratch test database with Django's own test machinery, so no real data is touched,
and drops it at the end. Options: --rows N (default 10000), --metrics M (default 40).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pipdash.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

TODAY = dt.date(2026, 1, 1)


def build_world(metric_count: int):
    from django.contrib.auth import get_user_model

    from metrics.models import Metric
    from metrics.units import MeasureKind, Unit
    from programmes.models import Council, Membership, Region, Role
    from programmes.models import Programme as ProgrammeModel
    from projects.models import Project, Workstream

    region = Region.objects.create(gss_code="E12000004", name="East Midlands")
    council = Council.objects.create(
        gss_code="E10000019", dfe_number="925", name="Lincolnshire", slug="lincolnshire", region=region, kind="county"
    )
    user = get_user_model().objects.create_user("bench-manager")
    Membership.objects.create(user=user, council=council, role=Role.MANAGER)
    programme = ProgrammeModel.objects.create(name="Partners in Practice", slug="pip", kind="pip")
    workstream = Workstream.objects.create(council=council, programme=programme, kind="workstream", name="All")
    projects = [
        Project.objects.create(workstream=workstream, council=council, number=n, name=f"Project {n}", slug=f"p{n}")
        for n in range(1, 9)
    ]
    shapes = [
        (Unit.COUNT, MeasureKind.CUMULATIVE),
        (Unit.PERCENT, MeasureKind.RATE),
        (Unit.COUNT, MeasureKind.PERIOD_COUNT),
        (Unit.GBP, MeasureKind.MONEY),
    ]
    metrics = []
    for n in range(metric_count):
        unit, kind = shapes[n % len(shapes)]
        metrics.append(
            Metric.objects.create(
                name=f"Measure {n}",
                slug=f"measure-{n}",
                unit=unit,
                kind=kind,
                direction="higher",
                council=council,
                project=projects[n % len(projects)],
            )
        )
    return council, user, metrics


def value_for(metric, step: int) -> str:
    if metric.unit == "percent":
        return f"{(step % 90) + 5}.{step % 10}%"
    if metric.unit == "gbp":
        return f"£{10000 + step * 25:,}"
    return f"{100 + step}"  # rising, so running totals never fall


def file_rows(metrics, rows: int, bump: int = 0):
    """Weekly actuals for each metric in turn, as a council's tracker might hold them.

    With `bump`, every other figure is one step higher: a file that changes half the figures.
    """
    per_metric = -(-rows // len(metrics))
    start = dt.date(2000, 1, 2)
    out = []
    for metric in metrics:
        for step in range(per_metric):
            if len(out) == rows:
                break
            day = start + dt.timedelta(days=7 * step)
            value = value_for(metric, step + (bump if step % 2 == 0 else 0))
            out.append(
                [str(metric.project), metric.name, "actual", value, "", "", day.strftime("%d/%m/%Y"), "Tracker", ""]
            )
    return out


HEADER = ["project", "metric", "kind", "value", "period_start", "period_end", "as_at", "source", "note"]


def as_csv(rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


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


def measure(label, action):
    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        result = action()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # Wall time depends on what else the machine runs; CPU time is this process's own (not the database's).
    print(f"  {label:<50} {seconds:7.2f} s wall {cpu:7.2f} s cpu {len(queries):5d} queries")
    return result


def run(rows: int, metric_count: int) -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from metrics.imports.columns import PREVIEW_ERRORS_SHOWN, PREVIEW_ROWS_SHOWN
    from metrics.imports.forms import ImportConfirmForm
    from metrics.imports.services import import_batch_confirm, import_batch_create, import_batch_preview
    from metrics.models import Reading

    council, user, metrics = build_world(metric_count)
    data = file_rows(metrics, rows)
    request = RequestFactory().get("/")
    request.user = user

    def render(batch, preview):
        return render_to_string(
            "metrics/imports/preview.html",
            {
                "council": council,
                "batch": batch,
                "preview": preview,
                "refusal": "",
                "confirm_form": ImportConfirmForm(initial={"fingerprint": preview.fingerprint}),
                "rows_shown": PREVIEW_ROWS_SHOWN,
                "errors_shown": PREVIEW_ERRORS_SHOWN,
            },
            request=request,
        )

    print(f"{connection.vendor}: {rows:,} rows over {metric_count} metrics")
    for file_format, content in (("xlsx", as_xlsx(data)), ("csv", as_csv(data))):
        batch = measure(
            f"upload {file_format} ({len(content) / 1e6:.1f} MB): read and keep",
            lambda c=content, f=file_format: import_batch_create(
                user=user, council=council, file_name=f"bench.{f}", content=c
            ),
        )
        preview = measure(f"check {file_format} (dry run)", lambda b=batch: import_batch_preview(batch=b, today=TODAY))
        measure("render the preview page", lambda b=batch, p=preview: render(b, p))
        assert not preview.errors, preview.errors[:5]
    print(f"  -> {len(preview.additions):,} to add, {len(preview.changes):,} to change")
    measure(
        "confirm: check again and save (one transaction)",
        lambda: import_batch_confirm(batch_id=batch.pk, user=user, fingerprint=preview.fingerprint, today=TODAY),
    )
    assert Reading.objects.count() == rows
    again = import_batch_create(user=user, council=council, file_name="again.csv", content=as_csv(data))
    unchanged = measure("re-upload the same file: check", lambda: import_batch_preview(batch=again, today=TODAY))
    print(f"  -> {len(unchanged.unchanged):,} unchanged, {unchanged.to_save} to save")
    edit = import_batch_create(
        user=user, council=council, file_name="edit.csv", content=as_csv(file_rows(metrics, rows, bump=1))
    )
    edit_preview = measure("change every other figure: check", lambda: import_batch_preview(batch=edit, today=TODAY))
    print(f"  -> {len(edit_preview.changes):,} to change, errors: {len(edit_preview.errors)}")
    if not edit_preview.errors:
        measure(
            "confirm the changes",
            lambda: import_batch_confirm(
                batch_id=edit.pk, user=user, fingerprint=edit_preview.fingerprint, today=TODAY
            ),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--metrics", type=int, default=40)
    options = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(options.rows, options.metrics)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
