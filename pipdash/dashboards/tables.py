"""django-tables2 tables for the council, project and programme pages.

Every table is sortable by its headers and downloadable as CSV or XLSX (pipdash/web/exports.py);
the prefix keeps several tables on one page from sharing sort parameters.
"""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from metrics.units import export_number
from pipdash.dates import partial_iso, uk_date
from pipdash.web.tables import NUMERIC, DateColumn, GovukTable, PartialDateColumn, SourceColumn, cite
from projects.models import Project


class FundingTable(GovukTable):
    when_label = tables.Column("Year or date", order_by=("financial_year", "received_on"))
    programme = tables.Column("Programme", accessor="programme__name")
    description = tables.Column("For")
    amount = tables.Column("Amount", attrs=NUMERIC)
    source_document = SourceColumn()

    def render_amount(self, value, record):
        text = f"£{value:,.0f}" if value == value.to_integral() else f"£{value:,.2f}"
        return f"about {text}" if record.is_approximate else text

    def value_amount(self, value):
        return export_number(value)


class OfstedTable(GovukTable):
    inspected_on = PartialDateColumn("Inspected", precision_field="inspected_precision")
    published_on = DateColumn("Published")
    framework = tables.Column("Inspection", accessor="get_framework_display", order_by="framework")
    overall_effectiveness = tables.Column("Overall effectiveness", accessor="get_overall_effectiveness_display")
    areas = tables.Column("Other judgements", accessor="pk", orderable=False)
    # Shown only when the page's series holds another code's judgements (programmes/continuity.py).
    filed_as = tables.Column("Inspected as", accessor="pk", orderable=False)

    def render_filed_as(self, record):
        council = getattr(record, "filed_as", None)
        return f"{council.name} ({council.gss_code})" if council else "This council"

    def value_filed_as(self, record):
        council = getattr(record, "filed_as", None) or record.council
        return council.gss_code

    def render_areas(self, record):
        return "; ".join(str(s) for s in record.sub_judgements.all()) or "None given"

    def value_areas(self, record):
        return "; ".join(str(s) for s in record.sub_judgements.all())

    def value_overall_effectiveness(self, value):
        return value

    def render_overall_effectiveness(self, value, record):
        if record.report_url:
            return format_html('<a class="govuk-link" href="{}">{}</a>', record.report_url, value)
        return value


class MetricSummaryTable(GovukTable):
    """The latest figure of each metric against its target and benchmark, with its RAG."""

    name = tables.Column("Measure", accessor="metric__name")
    latest = tables.Column("Latest", accessor="latest__value", attrs=NUMERIC, orderable=False, default="No figure")
    # A download's own column for the source's "over", "close to"; on the page it is in the value itself.
    latest_qualifier = tables.Column("Latest qualifier", accessor="latest__qualifier", visible=False, default="")
    as_at = DateColumn("As at", accessor="as_at")
    target = tables.Column("Target", accessor="target__value", attrs=NUMERIC, orderable=False, default="No target")
    target_qualifier = tables.Column("Target qualifier", accessor="target__qualifier", visible=False, default="")
    benchmark = tables.Column("Benchmark", accessor="metric__pk", orderable=False)
    # Direction of travel against the previous comparable figure (metrics/direction.py), in words.
    travel = tables.Column("Since the previous figure", accessor="travel", orderable=False, default="No figure")
    previous_value = tables.Column("Previous value", accessor="travel__previous_value", visible=False, default="")
    change = tables.Column("Change", accessor="travel__change", visible=False, default="")
    rag = tables.Column("RAG", accessor="rag__status")
    sources = tables.Column("Source", accessor="metric__pk", orderable=False)

    def render_latest(self, record):
        latest = record.latest
        if not latest.is_approved:
            return format_html(
                '{} <strong class="app-status-draft">{}</strong>', latest.display_value, latest.status_label
            )
        return latest.display_value

    def value_latest(self, record):
        return export_number(record.latest.value) if record.latest else None

    def render_as_at(self, value, record):
        # A figure for a year says the year as DfE labels it ("2018/19"), not the year's last day.
        reading = record.latest.reading
        if reading.period_start is not None and reading.period_start != reading.period_end:
            return record.latest.period_label
        return uk_date(value)

    def render_target(self, record):
        target = record.target
        return f"{target.display_value} by {uk_date(target.on)}"

    def value_target(self, record):
        return export_number(record.target.value) if record.target else None

    def render_benchmark(self, record):
        parts = [f"{b.area_label} {record.metric.format(b.value)} ({b.period_label})" for b in record.latest_benchmarks]
        return "; ".join(parts) or "No benchmark"

    def value_benchmark(self, record):
        return "; ".join(f"{b.area_label} {b.value.normalize():f}" for b in record.latest_benchmarks)

    def render_travel(self, value):
        return value.sentence

    def value_travel(self, value):
        return value.words

    def value_previous_value(self, value):
        return export_number(value)

    def value_change(self, value):
        return export_number(value)

    def render_rag(self, record):
        return format_html(
            '<strong class="app-rag app-rag--{}">{}</strong> <span class="govuk-body-s">{}</span>',
            record.rag.status,
            record.rag.word,
            capfirst(record.rag.reason),  # the badge says the word; the sentence need not say it again
        )

    def value_rag(self, record):
        return record.rag.sentence

    def render_sources(self, record):
        parts = record.row_sources
        if not parts:
            return "No figure yet"
        return format_html_join("; ", "{}: {}", ((what, cite(source)) for what, source in parts))

    def value_sources(self, record):
        return "; ".join(f"{what}: {source.citation}" for what, source in record.row_sources)


