"""Small factories for every model, used across the test suite."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from metrics.models import Benchmark, Metric, Reading
from metrics.units import Direction, MeasureKind, Unit
from programmes.models import (
    ComparisonGroup,
    Council,
    Funding,
    ImprovementPartnership,
    Membership,
    OfstedJudgement,
    Participation,
    Programme,
    Region,
    Role,
    SourceDocument,
)
from projects.models import Lead, Milestone, Person, ProgressUpdate, Project, Risk, Workstream

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["gss_code"]

    gss_code = "E12000004"
    name = "East Midlands"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ["gss_code"]

    gss_code = factory.Sequence(lambda n: f"E06{n:06d}")
    dfe_number = factory.Sequence(lambda n: f"{(n % 900) + 100}")
    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    region = factory.SubFactory(RegionFactory)
    kind = Council.Kind.UNITARY
    operational_from = dt.date(2009, 4, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    role = Role.MANAGER


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceDocument
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"document-{n}")
    title = factory.Sequence(lambda n: f"Programme update {n}")
    kind = SourceDocument.Kind.COMMITTEE_REPORT
    body = "Scrutiny Committee"
    published_on = dt.date(2018, 7, 20)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    name = "Partners in Practice"
    slug = "partners-in-practice"
    kind = Programme.Kind.PARTNERS_IN_PRACTICE
    funder = "Department for Education"
    starts_on = dt.date(2016, 4, 1)
    ends_on = dt.date(2020, 3, 31)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    programme = factory.SubFactory(ProgrammeFactory)
    council = factory.SubFactory(CouncilFactory)
    joined_on = dt.date(2016, 1, 1)
    joined_precision = "year"


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    programme = factory.SubFactory(ProgrammeFactory)
    council = factory.SubFactory(CouncilFactory)
    amount = Decimal("1207908.00")
    financial_year = "2020/21"
    description = "PiP funding"
    source_document = factory.SubFactory(SourceDocumentFactory)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementPartnership

    supporting = factory.SubFactory(CouncilFactory)
    supported = factory.SubFactory(CouncilFactory)
    kind = ImprovementPartnership.Kind.IMPROVEMENT
    starts_on = dt.date(2017, 9, 1)
    source_document = factory.SubFactory(SourceDocumentFactory)


class OfstedJudgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfstedJudgement

    council = factory.SubFactory(CouncilFactory)
    framework = OfstedJudgement.Framework.ILACS
    inspected_on = dt.date(2019, 6, 1)
    published_on = dt.date(2019, 7, 15)
    overall_effectiveness = OfstedJudgement.Grade.GOOD


class ComparisonGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparisonGroup

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    kind = ComparisonGroup.Kind.CURATED


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    council = factory.SubFactory(CouncilFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    kind = Workstream.Kind.WORKSTREAM
    name = factory.Sequence(lambda n: f"Workstream {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    workstream = factory.SubFactory(WorkstreamFactory)
    council = factory.LazyAttribute(lambda o: o.workstream.council)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    aim = "Improve practice."


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory)
    role = Lead.Role.PROJECT_MANAGER


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = dt.date(2018, 9, 1)
    # As a published paper's milestone: approved (tests of sign-off pass status="draft").
    status = "approved"


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    project = factory.SubFactory(ProjectFactory)
    period_end = dt.date(2018, 7, 20)
    summary = "Good progress."
    status = "approved"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    project = factory.SubFactory(ProjectFactory)
    council = factory.LazyAttribute(lambda o: o.project.council)
    description = "Staff leave before training ends"
    likelihood = 3
    impact = 4


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metric

    name = factory.Sequence(lambda n: f"Metric {n}")
    slug = factory.Sequence(lambda n: f"metric-{n}")
    unit = Unit.COUNT
    direction = Direction.HIGHER
    kind = MeasureKind.CUMULATIVE


class ReadingFactory(factory.django.DjangoModelFactory):
    """An approved actual by default: what demo figures are."""

    class Meta:
        model = Reading

    metric = factory.SubFactory(MetricFactory)
    council = factory.SubFactory(CouncilFactory)
    kind = Reading.Kind.ACTUAL
    value = Decimal("10")
    period_end = dt.date(2018, 7, 20)
    source_document = factory.SubFactory(SourceDocumentFactory)
    status = Reading.Status.APPROVED
    published_value = factory.LazyAttribute(lambda o: o.value if o.status == Reading.Status.APPROVED else None)


class BenchmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benchmark

    metric = factory.SubFactory(MetricFactory)
    area = Benchmark.Area.ENGLAND
    value = Decimal("16")
    period_end = dt.date(2018, 7, 20)
    source_document = factory.SubFactory(SourceDocumentFactory)
