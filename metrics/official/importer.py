"""Import one indicator of an EES tidy-data file as official figures: the service behind the
`import_ees` command and the admin upload.

Council figures become approved readings of a common-definition metric (council=None), found
again on re-import by its `official_key`; England and regional figures become benchmarks. Every
figure cites the publication. The import is one transaction: all of it or none of it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from metrics.data_versions import measures_changed
from metrics.models import SNAPSHOT_FIELDS, Benchmark, Metric, Reading
from metrics.official.checks import check_options
from metrics.official.councils import CouncilDirectory
from metrics.official.measures import MetricSpec, measure_for, official_key
from metrics.official.periods import PeriodRule
from metrics.official.plan import Plan, plan_import
from metrics.official.releases import Release, newer_kept, release_dates, release_save
from metrics.official.report import EESImportError, ImportReport
from pipdash.dates import period_label, uk_date
from programmes.data_versions import councils_changed
from programmes.models import Region, SourceDocument

logger = logging.getLogger(__name__)

DFE = "Department for Education"
KEY_LENGTH = Metric._meta.get_field("official_key").max_length


@dataclass(frozen=True)
class Publication:
    """The official publication the figures come from, cited by every one of them."""

    key: str  # short and stable: "csww" for the children's social work workforce
    title: str
    publisher: str = DFE
    url: str = ""
    published_on: dt.date | None = None

    @property
    def document_key(self) -> str:
        return f"ees-{slugify(self.key)}"


def ees_file_import(
    *,
    data: bytes,
    publication: Publication,
    indicator: str,
    filters: dict[str, str] | None = None,
    rule: PeriodRule | None = None,
    meta: bytes | None = None,
    metric: MetricSpec | None = None,
    file_name: str = "",
    user=None,
    dry_run: bool = False,
    release: Release | None = None,
    metric_slug: str = "",
) -> ImportReport:
    """Import or refresh the figures; returns the report. Raises EESImportError and imports nothing on any problem."""
    spec = metric or MetricSpec()
    unit = spec.unit or None
    if metric_slug and not unit:
        # Loading into an existing measure: its unit is the column's, unless the file's metadata says otherwise.
        unit = Metric.objects.filter(slug=metric_slug, council__isnull=True).values_list("unit", flat=True).first()
        if unit is None:
            report = ImportReport(indicator=indicator, dry_run=dry_run)
            report.error(f"No official measure has the slug {metric_slug!r}: use a slug from the admin's Metrics list")
            raise EESImportError(report)
    plan = plan_import(
        data=data,
        indicator=indicator,
        directory=CouncilDirectory.from_database(),
        filters=filters,
        rule=rule,
        meta=meta,
        unit=unit,
        file_name=file_name,
    )
    report = plan.report
    report.dry_run = dry_run
    if not plan.unit:
        report.error(f"Say the unit of {indicator}: the file has no metadata that gives it")
        raise EESImportError(report)
    key = official_key(publication.key, indicator, filters)
    if len(key) > KEY_LENGTH:
        report.error(
            f"The measure's key ({len(key)} characters: publication, indicator and filters) is over {KEY_LENGTH}; "
            "use shorter filter values or --metric to load into an existing measure"
        )
        raise EESImportError(report)
    check_options(publication, release, spec, report)
    write = not dry_run
    try:
        with transaction.atomic():
            # A dry run reads what is stored and decides every figure as the import would, but writes nothing.
            source = source_save(publication, write=write)
            release = release or Release()
            stored_release = release_save(publication.key, release, file_name, write=write)
            report.release = stored_release.name
            metric_obj = measure_for(plan, spec, publication, filters or {}, source, report, metric_slug, write=write)
            save_readings(plan, metric_obj, source, user, report, (stored_release, release), write=write)
            save_benchmarks(plan, metric_obj, source, report, (stored_release, release), user=user, write=write)
            if write:
                announce_changes(plan, report)
    except (ValidationError, IntegrityError, DataError) as exc:
        # The plan checks every value first; this is the last guard, so that no bad value reaches a user as a 500.
        report.error(f"The database refused the figures: {_said(exc)}")
        raise EESImportError(report) from exc
    logger.info("EES import %s: %s", "checked" if dry_run else "done", " / ".join(report.lines()[:2]))
    return report


def _said(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def announce_changes(plan: Plan, report: ImportReport) -> None:
    """Bulk writes send no signals: tell the council page cache which councils' pages changed.

    A changed England or regional figure is shown beside every council, so it changes them all.
    """
    if report.benchmarks_created or report.benchmarks_updated:
        councils_changed(council_ids=None, background=False)  # figures only: no page's background changes
    elif report.readings_created or report.readings_updated:
        councils_changed(council_ids={f.council_key for f in plan.figures if f.area == "council"}, background=False)
    if any((report.benchmarks_created, report.benchmarks_updated, report.readings_created, report.readings_updated)):
        measures_changed(metric_ids=None)  # the official measures' compare results (a few dozen rows)


def source_save(publication: Publication, *, write: bool = True) -> SourceDocument:
    """The publication's source document, saved only when new or changed (a save tells the page cache).
    Not written on a dry run: a new one is returned unsaved."""
    fields = {
        "title": publication.title,
        "kind": SourceDocument.Kind.OFFICIAL_STATISTICS,
        "publisher": publication.publisher,
        "url": publication.url,
        "published_on": publication.published_on,
    }
    source = SourceDocument.objects.filter(key=publication.document_key).first()
    if source is None:
        source = SourceDocument(key=publication.document_key, **fields)
        if write:
            source.save()
        return source
    changed = [name for name, value in fields.items() if getattr(source, name) != value]
    for name in changed:
        setattr(source, name, fields[name])
    if changed and write:
        source.save(update_fields=changed)
    return source


def _number(value) -> str:
    """A figure as the file would write it: 17.7, not the database's 17.7000."""
    return "missing" if value is None else f"{value.normalize():f}"


