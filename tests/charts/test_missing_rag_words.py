"""A measure without a colour says what is missing ("No target or benchmark"), never "No RAG" (issue 14)."""

import pytest

from metrics.models import Benchmark, Reading
from tests.conftest import client_for
from tests.pages.conftest import build_programme_data


@pytest.fixture
def unrated_project(council):
    """A project whose one measure has figures but neither a target, a baseline nor a benchmark."""
    programme, (project,) = build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=3)
    Reading.objects.exclude(kind=Reading.Kind.ACTUAL).delete()
    Benchmark.objects.all().delete()
    return programme, project


def test_the_project_page_names_what_each_measure_is_missing(scrutiny, unrated_project):
    _, project = unrated_project
    html = client_for(scrutiny).get(project.get_absolute_url()).content.decode()
    assert '<strong class="app-rag app-rag--none">No target or benchmark</strong>' in html
    assert '<strong class="app-rag app-rag--none">No measure rated</strong> Each measure below says what' in html
    assert 'app-rag--none">No RAG' not in html


def test_the_council_pages_project_card_says_no_measure_is_rated(scrutiny, council, unrated_project):
    html = client_for(scrutiny).get(council.get_absolute_url()).content.decode()
    assert '<strong class="app-rag app-rag--none">No measure rated</strong>' in html
    assert "No measure of this project is rated: each measure below says what it is missing." in html
    assert 'app-rag--none">No RAG' not in html


def test_the_programme_page_explains_the_words_for_what_is_missing(scrutiny, unrated_project):
    programme, _ = unrated_project
    html = client_for(scrutiny).get(programme.get_absolute_url()).content.decode()
    assert 'counts as "No RAG"' not in html
    assert 'each measure says what it is missing ("No target or benchmark"' in html
