"""The programme side of the synthetic data: participation, funding, people, workstreams,
projects, leads, milestones, progress updates and risks for one council.

Objects are built in memory and written with `bulk_create` by the caller's `Writer`.
"""

import datetime as dt
import random
from decimal import Decimal

from metrics.scale.catalogue import MILESTONE_TITLES, PROJECT_NAMES, RISK_TEXTS, UPDATE_SENTENCES, WORKSTREAMS
from metrics.scale.naming import PERSON_EMAIL_DOMAIN, PREFIX
from pipdash.dates import FinancialYear, add_months, month_end
from programmes.models import Funding, Participation, SourceDocument
from projects.models import Lead, Milestone, Person, ProgressUpdate, Project, Risk, Workstream

PEOPLE_PER_COUNCIL = 4
MILESTONES_PER_PROJECT = 6


def council_document(council) -> SourceDocument:
    return SourceDocument(
        key=f"{PREFIX}{council.gss_code.lower()}-returns",
        title=f"Synthetic monthly returns, {council.name}",
        kind=SourceDocument.Kind.DATA_ENTRY,
        council=council,
        body="Scale test data (generated)",
    )


def build_structure(*, writer, council, programme, document, plan, rng: random.Random) -> list[Project]:
    """Write the council's participation, people, workstreams and projects; return the projects."""
    writer.add(
        Participation(programme=programme, council=council, joined_on=plan.start, status=Participation.Status.ACTIVE)
    )
    year = FinancialYear.containing(plan.start)
    for _ in range(min(4, plan.years)):
        amount = Decimal(rng.randrange(200_000, 1_500_000)).quantize(Decimal("0.01"))
        writer.add(
            Funding(
                programme=programme,
                council=council,
                amount=amount,
                financial_year=year.label,
                description="Synthetic programme grant",
                source_document=document,
            )
        )
        year = year.next()
    people = writer.save(
        [
            Person(
                name=f"Synthetic lead {i + 1}",
                job_title="Head of service",
                council=council,
                email=f"lead{i + 1}.{council.gss_code.lower()}@{PERSON_EMAIL_DOMAIN}",
            )
            for i in range(PEOPLE_PER_COUNCIL)
        ]
    )
    workstreams = writer.save(
        [
            Workstream(
                council=council,
                programme=programme,
                kind=Workstream.Kind.WORKSTREAM,
                number=i + 1,
                name=name,
                pillar=pillar,
                position=i,
            )
            for i, (name, pillar) in enumerate(WORKSTREAMS[: max(1, min(len(WORKSTREAMS), plan.projects))])
        ]
    )
    projects = []
    for i in range(plan.projects):
        name = PROJECT_NAMES[i % len(PROJECT_NAMES)]
        closed = rng.random() < 0.25
        changed = add_months(plan.start, rng.randrange(24, max(25, plan.months))) if closed else None
        projects.append(
            Project(
                workstream=workstreams[i % len(workstreams)],
                council=council,
                number=i + 1,
                name=name,
                slug=f"{PREFIX}{i + 1}",
                aim=f"Synthetic project: {name.lower()}.",
                status=Project.Status.CLOSED if closed else Project.Status.ACTIVE,
                status_changed_on=changed,
                source_document=document,
            )
        )
    projects = writer.save(projects)
    for project in projects:
        _project_detail(writer=writer, project=project, people=people, document=document, plan=plan, rng=rng)
    return projects


# Synthetic papers' milestones and updates are published, as a committee paper's are.
_PUBLISHED_AT = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def _approved(record):
    record.status = "approved"
    record.take_snapshot(_PUBLISHED_AT)
    return record


def _project_detail(*, writer, project, people, document, plan, rng: random.Random) -> None:
    lead, senior = rng.sample(people, 2)
    writer.add(Lead(project=project, person=lead, role=Lead.Role.PROJECT_MANAGER))
    writer.add(Lead(project=project, person=senior, role=Lead.Role.SENIOR_MANAGER))
    first = rng.randrange(0, max(1, min(24, plan.months)))
    last = plan.months - 1
    if project.status_changed_on:
        last = min(
            last,
            (project.status_changed_on.year - plan.start.year) * 12
            + project.status_changed_on.month
            - plan.start.month,
        )
    for i, title in enumerate(MILESTONE_TITLES[:MILESTONES_PER_PROJECT]):
        due = add_months(plan.start, first + 3 + i * 6) + dt.timedelta(days=rng.randrange(0, 28))
        done = None
        if due <= plan.end and rng.random() < 0.85:
            done = due + dt.timedelta(days=rng.randrange(-20, 45))
        milestone = Milestone(project=project, title=title, due_on=due, done_on=done, source_document=document)
        writer.add(_approved(milestone))
    for month in range(first + 2, last + 1, 3):
        period_start = add_months(plan.start, month - 2)
        summary = " ".join(rng.sample(UPDATE_SENTENCES, 2))
        writer.add(
            _approved(
                ProgressUpdate(
                    project=project,
                    period_start=period_start,
                    period_end=month_end(add_months(plan.start, month)),
                    summary=summary,
                    author=lead,
                    source_document=document,
                )
            )
        )
    for text in rng.sample(RISK_TEXTS, 2):
        writer.add(
            Risk(
                council=project.council,
                project=project,
                description=text,
                likelihood=rng.randint(1, 5),
                impact=rng.randint(1, 5),
                owner=lead.name,
                mitigation="Reviewed monthly by the project board.",
                source_document=document,
            )
        )
