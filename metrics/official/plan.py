"""Read an EES tidy-data file into the figures to store, without touching the database.

Every problem is collected into the report, so that a user fixes a file once rather than once per
error; the import then happens only when there are none (all or nothing). The fixtures builder
uses this too, with councils read from the DfE lookup instead of the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from metrics.official.councils import CombinedArea, CouncilDirectory, CouncilMatchError, NotOperating
from metrics.official.meta import ColumnMeta, MetaError, parse_meta
from metrics.official.periods import PeriodError, PeriodRule, period_for
from metrics.official.report import EESImportError, ImportReport
from metrics.official.symbols import parse_cell
from metrics.units import Unit
from pipdash.dates import period_label

ENGLAND = "E92000001"
REQUIRED = ("time_period", "time_identifier", "geographic_level")
GEOGRAPHY = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)
TOTAL = "Total"
# Figures are stored with 20 digits, 4 after the point (Reading.value), so 16 before it; SQLite keeps
# decimals as 8-byte floats, whose 15 digits are all that survive a round trip there.
LARGEST = Decimal(10) ** 15
PLACES = Decimal("0.0001")  # Reading.value and Benchmark.value keep 4 decimal places


@dataclass(frozen=True)
class Figure:
    area: str  # "england", "region" or "council"
    code: str  # E92000001, a region's E12 code or the council's GSS code
    name: str
    council_key: object | None
    period_start: dt.date | None
    period_end: dt.date
    value: Decimal | None
    missing_reason: str
    line: int
    carried: bool = False  # the codes named a predecessor; the figure joined its successor's series


@dataclass
class Plan:
    figures: list[Figure]
    report: ImportReport
    indicator_meta: ColumnMeta | None = None
    unit: str | None = None
    regions: dict[str, str] = field(default_factory=dict)  # region code -> name, as the file gives it
    rounded: list[str] = field(default_factory=list)  # figures with more places than are kept, as stored


def decode(data: bytes) -> tuple[str, str]:
    """Published files are UTF-8, some with a byte-order mark; older spreadsheets save Windows-1252."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"
    return text, "UTF-8 with byte-order mark" if data.startswith(b"\xef\xbb\xbf") else "UTF-8"


def plan_import(
    *,
    data: bytes | str,
    indicator: str,
    directory: CouncilDirectory,
    filters: dict[str, str] | None = None,
    rule: PeriodRule | None = None,
    meta: bytes | str | None = None,
    unit: str | None = None,
    file_name: str = "",
) -> Plan:
    """The figures the file holds for one indicator and filter combination. Raises EESImportError."""
    report = ImportReport(file_name=file_name, indicator=indicator, filters=dict(filters or {}))
    text, report.encoding = decode(data) if isinstance(data, bytes) else (data, "text")
    plan = Plan(figures=[], report=report)
    header, rows = _table(text, report)
    columns = _columns(header, meta, indicator, report)
    if report.errors:
        raise EESImportError(report)
    plan.indicator_meta = columns.get(indicator)
    plan.unit = unit or (plan.indicator_meta.pipdash_unit if plan.indicator_meta else None)
    multiplier = plan.indicator_meta.multiplier if plan.indicator_meta else 1
    wanted = _filters(header, rows, columns, report)
    if report.errors:
        raise EESImportError(report)

    index = {name: position for position, name in enumerate(header)}
    seen: dict[tuple, Figure] = {}
    skipped: Counter = Counter()
    for line, cells in rows:
        row = {name: cells[position].strip() for name, position in index.items()}
        report.rows_read += 1
        if any(row.get(name, "").casefold() != value.casefold() for name, value in wanted.items()):
            continue
        report.rows_selected += 1
        figure = _figure(row, line, indicator, directory, rule, plan, skipped, multiplier)
        if figure is None:
            continue
        key = (figure.area, figure.council_key or figure.code, figure.period_start, figure.period_end)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = figure
            plan.figures.append(figure)
            if figure.value is None:
                report.missing[figure.missing_reason] += 1
        elif earlier.carried != figure.carried:
            # The successor's own row says more about it than a predecessor's row carried onto it.
            kept, dropped = (figure, earlier) if earlier.carried else (earlier, figure)
            if dropped is earlier:
                plan.figures[plan.figures.index(earlier)] = seen[key] = kept
            report.boundary_changes.append(
                f"line {dropped.line}: skipped, because line {kept.line} gives {_describe(kept)} itself"
            )
        elif (earlier.value, earlier.missing_reason) == (figure.value, figure.missing_reason):
            report.duplicates.append(f"line {line} repeats line {earlier.line} ({_describe(figure)}); counted once")
        else:
            report.error(
                f"Lines {earlier.line} and {line} give different figures for {_describe(figure)}: "
                f"{_shown(earlier)} and {_shown(figure)}"
            )
    report.skipped += [f"{count} {reason}" for reason, count in skipped.items()]
    if plan.rounded:
        report.notes.append(
            f"{len(plan.rounded)} figure(s) have more than 4 decimal places and are kept rounded to 4 "
            f"({'; '.join(plan.rounded[:3])}{'; ...' if len(plan.rounded) > 3 else ''})"
        )
    if not report.errors and not plan.figures:
        report.error(f"No rows have a figure for {indicator}" + (" with those filters" if wanted else ""))
        if not report.rows_selected:
            for name in wanted:
                values = sorted({cells[index[name]].strip() for _, cells in rows})
                report.error(f"{name} has the values: " + "; ".join(values[:12]))
    if report.errors:
        raise EESImportError(report)
    return plan


