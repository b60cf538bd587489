"""The papers' figures: measures, their readings as published and their benchmarks, and withdrawals of
figures an earlier reading of the papers got wrong. A part of the papers' loader (papers.py)."""

import datetime as dt

from metrics.models import Benchmark, Metric, Reading
from pipdash.demo.loaders.paper_files import parse_date, parse_decimal
from programmes.models import SourceDocument


class FigureSteps:
    """Needs the loader's `upsert`, `council`, `project` and `created`."""


    def metrics(self, paper: dict, source: SourceDocument) -> None:
        published = dt.datetime.combine(source.published_on, dt.time(), tzinfo=dt.UTC)
        for item in paper.get("metrics", []):
            if "name" in item:
                council = self.council(item["council"]) if item.get("council") else None
                values = {
                    "name": item["name"],
                    "unit": item["unit"],
                    "direction": item["direction"],
                    "kind": item["kind"],
                    "definition": item.get("definition", ""),
                    "compared_with": item.get("compared_with", ""),
                    "council": council,
                    "project": self.project(item["council"], item["project"]) if item.get("project") else None,
                    "is_key": item.get("is_key", False),
                    "source_document": source,
                }
                metric = self.upsert(Metric, {"slug": item["slug"]}, values)
            else:  # a later paper's figure for a metric an earlier paper defined
                metric = Metric.objects.get(slug=item["slug"])
            for reading in item.get("readings", []):
                self.reading(metric, reading, source, published)
            for reading in item.get("withdrawn", []):
                self.withdraw(metric, reading, source)
            for benchmark in item.get("benchmarks", []):
                lookup = {
                    "metric": metric,
                    "area": benchmark["area"],
                    "region": None,
                    "group": None,
                    "period_start": parse_date(benchmark.get("period_start")),
                    "period_end": parse_date(benchmark["period_end"]),
                }
                values = {
                    "value": parse_decimal(benchmark["value"]),
                    "source_document": source,
                    "source_quote": benchmark.get("quote", ""),
                }
                self.upsert(Benchmark, lookup, values)

    def withdraw(self, metric: Metric, item: dict, source: SourceDocument) -> None:
        """Remove a figure an earlier version of these files read wrongly (an invented baseline, a plan
        loaded as an actual), so a database loaded before the audit is corrected too. Only the paper's
        own, unedited figure goes: one a manager has since changed is theirs."""
        stale = Reading.objects.filter(
            metric=metric,
            kind=item["kind"],
            period_start=parse_date(item.get("period_start")),
            period_end=parse_date(item["period_end"]),
            source_document=source,
            version=1,
        )
        for reading in stale:
            reading.delete()
            self.created["withdrawn paper readings"] += 1

    def reading(self, metric: Metric, item: dict, source: SourceDocument, published: dt.datetime) -> None:
        """Committee papers are published figures: approved, with the published value the stated one."""
        value = parse_decimal(item["value"])
        lookup = {
            "metric": metric,
            "council": metric.council,
            "project": metric.project,
            "kind": item["kind"],
            "period_start": parse_date(item.get("period_start")),
            "period_end": parse_date(item["period_end"]),
        }
        values = {
            "unit": metric.unit,
            "value": value,
            "qualifier": item.get("qualifier", ""),
            "source_document": source,
            "source_location": item.get("location", ""),
            "source_quote": item.get("quote", ""),
            "note": item.get("note", ""),
            "status": Reading.Status.APPROVED,
            "published_value": value,
            "published_at": published,
            "approved_at": published,
        }
        # Papers are approved as loaded: readers see exactly these fields.
        values.update(
            published_kind=lookup["kind"],
            published_qualifier=values["qualifier"],
            published_period_start=lookup["period_start"],
            published_period_end=lookup["period_end"],
            published_source_document=source,
            published_source_location=values["source_location"],
            published_source_quote=values["source_quote"],
            published_note=values["note"],
        )
        self.upsert(Reading, lookup, values)
