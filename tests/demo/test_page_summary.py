"""The summary at the top of a council page counts what is current and says what it leaves out (issue 14)."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _summary_rows(html: str) -> dict[str, str]:
    section = html[html.index('id="summary"') : html.index("</dl>")]
    rows = re.findall(r'__key">([^<]+)</dt><dd class="govuk-summary-list__value">(.*?)</dd>', section)
    return {key: re.sub(r"<[^>]+>", "", value) for key, value in rows}


def test_a_council_whose_projects_have_all_closed_says_none_are_active_and_how_many_closed(papers):
    reader = get_user_model().objects.create_user("summary-reader")
    html = client_for(reader).get("/councils/E10000019/").content.decode()
    rows = _summary_rows(html)
    assert rows["Active projects"] == "None; 6 closed, sustained or continued, not counted"
    assert rows["Milestones"].startswith("None missed; none due by ")
    assert "no rag" not in rows["Measures"].lower()


def test_as_at_the_paper_the_same_projects_are_active_and_counted_by_rag(papers):
    reader = get_user_model().objects.create_user("summary-reader")
    rows = _summary_rows(client_for(reader).get("/councils/E10000019/?as_at=2018-07-20").content.decode())
    assert rows["Active projects"] == "6: 1 green, 5 unrated"
    assert rows["Milestones"] == "None missed; 6 due by 20 October 2018"