def _table(text: str, report: ImportReport) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if not text.strip():
        report.error("The file is empty")
        return [], []
    # Universal newlines: a file saved with old Mac line ends (\r alone) reads as lines too.
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=None))
    header, rows = [], []
    try:
        header = [name.strip() for name in next(reader)]
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                report.error(f"Line {reader.line_num} has {len(cells)} cells but the header has {len(header)}")
                continue
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        # A cell over the csv module's limit (128 KB), a stray quote or a file that is not text at all.
        report.error(f"Line {reader.line_num or 1} cannot be read as CSV: {exc}")
        return header, []
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        report.error(
            "This is not an EES tidy-data file: the header lacks "
            + ", ".join(missing)
            + f" (it has {', '.join(header[:6])}...)"
        )
    doubled = sorted(name for name, count in Counter(header).items() if count > 1)
    if doubled:
        report.error("The header repeats " + ", ".join(doubled))
    if not report.errors and not rows:
        report.error("The file has a header but no rows")
    return header, rows


def _columns(header, meta, indicator, report) -> dict[str, ColumnMeta]:
    columns: dict[str, ColumnMeta] = {}
    if meta is not None:
        try:
            columns = parse_meta(decode(meta)[0] if isinstance(meta, bytes) else meta)
        except MetaError as exc:
            report.error(f"Metadata file: {exc}")
    if report.errors:
        return columns
    if indicator not in header:
        indicators = [
            name for name in header if name not in GEOGRAPHY and not (name in columns and columns[name].is_filter)
        ]
        report.error(f"The file has no column {indicator!r}; its columns are {', '.join(indicators)}")
    elif columns and indicator in columns and columns[indicator].is_filter:
        report.error(f"{indicator!r} is a filter, not an indicator")
    for name in report.filters:
        if name not in header:
            report.error(f"The file has no filter column {name!r}")
    return columns


def _filters(header, rows, columns, report) -> dict[str, str]:
    """The filters asked for, plus Total for every other filter column the metadata names."""
    wanted = dict(report.filters)
    for name, column in columns.items():
        if not column.is_filter or name in wanted or name not in header:
            continue
        position = header.index(name)
        values = {cells[position].strip() for _, cells in rows}
        if TOTAL in values or len(values) == 1:
            wanted[name] = TOTAL if TOTAL in values else values.pop()
            report.notes.append(f"filter {name} taken as {wanted[name]!r} (not named)")
        else:
            report.error(f"Name a value for the filter {name!r}: it has {', '.join(sorted(values)[:10])}")
    return wanted


