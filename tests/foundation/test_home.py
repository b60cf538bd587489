from tests.conftest import client_for
from tests.factories import ParticipationFactory, ProgrammeFactory, ProjectFactory, WorkstreamFactory


def test_home_lists_participating_councils_with_programmes_and_project_counts(scrutiny, council, other_council):
    pip = ProgrammeFactory()
    innovation = ProgrammeFactory(name="Innovation Programme", slug="innovation-programme", kind="innovation")
    ParticipationFactory(council=council, programme=pip)
    ParticipationFactory(council=council, programme=innovation)
    workstream = WorkstreamFactory(council=council, programme=pip)
    ProjectFactory.create_batch(3, workstream=workstream)

    response = client_for(scrutiny).get("/")

    assert response.status_code == 200
    rows = {c.name: c for c in response.context["councils"]}
    assert list(rows) == ["Lincolnshire"], "a council in no programme is not listed"
    assert rows["Lincolnshire"].project_count == 3
    html = response.content.decode()
    assert 'href="/councils/E10000019/"' in html
    assert "Innovation Programme" in html and "Partners in Practice" in html


def test_home_runs_a_fixed_number_of_queries(scrutiny, django_assert_max_num_queries):
    pip = ProgrammeFactory()
    for _ in range(15):
        participation = ParticipationFactory(programme=pip)
        ProjectFactory.create_batch(2, workstream=WorkstreamFactory(council=participation.council, programme=pip))
    client = client_for(scrutiny)
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
