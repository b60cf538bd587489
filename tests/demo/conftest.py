"""The five papers, loaded once per test module and rolled back afterwards, so other tests start empty."""

import importlib

import pytest
from django.db import transaction

from pipdash.demo.loaders.papers import load_papers
from tests.factories import CouncilFactory, RegionFactory

# The councils the papers name, for when the councils loader is not there.
PAPER_COUNCILS = {
    "E10000019": "Lincolnshire",
    "E08000035": "Leeds",
    "E10000017": "Lancashire",
    "E10000018": "Leicestershire",
    "E08000018": "Rotherham",
    "E09000030": "Tower Hamlets",
    "E10000021": "Northamptonshire",
    "E08000034": "Kirklees",
    "E10000023": "North Yorkshire",
    "E08000003": "Manchester",
    "E08000024": "Sunderland",
    "E08000012": "Liverpool",
    "E06000045": "Southampton",
}


def load_paper_councils() -> None:
    try:
        load_councils = importlib.import_module("pipdash.demo.loaders.councils").load_councils
    except (ModuleNotFoundError, AttributeError):
        region = RegionFactory()
        for gss_code, name in PAPER_COUNCILS.items():
            CouncilFactory(gss_code=gss_code, name=name, slug=name.lower().replace(" ", "-"), region=region)
    else:
        load_councils()


@pytest.fixture(scope="module")
def papers(django_db_setup, django_db_blocker):
    """What load_papers() created on its first run; the data stays until the module's tests end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_paper_councils()
        created = load_papers()
        yield created
        transaction.set_rollback(True)