def _figure(row, line, indicator, directory, rule, plan, skipped, multiplier) -> Figure | None:
    report = plan.report
    level = row["geographic_level"].casefold()
    try:
        start, end = period_for(row["time_period"], row["time_identifier"], rule)
    except PeriodError as exc:
        report.error(f"Line {line}: {exc}")
        return None
    try:
        value, reason = parse_cell(row[indicator])
    except ValueError as exc:
        report.error(f"Line {line}, {indicator}: {exc}")
        return None
    if value is not None:
        value *= multiplier
        if plan.unit == Unit.PERCENT and not (0 <= value <= 100):
            report.error(f"Line {line}, {indicator}: {value} is not a percentage between 0 and 100")
            return None
        if plan.unit == Unit.COUNT and value < 0:
            report.error(f"Line {line}, {indicator}: {value} is negative, and a count cannot be")
            return None
        if abs(value) >= LARGEST:
            report.error(
                f"Line {line}, {indicator}: {value} is too large to store (at most 15 digits before the point)"
            )
            return None
        if value != (kept := value.quantize(PLACES)):
            # Compared as stored, so that importing the file again finds the figure unchanged.
            plan.rounded.append(f"line {line}: {value} as {kept.normalize():f}")
            value = kept
    common = {"period_start": start, "period_end": end, "value": value, "missing_reason": reason, "line": line}
    if level == "national":
        code = row.get("country_code", "") or ENGLAND
        if code != ENGLAND:
            skipped[f"rows for {row.get('country_name') or code} (pipdash compares with England)"] += 1
            return None
        return Figure(area="england", code=ENGLAND, name="England", council_key=None, **common)
    if level == "regional":
        code = row.get("region_code", "")
        if code.startswith("E13"):
            # Inner and Outer London are statistical sub-regions: no council's region in pipdash.
            skipped["Inner and Outer London rows (pipdash's regions are the nine E12 regions)"] += 1
            return None
        if not code.startswith("E12"):
            report.error(f"Line {line}: region code {code!r} is not an English region (E12...)")
            return None
        name = row.get("region_name", "") or code
        plan.regions.setdefault(code, name)
        return Figure(area="region", code=code, name=name, council_key=None, **common)
    if level == "local authority":
        try:
            record, note = directory.match(
                new_la_code=row.get("new_la_code", ""), old_la_code=row.get("old_la_code", ""), on=end, start=start
            )
        except CombinedArea:
            plan.report.combined.append(
                f"line {line}: {row.get('old_la_code')} {row.get('la_name')} ({period_label(start, end)}) is "
                "published for the councils together; not split between them"
            )
            return None
        except NotOperating as exc:
            # Published files keep rows for councils that no longer exist; one bad row must not cost the file.
            if value is None:
                report.boundary_changes.append(f"line {line}: {exc}; the row has no figure ({reason}), skipped")
            else:
                report.warnings.append(
                    f"line {line} ({row.get('la_name') or 'no name'}): {exc}, yet the row has a figure ({value}); "
                    "skipped, not stored"
                )
            return None
        except CouncilMatchError as exc:
            report.error(f"Line {line} ({row.get('la_name') or 'no name'}): {exc}")
            return None
        if note:
            report.boundary_changes.append(f"line {line}: {note}")
        return Figure(
            area="council", code=record.gss_code, name=record.name, council_key=record.key, carried=bool(note), **common
        )
    skipped[f"{row['geographic_level'] or 'blank'}-level rows (pipdash keeps national, regional and LA figures)"] += 1
    return None


def _describe(figure: Figure) -> str:
    return f"{figure.name}, {period_label(figure.period_start, figure.period_end)}"


def _shown(figure: Figure) -> str:
    return str(figure.value) if figure.value is not None else figure.missing_reason
