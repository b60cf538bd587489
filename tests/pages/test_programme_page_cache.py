"""The programme overview is cached, per set of drafts a viewer may see, and every write shows at once."""

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metrics.models import Reading
from programmes.models import Funding
from tests.conftest import client_for
from tests.factories import FundingFactory


def url(programme):
    return reverse("programme-detail", kwargs={"slug": programme.slug})


def green_and_amber(client, programme) -> tuple[str, str]:
    """What the page shows (cached or not) in the first council's Green and Amber cells."""
    html = client.get(url(programme)).content.decode()
    body = html[html.index('<tbody class="govuk-table__body">') :]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
    return cells[5], cells[6]


def test_a_second_visit_is_served_from_the_cache_without_reading_the_figures(scrutiny, lincs_data):
    programme = lincs_data[0]
    client = client_for(scrutiny)
    with CaptureQueriesContext(connection) as built:
        first = client.get(url(programme)).content.decode()
    with CaptureQueriesContext(connection) as cached:
        second = client.get(url(programme)).content.decode()
    assert "Lincolnshire" in first and "Lincolnshire" in second
    assert any("metrics_reading" in q["sql"] for q in built.captured_queries)
    assert not any("metrics_reading" in q["sql"] for q in cached.captured_queries)
    assert len(cached) <= 6


def test_new_funding_shows_at_once(scrutiny, council, lincs_data):
    programme = lincs_data[0]
    client = client_for(scrutiny)
    assert "£1,207,908" in client.get(url(programme)).content.decode()
    FundingFactory(programme=programme, council=council, amount=Decimal("100000"))
    assert "£1,307,908" in client.get(url(programme)).content.decode()
    Funding.objects.filter(programme=programme, amount=Decimal("100000")).delete()
    assert "£1,207,908" in client.get(url(programme)).content.decode()


def test_a_draft_cached_for_a_manager_never_reaches_a_scrutiny_member(manager, scrutiny, lincs_data):
    programme = lincs_data[0]
    # The manager's visit caches the overview with the draft 155 counted (project 1 green).
    assert green_and_amber(client_for(manager), programme) == ("1", "1")
    assert green_and_amber(client_for(scrutiny), programme) == ("0", "2")
    assert green_and_amber(client_for(manager), programme) == ("1", "1")


def test_approving_a_figure_changes_the_rags_everyone_sees(scrutiny, approver, lincs_data):
    programme = lincs_data[0]
    client = client_for(scrutiny)
    assert green_and_amber(client, programme) == ("0", "2")
    draft = Reading.objects.get(status=Reading.Status.DRAFT)
    draft.status = Reading.Status.APPROVED
    draft.published_value = draft.value
    draft.save()
    assert green_and_amber(client, programme) == ("1", "1")
