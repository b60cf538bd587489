"""The committee pack as a page: its sections in order for every demo council, its figures the page's."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from pipdash.dashboards.selectors import council_page_get
from pipdash.reports.selectors import PackDates, council_report_get
from programmes.access import access_for
from programmes.models import Council, Participation
from tests.conftest import client_for
from tests.reports.conftest import JULY_2018, pack_query, today_query

SECTIONS = [
    "progress on children's services improvement",
    "1. Summary",
    "2. Exceptions",
    "3. Changes since",
    "4. Projects",
    "5. Comparison with England, the region and statistical neighbours",
    "Annex A: definitions of the measures",
    "Annex C: sources",
]


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)]


def test_every_demo_council_s_pack_has_its_sections_in_order(demo):
    adviser = get_user_model().objects.get(username="adviser")
    client = client_for(adviser)
    councils = Council.objects.filter(pk__in=Participation.objects.values("council_id")).distinct()
    assert councils.count() >= 4
    for council in councils:
        html = client.get(reverse("council-report", args=[council.gss_code]), JULY_2018).content.decode()
        headings = _headings(html)
        found = [next(i for i, h in enumerate(headings) if section in h) for section in SECTIONS]
        assert found == sorted(found), (council.name, headings)
        assert "Children and Young People Scrutiny Committee" in html
        assert "20 July 2018" in html


def test_lincolnshire_in_july_2018_shows_its_projects_active_then_with_their_figures(demo):
    html = client_for(get_user_model().objects.get(username="lincs-scrutiny")).get(
        reverse("council-report", args=["E10000019"]), JULY_2018
    ).content.decode()
    assert "Signs of Safety" in html
    assert "Frontline staff trained in 2-day Signs of Safety" in html
    assert "1,120" in html
    # Figures from after the committee are not in its pack.
    assert "as at 31 March 2020" not in html


def test_today_s_lincolnshire_pack_compares_official_measures_with_its_statistical_neighbours(demo):
    today = timezone.localdate()
    data = pack_query(as_at_day=str(today.day), as_at_month=str(today.month), as_at_year=str(today.year))
    html = client_for(get_user_model().objects.get(username="adviser")).get(
        reverse("council-report", args=["E10000019"]), data
    ).content.decode()
    section = html.split('id="pack-comparison"')[1].split("</section>")[0]
    assert "England" in section and "East Midlands" in section
    assert re.search(r"median of \d+ of 10 neighbours", section)


@pytest.mark.parametrize("persona", ["manager", "scrutiny", "adviser"], indirect=True)
def test_pack_figures_equal_the_council_page_s_for_the_same_date(lincs_data, persona, council):
    today = timezone.localdate()
    access = access_for(persona)
    page = council_page_get(council=council, access=access, today=today)
    report = council_report_get(
        council=council, access=access, dates=PackDates("C", today, today - dt.timedelta(days=90), today),
        produced_by="x",
    )  # fmt: skip
    on_page = {
        s.metric.name: (s.latest.display_value if s.latest else None, s.rag.word if s.rag else None)
        for block in page.workstreams for p in block.active for s in p.metrics
    }  # fmt: skip
    in_pack = {s.metric.name: (s.latest.display_value if s.latest else None, s.rag.word if s.rag else None)
               for s in report.measures}  # fmt: skip
    assert on_page and in_pack == on_page
    html = client_for(persona).get(reverse("council-report", args=[council.gss_code]), pack_query(
        as_at_day=str(today.day), as_at_month=str(today.month), as_at_year=str(today.year)
    )).content.decode()  # fmt: skip
    for value, _ in on_page.values():
        assert value in html


def test_a_draft_is_in_the_manager_s_pack_and_not_in_a_scrutiny_member_s(lincs_data, manager, scrutiny, council):
    url = reverse("council-report", args=[council.gss_code])
    # As the pack writes the draft: a bare "155" could be an id.
    assert "155 of 220" in client_for(manager).get(url, today_query()).content.decode()
    scrutiny_html = client_for(scrutiny).get(url, today_query()).content.decode()
    assert "155 of 220" not in scrutiny_html
    assert "not yet approved" not in scrutiny_html


def test_signed_out_visitors_are_sent_to_sign_in(council):
    response = client_for(None).get(reverse("council-report", args=[council.gss_code]), JULY_2018)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_last_committee_after_the_figures_date_is_refused_beside_its_field(scrutiny, council):
    response = client_for(scrutiny).get(
        reverse("council-report", args=[council.gss_code]), pack_query(since_year="2019")
    )
    assert "The date of the last committee must be before the date of the figures" in response.content.decode()
    assert 'href="#id_since_day"' in response.content.decode()


def test_the_pack_page_reads_a_bounded_number_of_queries(lincs_data, scrutiny, council, django_assert_max_num_queries):
    client = client_for(scrutiny)
    url = reverse("council-report", args=[council.gss_code])
    client.get(url, JULY_2018)
    with django_assert_max_num_queries(40):
        assert client.get(url, JULY_2018).status_code == 200
