"""Loading the papers: what it creates besides figures, that a second run changes nothing, and that it
leaves other data alone."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from metrics.models import Metric, Reading
from pipdash.demo.loaders.papers import load_papers
from programmes.models import ImprovementPartnership, OfstedJudgement, Programme
from projects.models import Lead, Milestone, ProgressUpdate, Project, Risk, Workstream
from tests.factories import CouncilFactory, PersonFactory, ReadingFactory


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_first_run_reports_what_it_created(db, papers):
    assert papers["paper source documents"] == 5
    assert papers["paper programmes"] == 4
    assert papers["paper readings"] == Reading.objects.count()
    assert papers["paper readings"] >= 60


def test_second_run_creates_and_changes_nothing(db, papers):
    before = row_counts()

    created = load_papers()

    assert set(created.values()) <= {0}
    assert row_counts() == before  # history tables included: nothing was saved again


def test_second_run_leaves_other_data_alone(db, papers):
    elsewhere = CouncilFactory(gss_code="E06000001", name="Hartlepool")
    reading = ReadingFactory(council=elsewhere, value=Decimal("5"), note="entered by hand")
    namesake = PersonFactory(name="Tara Jones", council=elsewhere, job_title="Someone else")

    load_papers()

    reading.refresh_from_db()
    namesake.refresh_from_db()
    assert (reading.value, reading.note, reading.source_document.key) == (
        Decimal("5"),
        "entered by hand",
        reading.source_document.key,
    )
    assert namesake.job_title == "Someone else"


def test_every_reading_is_sourced_and_published(db, papers):
    for reading in Reading.objects.select_related("metric"):
        assert reading.source_document_id, reading
        assert reading.source_quote, reading
        assert reading.status == Reading.Status.APPROVED, reading
        assert reading.published_value == reading.value, reading
        assert reading.unit == reading.metric.unit, reading
        assert reading.metric.council_id == reading.council_id, reading


def test_each_paper_council_has_two_to_four_key_metrics(db, papers):
    for gss_code in ("E10000019", "E08000035", "E10000017", "E10000018"):
        keys = Metric.objects.filter(council__gss_code=gss_code, is_key=True)
        assert 2 <= keys.count() <= 4, gss_code
        assert all(metric.readings.exists() for metric in keys), gss_code


def test_programmes_have_their_kinds_and_owners(db, papers):
    programmes = {p.slug: p for p in Programme.objects.select_related("owner")}

    assert programmes["partners-in-practice"].funder == "Department for Education"
    assert programmes["innovation-programme"].kind == "innovation"
    assert programmes["lancashire-getting-to-good-plan"].kind == "improvement_plan"
    assert programmes["lancashire-getting-to-good-plan"].owner.gss_code == "E10000017"
    assert programmes["leicestershire-self-evaluation-2018"].kind == "self_evaluation"
    assert programmes["leicestershire-self-evaluation-2018"].owner.gss_code == "E10000018"


def test_workstreams_key_areas_and_service_areas(db, papers):
    def names(gss_code):
        return list(Workstream.objects.filter(council__gss_code=gss_code).values_list("kind", "name", "pillar"))

    assert names("E10000019") == [
        ("workstream", "Practice and Systems", "practice_systems"),
        ("workstream", "People and Leadership", "people_leadership"),
    ]
    assert [name for _, name, _ in names("E10000017")][0] == "Effective Partnership Working"
    assert {kind for kind, _, _ in names("E10000017")} == {"key_area"}
    assert len(names("E10000017")) == 6
    assert {kind for kind, _, _ in names("E10000018")} == {"service_area"}
    assert [name for _, name, _ in names("E10000018")] == [
        "Early Help",
        "Front Door",
        "Children in Need of Help and Protection",
        "Experience of LAC and Care Leavers",
        "Leadership and Management",
        "Workforce",
        "Performance Management and Learning",
    ]
    assert {kind for kind, _, _ in names("E08000035")} == {"element"}


def test_lincolnshire_projects_keep_the_papers_numbers_and_leads(db, papers):
    projects = Project.objects.filter(council__gss_code="E10000019")
    risky = projects.get(number=3)
    leads = sorted(Lead.objects.filter(project=risky).values_list("role", "person__name"))

    assert sorted(projects.values_list("number", flat=True)) == [1, 2, 3, 4, 7, 8]
    assert leads == [
        ("project_manager", "Nicky Myers"),
        ("project_manager", "Tracey Evans"),
        ("senior_manager", "Andy Cook"),
        ("senior_manager", "Jo Kavanagh"),
    ]
    assert list(risky.status_changes.values_list("status", "changed_on")) == [
        ("active", dt.date(2017, 9, 25)),
        ("continued", dt.date(2020, 4, 1)),
    ]
    assert projects.get(number=7).workstream.name == "People and Leadership"


def test_leeds_has_its_four_innovation_projects(db, papers):
    names = set(Project.objects.filter(council__gss_code="E08000035").values_list("slug", flat=True))

    assert names == {"res-teams", "rethink", "futures", "leeds-relational-practice-centre"}


def test_milestones_are_dated_as_stated_and_done_only_when_the_paper_says_so(db, papers):
    front_door = Milestone.objects.get(title__startswith="New interim front door")
    panel = Milestone.objects.get(title="Multi-agency Joint Diversionary Panel established")
    encompass = Milestone.objects.get(title="Operation Encompass goes live")
    service = Milestone.objects.get(title__startswith="Edge of Care/Adolescent")

    assert (front_door.due_on, front_door.done_on) == (dt.date(2018, 7, 25), None)
    assert panel.done_on == dt.date(2017, 7, 31)
    assert (encompass.due_on, encompass.due_label) == (dt.date(2019, 4, 30), "April 2019")
    assert service.due_label == "Autumn 2018"


def test_progress_updates_per_project_per_paper(db, papers):
    caring = ProgressUpdate.objects.filter(project__slug="caring2learn").order_by("period_end")

    assert [u.source_document.key for u in caring] == ["lincs-pip-update-2018-07-20", "lincs-pip-minutes-2020"]
    assert caring[0].period_end == dt.date(2018, 7, 20)
    assert caring[0].author.name == "Tara Jones"


def test_risks_only_where_a_paper_states_them(db, papers):
    risks = Risk.objects.all()

    assert {r.council.gss_code for r in risks} == {"E10000017"}
    assert {r.programme.slug for r in risks} == {"lancashire-getting-to-good-plan"}
    assert len(risks) == 2


@pytest.mark.parametrize(
    ("supporting", "supported", "kind"),
    [
        ("E10000019", "E08000018", "intervention"),
        ("E10000019", "E09000030", "intervention"),
        ("E10000019", "E10000021", "improvement"),
        ("E08000035", "E08000034", "tier_3"),
        ("E08000035", "E08000003", "practice_support"),
        ("E08000035", "E08000024", "practice_support"),
        ("E08000035", "E08000012", "tier_2"),
        ("E08000035", "E10000019", "tier_2"),
        ("E08000035", "E08000018", "tier_2"),
        ("E10000023", "E10000017", "practice_support"),
    ],
)
def test_improvement_partnerships(db, papers, supporting, supported, kind):
    partnership = ImprovementPartnership.objects.get(
        supporting__gss_code=supporting, supported__gss_code=supported, kind=kind
    )
    assert partnership.source_document_id and partnership.source_quote


def test_kirklees_partnership_was_approved_in_autumn_2017(db, papers):
    kirklees = ImprovementPartnership.objects.get(supported__gss_code="E08000034")

    assert kirklees.starts_label == "Autumn 2017"
    assert kirklees.supported.operational_to is None


def test_ofsted_judgements_the_papers_state(db, papers):
    lancashire = OfstedJudgement.objects.get(council__gss_code="E10000017", framework="sif")
    rotherham = OfstedJudgement.objects.get(council__gss_code="E08000018", framework="sif")
    kirklees = OfstedJudgement.objects.get(council__gss_code="E08000034", framework="sif")
    visit = OfstedJudgement.objects.get(council__gss_code="E10000018", framework="focused_visit")

    assert (lancashire.inspected_on, lancashire.overall_effectiveness) == (dt.date(2018, 6, 1), "requires_improvement")
    assert list(lancashire.sub_judgements.values_list("area", "grade")) == [("Adoption performance", "good")]
    assert rotherham.overall_effectiveness == "good"
    assert kirklees.overall_effectiveness == "inadequate"
    assert (visit.inspected_on, visit.inspected_precision) == (dt.date(2018, 10, 1), "month")


def test_an_ofsted_judgement_already_loaded_is_not_duplicated_or_changed(db, papers):
    judgement = OfstedJudgement.objects.get(council__gss_code="E10000017", framework="sif")
    judgement.source_quote = "From Ofsted's own data"
    judgement.save()

    load_papers()

    assert OfstedJudgement.objects.filter(council__gss_code="E10000017", framework="sif").count() == 1
    judgement.refresh_from_db()
    assert judgement.source_quote == "From Ofsted's own data"
