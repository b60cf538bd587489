"""A council with projects and metrics to import into, and helpers that write spreadsheets."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from metrics.imports.columns import COLUMN_NAMES
from metrics.models import Reading
from metrics.units import Direction, MeasureKind, Unit
from tests.factories import MetricFactory, ProjectFactory, ReadingFactory, WorkstreamFactory

HEADER = [name for name in COLUMN_NAMES if name not in ("unit", "measure")]
TODAY = dt.date(2019, 6, 1)


@pytest.fixture
def projects(council):
    workstream = WorkstreamFactory(council=council, name="Practice and Systems")
    return {
        "sos": ProjectFactory(workstream=workstream, number=1, name="Signs of Safety", slug="signs-of-safety"),
        "workforce": ProjectFactory(workstream=workstream, number=7, name="Workforce Development", slug="workforce"),
    }


@pytest.fixture
def metrics(council, other_council, projects):
    return {
        "trained": MetricFactory(
            name="Staff trained", slug="lincs-trained", council=council, project=projects["sos"],
            unit=Unit.COUNT, kind=MeasureKind.CUMULATIVE, direction=Direction.HIGHER,
        ),
        "turnover": MetricFactory(
            name="Staff turnover", slug="lincs-turnover", council=council, project=projects["workforce"],
            unit=Unit.PERCENT, kind=MeasureKind.RATE, direction=Direction.LOWER,
        ),
        "funding": MetricFactory(
            name="Funding received", slug="lincs-funding", council=council, project=None,
            unit=Unit.GBP, kind=MeasureKind.MONEY, direction=Direction.NEITHER,
        ),
        "leeds": MetricFactory(
            name="Leeds families helped", slug="leeds-families", council=other_council,
            unit=Unit.COUNT, kind=MeasureKind.CUMULATIVE,
        ),
    }


@pytest.fixture
def approved_trained(council, metrics, projects):
    """155 staff trained as at 20 July 2018, approved and published."""
    return ReadingFactory(
        metric=metrics["trained"], council=council, project=projects["sos"], unit=Unit.COUNT,
        value=Decimal("155"), period_end=dt.date(2018, 7, 20), status=Reading.Status.APPROVED,
        source_location="Scrutiny report", note="",
    )


def row(**cells) -> dict:
    """A filled row with sensible defaults: 180 staff trained as at 31 March 2019."""
    values = {
        "project": "1. Signs of Safety",
        "metric": "Staff trained",
        "kind": "actual",
        "value": "180",
        "qualifier": "",
        "period_start": "",
        "period_end": "",
        "as_at": "31/03/2019",
        "source": "Scrutiny report",
        "note": "",
    }
    values.update(cells)
    return values


def csv_bytes(rows, header=HEADER, encoding="utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(name, "") for name in header] if isinstance(values, dict) else values)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER, prepare=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Figures"
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(name) or None for name in header] if isinstance(values, dict) else values)
    if prepare:
        prepare(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