def _older(report, figure, stored_value, kept, release) -> None:
    this = "this older release's" if release.published_on else "this release's (it has no date: give the release date)"
    report.older_release.append(
        f"line {figure.line}: {figure.name}, {period_label(figure.period_start, figure.period_end)}: kept "
        f"{_number(stored_value)} from the release of {uk_date(kept.published_on)}, "
        f"not {this} {_number(figure.value)}"
    )


def save_readings(
    plan: Plan, metric: Metric, source, user, report: ImportReport, releases=(None, None), *, write: bool = True
) -> None:
    """Create, revise (with history) or keep each council figure; on a dry run only count what would be done."""
    # The demo loader passes no release: its fixtures are one release, loaded as they are.
    stored_release, release = releases
    figures = [f for f in plan.figures if f.area == "council"]
    stored = Reading.objects.none() if metric.pk is None else Reading.objects.filter(metric=metric)
    existing = {
        (r.council_id, r.period_start, r.period_end): r
        for r in stored.filter(
            project__isnull=True, kind=Reading.Kind.ACTUAL, council_id__in={f.council_key for f in figures}
        )
    }
    now = timezone.now()
    dates = release_dates(r.release_id for r in existing.values())
    new, changed = [], []
    for figure in figures:
        reading = existing.get((figure.council_key, figure.period_start, figure.period_end))
        fields = {
            "release_id": stored_release.pk if stored_release else None,
            "value": figure.value,
            "missing_reason": figure.missing_reason,
            "published_value": figure.value,
            "status": Reading.Status.APPROVED,
            "source_document_id": source.pk,
            "source_location": f"{report.indicator}, line {figure.line}",
        }
        if reading is None:
            reading = Reading(
                metric=metric,
                council_id=figure.council_key,
                kind=Reading.Kind.ACTUAL,
                unit=metric.unit,
                period_start=figure.period_start,
                period_end=figure.period_end,
                entered_by=user,
                approved_by=user,
                approved_at=now,
                **fields,
            )
            # Official figures arrive approved, so their snapshot is taken as they are stored.
            reading.take_snapshot(now)
            new.append(reading)
        elif (figure.value, figure.missing_reason) != (reading.value, reading.missing_reason) and (
            kept := newer_kept(reading.release_id, stored_release, release, dates)
        ):
            _older(report, figure, reading.value, kept, release)
        elif any(
            getattr(reading, name) != value
            for name, value in fields.items()
            if name not in ("source_location", "release_id")
        ) or (reading.release_id is None and stored_release is not None):  # a figure stored before releases
            for name, value in fields.items():
                setattr(reading, name, value)
            reading.take_snapshot(now)
            reading.approved_at = now
            reading.version += 1
            changed.append(reading)
        else:
            report.readings_unchanged += 1
    report.readings_created, report.readings_updated = len(new), len(changed)
    if not write:
        return
    if new:
        bulk_create_with_history(new, Reading, batch_size=500, default_user=user, default_change_reason="EES import")
    if changed:
        fields = [
            "value",
            "missing_reason",
            "published_value",
            "status",
            "source_document",
            "source_location",
            "release",
            *SNAPSHOT_FIELDS,
            "published_at",
            "approved_at",
            "version",
        ]
        fields = list(dict.fromkeys(f.removesuffix("_id") for f in fields))
        bulk_update_with_history(
            changed, Reading, fields, batch_size=500, default_user=user, default_change_reason="EES import"
        )


