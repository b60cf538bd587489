"""The council page's background sections (programmes, funding, Ofsted, partnerships) are stored per council and
read with the council (issue 20 point 4): a figure's save leaves them current, so a cold build after it reads
none of them again; every write that can change them remakes them, for every council whose page shows it."""

import datetime as dt
import pickle
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from pipdash.dashboards import council_background
from pipdash.dashboards.models import CouncilBackground
from pipdash.demo.loaders.councils import load_councils
from programmes.data_versions import councils_changed
from programmes.models import Council, OfstedJudgement, OfstedSubJudgement, Programme, SourceDocument
from projects.models import Project
from tests.conftest import client_for
from tests.factories import (
    FundingFactory,
    OfstedJudgementFactory,
    ParticipationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ReadingFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date
BACKGROUND_TABLES = ("participation", "funding", "ofstedjudgement", "improvementpartnership")


def _page(user, council, query="") -> tuple[str, list[str]]:
    """The page's HTML (its form token taken out) and the tables of the background the build read."""
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(council.get_absolute_url() + query)
    assert response.status_code == 200
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    read = [t for t in BACKGROUND_TABLES for q in queries if f'FROM "programmes_{t}"' in q["sql"]]
    return html, read


def _figure_saved(council, project):
    """The common write: a figure, through its signals (every cached page of the council out of date)."""
    ReadingFactory(
        metric=project.metrics.get(), council=council, project=project, value=Decimal("91"), period_end=D(2018, 8, 31)
    )


def _pages_out_of_date(council):
    """What a figure's save tells of the council, without the figure (so that the page's HTML stays the same)."""
    councils_changed(council_ids=[council.pk], background=False)


def _version(council) -> int:
    return Council.objects.values_list("background_version", flat=True).get(pk=council.pk)


def test_a_cold_page_after_a_figure_save_reads_the_stored_background_with_the_council(
    scrutiny, council, lincs_data, django_assert_max_num_queries
):
    client = client_for(scrutiny)
    with CaptureQueriesContext(connection) as first:
        client.get(council.get_absolute_url())
    before = _version(council), CouncilBackground.objects.get(council=council).made_at
    _figure_saved(council, lincs_data[1][0])
    # A figure leaves the background as it was: its version and its stored row alike.
    assert (_version(council), CouncilBackground.objects.get(council=council).made_at) == before
    _pages_out_of_date(council)
    # Four background queries fewer; the first build also stored the row (an upsert in its own savepoint).
    with django_assert_max_num_queries(len(first.captured_queries) - 4 - 3) as asked:
        html = client.get(council.get_absolute_url()).content.decode()
    assert not [q for q in asked.captured_queries for t in BACKGROUND_TABLES if f'FROM "programmes_{t}"' in q["sql"]]
    assert "Improvement partnerships" in html and "PiP funding" in html


def test_the_page_is_the_same_stored_or_made_from_the_live_data(scrutiny, council, lincs_data):
    OfstedSubJudgement.objects.create(
        judgement=OfstedJudgement.objects.get(council=council), area="Adoption", grade=OfstedJudgement.Grade.GOOD
    )
    made, read = _page(scrutiny, council)
    assert read == list(BACKGROUND_TABLES)
    _pages_out_of_date(council)
    stored, read = _page(scrutiny, council)
    assert read == [] and stored == made
    assert "Adoption: Good" in stored
    # As it stood on a date, the stored lists are filtered as the live ones were.
    as_at = "?as_at=2018-06-30"
    CouncilBackground.objects.all().delete()
    made, _ = _page(scrutiny, council, as_at)
    _pages_out_of_date(council)
    stored, read = _page(scrutiny, council, as_at)
    assert read == [] and stored == made


def _add_funding(council, other, data):
    FundingFactory(programme=data[0], council=council, amount=Decimal("4321.00"), description="Extra grant")
    return "Extra grant", []


def _add_participation(council, other, data):
    ParticipationFactory(programme=ProgrammeFactory(name="Regional Improvement Alliance", slug="ria"), council=council)
    return "Regional Improvement Alliance", []


def _add_judgement(council, other, data):
    OfstedJudgementFactory(council=council, inspected_on=D(2023, 2, 1), published_on=D(2023, 3, 24))
    return "24 March 2023", []


def _add_grade(council, other, data):
    judgement = OfstedJudgement.objects.get(council=council)
    OfstedSubJudgement.objects.create(judgement=judgement, area="Care leavers", grade=OfstedJudgement.Grade.OUTSTANDING)
    return "Care leavers: Outstanding", []


def _add_partnership(council, other, data):
    PartnershipFactory(supporting=other, supported=council, starts_on=D(2019, 4, 1))
    return "April 2019", [other]  # on both councils' pages


def _rename_source(council, other, data):
    document = SourceDocument.objects.get(key=f"{council.slug}-update")
    document.title = "Renamed update"
    document.save()
    return "Renamed update", [other]  # the partnership cites it on the partner's page too


def _rename_programme(council, other, data):
    programme = Programme.objects.get(pk=data[0].pk)
    programme.name = "Partners in Practice (renamed)"
    programme.save()
    return "Partners in Practice (renamed)", []


def _rename_partner(council, other, data):
    other.name = "Leeds (renamed)"
    other.save()
    return "Leeds (renamed)", []


@pytest.mark.parametrize(
    "write",
    [
        _add_funding,
        _add_participation,
        _add_judgement,
        _add_grade,
        _add_partnership,
        _rename_source,
        _rename_programme,
        _rename_partner,
    ],
)
def test_each_background_write_shows_at_once_on_every_page_it_is_on(
    write, scrutiny, council, other_council, lincs_data
):
    for shown in (council, other_council):
        _page(scrutiny, shown)  # both stored
    versions = {c.pk: _version(c) for c in (council, other_council)}
    text, also = write(council, other_council, lincs_data)
    for shown in (council, *also):
        assert _version(shown) > versions[shown.pk]
        html, read = _page(scrutiny, shown)
        assert text in html
        assert read == list(BACKGROUND_TABLES)  # remade from the live data


def test_renaming_a_funded_project_remakes_the_funding_that_names_it(scrutiny, council, lincs_data):
    programme, projects = lincs_data
    FundingFactory(programme=programme, council=council, project=projects[0], description="Project grant")
    _page(scrutiny, council)
    project = Project.objects.get(pk=projects[0].pk)
    project.name = "Renamed project"
    project.save()
    assert _page(scrutiny, council)[1] == list(BACKGROUND_TABLES)
    payload = bytes(CouncilBackground.objects.get(council=council).payload)
    stored = pickle.loads(payload[32:])  # noqa: S301 - after its signature, the test's own row
    assert {f.project.name for f in stored["funding"] if f.project} == {"Renamed project"}


@pytest.fixture
def barnsley(db, adviser):
    """Barnsley recoded on 1 May 2025 (E08000016 -> E08000038): one series, as the demo loads it."""
    load_councils()
    old, new = Council.objects.get(gss_code="E08000016"), Council.objects.get(gss_code="E08000038")
    _page(adviser, new)
    return old, new


def test_a_predecessors_judgement_remakes_its_successors_stored_background(adviser, barnsley):
    old, new = barnsley
    OfstedJudgementFactory(council=old, inspected_on=D(2022, 5, 9), published_on=D(2022, 6, 17))
    html, read = _page(adviser, new)
    assert "17 June 2022" in html and read == list(BACKGROUND_TABLES)


def test_a_predecessors_partnership_remakes_its_successors_stored_background(adviser, barnsley):
    old, new = barnsley
    PartnershipFactory(supporting=old, supported=Council.objects.get(gss_code="E08000019"))
    html, _ = _page(adviser, new)
    assert "(as Barnsley, E08000016)" in html


def test_a_stored_background_of_an_older_recipe_is_remade(scrutiny, council, lincs_data, monkeypatch):
    made, _ = _page(scrutiny, council)
    monkeypatch.setattr(council_background, "RECIPE", council_background.RECIPE + 1)
    _pages_out_of_date(council)
    html, read = _page(scrutiny, council)
    assert read == list(BACKGROUND_TABLES) and html == made
    assert CouncilBackground.objects.get(council=council).key.startswith(f"r{council_background.RECIPE}.")


def test_a_corrupt_stored_background_is_remade_and_stored_again(scrutiny, council, lincs_data):
    made, _ = _page(scrutiny, council)
    CouncilBackground.objects.filter(council=council).update(payload=b"not a pickle")
    _pages_out_of_date(council)
    html, read = _page(scrutiny, council)
    assert read == list(BACKGROUND_TABLES) and html == made
    _pages_out_of_date(council)
    assert _page(scrutiny, council) == (made, [])


def test_a_payload_not_signed_by_the_site_is_never_unpickled(scrutiny, council, lincs_data):
    made, _ = _page(scrutiny, council)
    stored = CouncilBackground.objects.get(council=council)
    unsigned = bytes(32) + bytes(stored.payload)[32:]  # a well-formed pickle, but not signed with the site's key
    CouncilBackground.objects.filter(pk=stored.pk).update(payload=unsigned)
    _pages_out_of_date(council)
    html, read = _page(scrutiny, council)
    assert read == list(BACKGROUND_TABLES) and html == made


def test_a_database_that_refuses_the_store_still_serves_the_page(scrutiny, council, lincs_data, monkeypatch):
    def refused(*args, **kwargs):
        raise DatabaseError("cannot execute INSERT in a read-only transaction")

    monkeypatch.setattr(CouncilBackground.objects, "bulk_create", refused)
    html, read = _page(scrutiny, council)
    assert "PiP funding" in html and read == list(BACKGROUND_TABLES)
    assert not CouncilBackground.objects.exists()


def test_the_demos_council_page_cold_reads_its_stored_background_and_shows_the_same(
    adviser, settings, django_assert_max_num_queries
):
    call_command("load_demo", stdout=StringIO())
    adviser.refresh_from_db()  # the demo gives its adviser a password: a session of the old one is signed out
    # Every cache a dummy one, as the benchmarks' cold builds: each request builds the page whole.
    settings.CACHES = dict.fromkeys(settings.CACHES, {"BACKEND": "django.core.cache.backends.dummy.DummyCache"})
    lincolnshire = Council.objects.get(gss_code="E10000019")
    client = client_for(adviser)
    with CaptureQueriesContext(connection) as first:
        response = client.get(lincolnshire.get_absolute_url())
    assert response.status_code == 200, response.get("Location")
    made = response.content.decode()
    with django_assert_max_num_queries(len(first.captured_queries) - 4 - 3):
        stored = client.get(lincolnshire.get_absolute_url()).content.decode()
    token = r'name="csrfmiddlewaretoken" value="[^"]+"'
    assert re.sub(token, "", stored) == re.sub(token, "", made)
    assert "Partners in Practice" in stored
