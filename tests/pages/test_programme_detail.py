"""The programme overview: every participating council side by side."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import CouncilFactory
from tests.pages.conftest import build_programme_data

# issue 20: each council's row and summary part from one judgement of its measures (programme_rags.py), read from
# and kept in the store of per-council rows (programme_rows.py: one read, one upsert, on PostgreSQL in a savepoint
# of its own, two statements more).
QUERY_BOUND = 21


def url(programme):
    return reverse("programme-detail", kwargs={"slug": programme.slug})


@pytest.mark.parametrize("persona", ["manager", "scrutiny", "other_manager", "adviser", "admin_user"], indirect=True)
def test_every_signed_in_user_sees_the_councils_side_by_side(persona, council, lincs_data):
    programme = lincs_data[0]
    response = client_for(persona).get(url(programme))
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert row["council"] == council
    assert row["projects"] == 2
    assert row["active"] == 2
    assert row["funding"] == Decimal("1207908.00")
    assert row["partnerships"] == "Supports Leeds"
    assert row["overdue"] == 2
    assert row["green"] + row["amber"] + row["red"] + row["no_rag"] == 2


def test_rag_counts_follow_what_the_user_may_see(manager, scrutiny, lincs_data):
    programme = lincs_data[0]
    as_manager = client_for(manager).get(url(programme)).context["rows"][0]
    as_scrutiny = client_for(scrutiny).get(url(programme)).context["rows"][0]
    # The draft 155 puts project 1 ahead of its line for the manager; published figures leave it behind.
    assert (as_manager["green"], as_manager["amber"]) == (1, 1)
    assert (as_scrutiny["green"], as_scrutiny["amber"]) == (0, 2)


def test_table_sorts_and_downloads(scrutiny, lincs_data):
    programme = lincs_data[0]
    html = client_for(scrutiny).get(url(programme), {"funding-sort": "funding"}).content.decode()
    assert 'aria-sort="ascending"' in html  # funding sits in the background table, after progress (issue 14)
    response = client_for(scrutiny).get(url(programme), {"_export": "xlsx", "_table": "councils"})
    assert response.content[:2] == b"PK"


def test_signed_out_wrong_method_and_missing(scrutiny, lincs_data):
    programme = lincs_data[0]
    assert client_for(None).get(url(programme)).status_code == 302
    assert client_for(scrutiny).post(url(programme)).status_code == 405
    assert client_for(scrutiny).get("/programmes/no-such-programme/").status_code == 404


@pytest.mark.parametrize("scale", [1, 10])
def test_queries_are_bounded_whatever_the_number_of_councils(scale, scrutiny, django_assert_max_num_queries):
    programme = None
    for _ in range(scale):
        programme, _ = build_programme_data(CouncilFactory(), workstreams=1, projects=2, metrics=1, readings=3)
    client = client_for(scrutiny)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(url(programme))
    assert len(response.context["rows"]) == scale