class ReadingTable(GovukTable):
    """Every figure of a project the user may see, each with its source, a hundred to a page."""

    per_page = 100

    metric = tables.Column("Measure", accessor="metric__name")
    kind = tables.Column("Kind", accessor="reading__get_kind_display", order_by="kind")
    period = tables.Column("Period", accessor="on")
    value = tables.Column("Value", attrs=NUMERIC, orderable=False)
    qualifier = tables.Column("Qualifier", visible=False, default="")  # in downloads; on the page, in the value
    status = tables.Column("Status", accessor="status_label")
    source = tables.Column("Source", accessor="source", orderable=False)
    note = tables.Column("Note", accessor="reading__pk", orderable=False)

    def render_note(self, record):
        # A running total that fell, or an outlier, carries its explanation (DOMAIN.md).
        return record.reading.explanation or record.reading.note or ""

    def value_note(self, record):
        return self.render_note(record)

    def render_period(self, record):
        return record.period_label

    def value_period(self, record):
        return record.period_label

    def render_value(self, record):
        return record.display_value

    def value_value(self, record):
        return export_number(record.value)

    def render_source(self, value):
        return cite(value)

    def value_source(self, value):
        return value.citation


class StatusChangeTable(GovukTable):
    """A project's status history, each change dated as precisely as its source gave it."""

    status = tables.Column("Status", accessor="get_status_display", order_by="status")
    changed_on = PartialDateColumn("From", precision_field="changed_precision")
    note = tables.Column("Note", orderable=False, default="")
    source_document = SourceColumn(default="Not recorded")


NOT_DONE_AT_CLOSE = "Not recorded as done when the project closed"


class MilestoneTable(GovukTable):
    title = tables.Column("Milestone")
    due_on = tables.Column("Due")
    done_on = DateColumn("Done", default="Not yet")
    state = tables.Column("State", accessor="pk", orderable=False)

    def __init__(self, data, *, today, project=None, **kwargs):
        self.today = today
        # A finished project's undone milestones were "not recorded as done when it closed", never overdue.
        self.finished = project is not None and project.status != Project.Status.ACTIVE
        self.closed_on = project.status_changed_on if self.finished else None
        super().__init__(data, **kwargs)

    def _state(self, record) -> str:
        if record.done_on and not (self.closed_on and record.done_on > self.closed_on):
            return "Done"
        if self.finished:
            return NOT_DONE_AT_CLOSE
        return "Overdue" if record.is_overdue(self.today) else "Due"

    def render_due_on(self, record):
        return record.due_label

    def value_due_on(self, value, record):
        return value if record.due_precision == "day" else partial_iso(value, record.due_precision)

    def render_state(self, record):
        state = self._state(record)
        if state == "Overdue":
            return format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', state)
        return state

    def value_state(self, record):
        return self._state(record)


