"""The OpenAPI 3.1 schema describes the API truly: schemathesis sends generated requests (a bounded
number per operation) to every operation as a manager with a write token, and checks that none is
answered 500 and every answer conforms to the schema (status, content type, body). The docs page
is served from our static files and keeps the Content-Security-Policy."""

import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from tests.api.conftest import token_client
from tests.conftest import client_for

# Per operation: enough to reach each field and filter, little enough to keep `make test` quick.
EXAMPLES = 8
# Not checked: like Django forms, filters ignore a blank value and a bad page size falls back to the
# default rather than refusing; and a NUL byte, which a schema string allows, is refused (400) by design.
LENIENT = [negative_data_rejection, positive_data_acceptance]


@pytest.fixture
def connection_kept():
    """Django's WSGI handler closes the database connection after each request; here that connection
    holds the test's transaction, so keep it open, as Django's own test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_api_answers_as_its_schema_says(world, manager, connection_kept):
    """Every operation, positive and negative examples (schemathesis's pytest plugin does not load on
    pytest 9, so its strategies are driven by Hypothesis here)."""
    auth = {"Authorization": f"Bearer {token_client(manager).secret}"}
    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(public=True))
    loaded.app = get_wsgi_application()
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
            def answers_truly(case):
                case.call_and_validate(headers=auth, excluded_checks=LENIENT)

            answers_truly()


def test_the_schema_is_openapi_3_1_and_names_the_token_scheme(world, scrutiny):
    response = token_client(scrutiny).get(reverse("api-schema") + "?format=json")
    schema_json = response.json()
    assert schema_json["openapi"] == "3.1.0"
    assert schema_json["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"
    assert "/api/v1/readings/" in schema_json["paths"]


def test_the_docs_page_uses_only_our_static_files_and_no_inline_script_or_style(scrutiny):
    page = client_for(scrutiny).get(reverse("api-docs"))
    html = page.content.decode()
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in src for src in sources)
    assert all(src.startswith(("/", "#", "http://testserver")) for src in sources), sources
    assert "<style" not in html and "style=" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "curl" in html and "import requests" in html
    script = client_for(scrutiny).get(reverse("api-docs") + "?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_the_docs_page_asks_signed_out_visitors_to_sign_in(db):
    response = client_for(None).get(reverse("api-docs"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_footer_links_to_the_api_docs_for_signed_in_users(scrutiny):
    html = client_for(scrutiny).get(reverse("home")).content.decode()
    assert f'href="{reverse("api-docs")}"' in html
