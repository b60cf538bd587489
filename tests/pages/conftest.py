"""Data for the page tests: a council with workstreams, projects, measures and figures, at any scale."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Reading
from metrics.units import Direction, MeasureKind, Unit
from programmes.models import Region
from tests.factories import (
    BenchmarkFactory,
    FundingFactory,
    LeadFactory,
    MetricFactory,
    MilestoneFactory,
    OfstedJudgementFactory,
    ParticipationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ProgressUpdateFactory,
    ProjectFactory,
    ReadingFactory,
    RiskFactory,
    SourceDocumentFactory,
    WorkstreamFactory,
)


def build_programme_data(council, *, workstreams=2, projects=3, metrics=2, readings=4, partner=None):
    """A council in Partners in Practice with `workstreams` x `projects` projects, each with `metrics`
    measures of `readings` quarterly actuals plus a baseline and a target, and the rest of a page's data."""
    programme = ProgrammeFactory()
    ParticipationFactory(programme=programme, council=council)
    document = SourceDocumentFactory(key=f"{council.slug}-update", title=f"{council.name} PiP update", council=council)
    FundingFactory(programme=programme, council=council, source_document=document)
    OfstedJudgementFactory(council=council)
    if partner is not None:
        PartnershipFactory(supporting=council, supported=partner, source_document=document, programme=programme)
    england = Region.objects.get_or_create(gss_code="E92000001", defaults={"name": "England"})[0]
    assert england
    created = []
    for w in range(workstreams):
        workstream = WorkstreamFactory(council=council, programme=programme, name=f"{council.name} workstream {w}")
        for p in range(projects):
            project = ProjectFactory(workstream=workstream, council=council)
            created.append(project)
            LeadFactory(project=project)
            MilestoneFactory(project=project, due_on=dt.date(2018, 9, 1))
            MilestoneFactory(project=project, due_on=dt.date(2030, 9, 1))
            ProgressUpdateFactory(project=project, source_document=document)
            RiskFactory(project=project, description=f"Risk to {project.name}")
            for m in range(metrics):
                metric = MetricFactory(
                    council=council,
                    project=project,
                    is_key=(w == 0 and p == 0 and m == 0),
                    unit=Unit.COUNT,
                    direction=Direction.HIGHER,
                    kind=MeasureKind.CUMULATIVE,
                )
                BenchmarkFactory(metric=metric, value=Decimal("50"), source_document=document)
                common = {"metric": metric, "council": council, "project": project, "source_document": document}
                rows = [
                    _reading(common, Reading.Kind.BASELINE, 0, dt.date(2017, 4, 1)),
                    _reading(common, Reading.Kind.TARGET, 220, dt.date(2019, 4, 1)),
                ]
                rows += [
                    _reading(common, Reading.Kind.ACTUAL, 20 + 20 * r, dt.date(2017, 6, 30) + dt.timedelta(days=91 * r))
                    for r in range(readings)
                ]
                # Bulk insert keeps the ten-times data quick to build; the rows are what the factory would make.
                Reading.objects.bulk_create(rows)
    return programme, created


def _reading(common, kind, value, on):
    value = Decimal(value)
    reading = Reading(
        **common,
        kind=kind,
        unit=common["metric"].unit,
        value=value,
        published_value=value,
        period_end=on,
        status=Reading.Status.APPROVED,
    )
    # These rows are bulk-created, which skips save(): take the approved snapshot as approval would.
    reading.take_snapshot(None)
    return reading


@pytest.fixture
def lincs_data(council, other_council):
    """Lincolnshire (the `council` persona's) with one draft figure newer than its approved ones."""
    programme, projects = build_programme_data(
        council, workstreams=1, projects=2, metrics=1, readings=3, partner=other_council
    )
    project = projects[0]
    metric = project.metrics.get()
    ReadingFactory(
        metric=metric,
        council=council,
        project=project,
        value=Decimal("155"),
        period_end=dt.date(2018, 7, 20),
        status=Reading.Status.DRAFT,
        source_document=SourceDocumentFactory(key="draft-doc", title="Draft return"),
    )
    return programme, projects