def _regions(plan: Plan, report: ImportReport, write: bool) -> dict[str, int | None]:
    regions = dict(Region.objects.filter(gss_code__in=plan.regions).values_list("gss_code", "pk"))
    for code, name in plan.regions.items():
        if code not in regions:
            region = Region(gss_code=code, name=name)
            region.full_clean()
            if write:
                region.save()
            regions[code] = region.pk  # None on a dry run: a new region has no figures yet
            report.notes.append(f"region {name} ({code}) {'added' if write else 'would be added'}")
    return regions


def save_benchmarks(
    plan: Plan, metric: Metric, source, report: ImportReport, releases=(None, None), *, user=None, write: bool = True
) -> None:
    """England and regional figures: created, revised (keeping their history) or kept, as save_readings does."""
    stored_release, release = releases
    regions = _regions(plan, report, write)
    stored = Benchmark.objects.none() if metric.pk is None else Benchmark.objects.filter(metric=metric)
    existing = {
        (b.area, b.region_id, b.period_start, b.period_end): b
        for b in stored.filter(area__in=[Benchmark.Area.ENGLAND, Benchmark.Area.REGION])
    }
    dates = release_dates(b.release_id for b in existing.values())
    new, changed = [], []
    for figure in plan.figures:
        if figure.area == "council":
            continue
        region_id = regions[figure.code] if figure.area == "region" else None
        benchmark = existing.get((figure.area, region_id, figure.period_start, figure.period_end))
        if figure.area == "region" and region_id is None:
            benchmark = None  # a region a dry run would add
        quote = f"{report.indicator}, line {figure.line}"
        if benchmark is None:
            new.append(
                Benchmark(
                    metric=metric,
                    area=figure.area,
                    region_id=region_id,
                    period_start=figure.period_start,
                    period_end=figure.period_end,
                    value=figure.value,
                    missing_reason=figure.missing_reason,
                    source_document=source,
                    source_quote=quote,
                    release=stored_release,
                )
            )
        elif (figure.value, figure.missing_reason) != (benchmark.value, benchmark.missing_reason) and (
            kept := newer_kept(benchmark.release_id, stored_release, release, dates)
        ):
            _older(report, figure, benchmark.value, kept, release)
        elif (benchmark.value, benchmark.missing_reason, benchmark.source_document_id) != (
            figure.value,
            figure.missing_reason,
            source.pk,
        ) or (benchmark.release_id is None and stored_release is not None):
            benchmark.value, benchmark.missing_reason = figure.value, figure.missing_reason
            benchmark.source_document, benchmark.source_quote = source, quote
            benchmark.release = stored_release
            changed.append(benchmark)
        else:
            report.benchmarks_unchanged += 1
    report.benchmarks_created, report.benchmarks_updated = len(new), len(changed)
    if not write:
        return
    # With history, as council figures: a revised England figure keeps the value it replaced.
    history = {"batch_size": 500, "default_user": user, "default_change_reason": "EES import"}
    if new:
        bulk_create_with_history(new, Benchmark, **history)
    if changed:
        fields = ["value", "missing_reason", "source_document", "source_quote", "release"]
        bulk_update_with_history(changed, Benchmark, fields, **history)
