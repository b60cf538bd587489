import pytest
from django.test import Client

from tests.pages.conftest import build_programme_data


@pytest.fixture
def council_page_data(council):
    """A small council page's worth of data for Lincolnshire (E10000019)."""
    build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=2)
    return council


@pytest.fixture
def quiet_client():
    """A client that gets the error page a browser would, instead of the exception raised in the test."""
    return Client(raise_request_exception=False)