class RiskTable(GovukTable):
    description = tables.Column("Risk")
    likelihood = tables.Column("Likelihood (1 to 5)", attrs=NUMERIC, default="Not scored")
    impact = tables.Column("Impact (1 to 5)", attrs=NUMERIC, default="Not scored")
    score = tables.Column("Score", attrs=NUMERIC, order_by=("-likelihood",), default="Not scored")
    owner = tables.Column("Owner")
    mitigation = tables.Column("Mitigation")
    status = tables.Column("Status", accessor="get_status_display", order_by="status")


class ProgrammeRiskTable(RiskTable):
    """Risks to a programme, council by council."""

    council = tables.Column("Council", accessor="council__name")

    class Meta:
        sequence = ("council", "...")


class ProgrammeCouncilTable(GovukTable):
    """The programme overview: each participating council side by side."""

    council = tables.Column("Council", accessor="council__name")
    joined = tables.Column("Joined", accessor="joined_on")
    projects = tables.Column("Projects", attrs=NUMERIC)
    active = tables.Column("Active", attrs=NUMERIC)
    finished = tables.Column("Closed, sustained or continued", attrs=NUMERIC)
    green = tables.Column("Green", attrs=NUMERIC)
    amber = tables.Column("Amber", attrs=NUMERIC)
    red = tables.Column("Red", attrs=NUMERIC)
    no_rag = tables.Column("Unrated", attrs=NUMERIC)
    funding = tables.Column("Funding", attrs=NUMERIC, empty_values=())
    partnerships = tables.Column("Partnerships", orderable=False)
    overdue = tables.Column("Overdue milestones", attrs=NUMERIC)

    def render_council(self, record):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>', record["council"].get_absolute_url(), record["council"].name
        )

    def value_council(self, record):
        return record["council"].name

    def render_joined(self, record):
        return record["joined_label"]

    def value_joined(self, record):
        return record["joined_label"]

    def render_funding(self, value):
        return "Not stated" if value is None else f"£{value:,.0f}"

    def value_funding(self, value):
        return export_number(value)


def council_page_tables(page) -> dict:
    """The council page's tables by name: funding, Ofsted history, and each project's measures."""
    result = {
        "funding": FundingTable(
            page.funding, caption="Funding", export_key="funding", export_filename=f"{page.council.slug}-funding"
        ),
        "ofsted": OfstedTable(
            page.judgements,
            exclude=() if any(getattr(j, "filed_as", None) for j in page.judgements) else ("filed_as",),
            caption="Ofsted judgements",
            export_key="ofsted",
            export_filename=f"{page.council.slug}-ofsted",
        ),
    }
    for block in page.workstreams:
        for project_block in block.projects:
            if project_block.metrics:
                project = project_block.project
                result[f"project-{project.pk}"] = project_block.table = MetricSummaryTable(
                    project_block.metrics,
                    caption=f"Measures: {project}",
                    export_key=f"project-{project.pk}",
                    export_filename=f"{page.council.slug}-{project.slug}-measures",
                )
    if page.programme_risks:
        result["programme_risks"] = RiskTable(
            page.programme_risks,
            caption="Risks to the programme",
            export_key="programme-risks",
            export_filename=f"{page.council.slug}-programme-risks",
        )
    if page.council_metrics:
        result["council-measures"] = page.council_table = MetricSummaryTable(
            page.council_metrics,
            caption="Measures for the whole council",
            export_key="council-measures",
            export_filename=f"{page.council.slug}-measures",
        )
    return result


def project_page_tables(page) -> dict:
    slug = f"{page.council.slug}-{page.project.slug}"
    result = {
        "measures": MetricSummaryTable(
            page.metrics, caption="Measures", export_key="measures", export_filename=f"{slug}-measures"
        ),
        "readings": ReadingTable(
            page.figures,
            caption="Every figure and its source",
            export_key="readings",
            export_filename=f"{slug}-figures",
        ),
        "milestones": MilestoneTable(
            page.milestones,
            caption="Milestones",
            export_key="milestones",
            export_filename=f"{slug}-milestones",
            today=page.today,
            project=page.project,
        ),
    }
    changes = list(page.project.status_changes.all())
    if changes:
        result["status_history"] = StatusChangeTable(
            changes, caption="Status history", export_key="status-history", export_filename=f"{slug}-status-history"
        )
    if page.risks is not None:
        result["risks"] = RiskTable(page.risks, caption="Risks", export_key="risks", export_filename=f"{slug}-risks")
    return result
