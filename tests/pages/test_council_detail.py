"""The council page: programmes, funding, Ofsted, partnerships, workstreams with RAG, charts; by role."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import Metric
from tests.conftest import client_for
from tests.factories import CouncilFactory
from tests.pages.conftest import build_programme_data

SIGNED_IN = ["manager", "approver", "scrutiny", "other_manager", "adviser", "admin_user"]
# The session, the user and their roles, then the page: a fixed number whatever the data
# (one of them reads the successor links, so a recoded council's page shows its whole series).
# Issue 14 adds one for each measure's previous comparable figure and ten for "changes since" (the
# previous committee date, the measures touched since, their figures now and then, benchmarks,
# milestones, updates, risks): fixed, whatever the data.
QUERY_BOUND = 34


def url(council):
    return reverse("council-detail", kwargs={"gss_code": council.gss_code})


def latest_values(response):
    page = response.context["page"]
    return {f.value for f in page.figures}


@pytest.mark.parametrize("persona", SIGNED_IN, indirect=True)
def test_every_signed_in_user_reads_the_approved_figures(persona, council, lincs_data):
    response = client_for(persona).get(url(council))
    assert response.status_code == 200
    page = response.context["page"]
    assert [p.project.name for p in page.workstreams[0].projects] == [p.name for p in lincs_data[1]]
    assert {Decimal(20), Decimal(40), Decimal(60)} <= latest_values(response)
    assert response.context["charts"], "the key measure is charted"


def test_a_signed_out_visitor_is_sent_to_sign_in(council, lincs_data):
    response = client_for(None).get(url(council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "sees_draft"),
    [
        ("manager", True),
        ("approver", True),
        ("scrutiny", False),
        ("other_manager", False),
        ("adviser", False),
        ("admin_user", False),
    ],
    indirect=["persona"],
)
def test_drafts_are_seen_only_by_the_councils_managers_and_approvers(persona, sees_draft, council, lincs_data):
    response = client_for(persona).get(url(council))
    assert (Decimal(155) in latest_values(response)) is sees_draft
    page = response.context["page"]
    assert page.has_drafts is sees_draft
    assert ("not yet approved" in response.content.decode()) is sees_draft


def test_a_draft_is_marked_with_its_status(manager, council, lincs_data):
    response = client_for(manager).get(url(council))
    summary = response.context["page"].workstreams[0].projects[0].metrics[0]
    assert summary.latest.value == Decimal(155)
    assert summary.latest.status_label == "Draft"
    assert '<strong class="app-status-draft">Draft</strong>' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "sees_risks"),
    [
        ("manager", True),
        ("approver", True),
        ("scrutiny", True),
        ("adviser", True),
        ("other_manager", False),
    ],
    indirect=["persona"],
)
def test_risks_are_seen_by_the_councils_users_and_advisers(persona, sees_risks, council, lincs_data):
    response = client_for(persona).get(url(council))
    open_risks = [p.open_risks for p in response.context["page"].workstreams[0].projects]
    assert open_risks == ([1, 1] if sees_risks else [None, None])
    assert ("risk log" in response.content.decode()) is sees_risks


def test_rag_is_shown_with_its_word_and_sentence(scrutiny, council, lincs_data):
    response = client_for(scrutiny).get(url(council))
    summary = response.context["page"].workstreams[0].projects[0].metrics[0]
    assert summary.rag.status == "amber"
    # Figures from 2017 are stale today, and say so (issue 13).
    assert summary.rag.sentence.startswith(
        "Amber, stale: 60 of 220 (27%) as at 29 December 2017, when 37% was expected"
    )
    html = response.content.decode()
    # Beside the badge the sentence does not say "Amber" again.
    assert '<strong class="app-rag app-rag--amber">Amber, stale</strong> 60 of 220 (27%) as at 29 December 2017' in html
    assert "stale</strong> Amber, stale:" not in html


def test_the_page_says_as_at_the_newest_figure_shown(scrutiny, manager, council, lincs_data):
    said = "Programme figures as at <strong>{}</strong>"
    assert said.format("29 December 2017") in client_for(scrutiny).get(url(council)).content.decode()
    assert said.format("20 July 2018") in client_for(manager).get(url(council)).content.decode()


def test_funding_ofsted_and_partnerships_are_shown(scrutiny, council, other_council, lincs_data):
    response = client_for(scrutiny).get(url(council))
    page = response.context["page"]
    assert page.funding_by_year == [("2020/21", Decimal("1207908.00"))]
    assert [p.supported for p in page.partnerships_given] == [other_council]
    html = response.content.decode()
    assert "£1,207,908" in html
    assert "Good" in html
    assert "Leeds" in html


def test_plotly_is_loaded_once_from_static_files_and_data_travels_as_json(scrutiny, council, lincs_data):
    html = client_for(scrutiny).get(url(council)).content.decode()
    assert html.count("vendor/plotly-basic-3.7.0.min.js") == 1
    assert html.count("js/charts.js") == 1
    chart = lincs_data[1][0].metrics.get()
    assert f'<script id="chart-{chart.slug}-data" type="application/json">' in html
    assert "<script>" not in html  # nothing inline
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in html


def test_a_council_with_no_figures_has_no_chart_script(scrutiny, other_council):
    response = client_for(scrutiny).get(url(other_council))
    assert response.status_code == 200
    assert response.context["charts"] == []
    assert "plotly-basic" not in response.content.decode()
    assert "No programme figures have been published yet." in response.content.decode()


def test_every_workstream_is_a_section_for_print_page_breaks(scrutiny, council, lincs_data):
    html = client_for(scrutiny).get(url(council)).content.decode()
    assert html.count('<section class="app-workstream"') == 1
    assert html.count('<figure class="app-figure"') == len(lincs_data[1][:1])


def test_the_official_figures_extension_point_is_rendered(scrutiny, council, lincs_data):
    response = client_for(scrutiny).get(url(council))
    assert "metrics/includes/official_figures.html" in [t.name for t in response.templates]


def test_a_table_downloads_as_csv_and_xlsx(scrutiny, council, lincs_data):
    response = client_for(scrutiny).get(url(council), {"_export": "csv", "_table": "funding"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Year or date", "Programme", "For", "Amount", "Source"]
    assert rows[1][3] == "1207908"
    response = client_for(scrutiny).get(url(council), {"_export": "xlsx", "_table": "ofsted"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.content[:2] == b"PK"


def test_tables_sort_and_say_so(scrutiny, council, lincs_data):
    html = client_for(scrutiny).get(url(council), {"ofsted-sort": "-inspected_on"}).content.decode()
    assert 'aria-sort="descending"' in html


def test_wrong_method_is_refused(scrutiny, council, lincs_data):
    assert client_for(scrutiny).post(url(council)).status_code == 405


def test_missing_council_is_404(scrutiny):
    assert client_for(scrutiny).get("/councils/E99999999/").status_code == 404


@pytest.mark.parametrize("scale", [1, 10])
def test_queries_are_bounded_whatever_the_amount_of_data(scale, manager, council, django_assert_max_num_queries):
    """Ten times the data (40 projects, 80 measures, about 1,000 figures) costs no more queries."""
    partner = CouncilFactory()
    build_programme_data(
        council,
        workstreams=scale if scale == 1 else 4,
        projects=1 if scale == 1 else 10,
        metrics=2,
        readings=12 if scale == 10 else 3,
        partner=partner,
    )
    client = client_for(manager)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(url(council))
    assert response.status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_with_no_key_measure_the_first_measures_are_charted_whole(
    scale, manager, council, django_assert_max_num_queries
):
    """The page fetches only each measure's newest figures, but a charted measure's whole series."""
    build_programme_data(council, workstreams=1, projects=scale, metrics=2, readings=12)
    Metric.objects.filter(council=council).update(is_key=False)
    client = client_for(manager)
    # One more than with key measures: the charted series are fetched once the page knows which they are.
    with django_assert_max_num_queries(QUERY_BOUND + 1):
        response = client.get(url(council))
    charts = response.context["charts"]
    assert len(charts) == min(2 * scale, 6)
    for chart in charts:
        assert len([row for row in chart.rows if row.series == "Actual"]) == 12


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("manager", True), ("scrutiny", True), ("adviser", True), ("other_manager", False)],
    indirect=["persona"],
)
def test_programme_risks_are_shown_to_the_councils_users_and_advisers(persona, sees, council):
    from tests.factories import ProgrammeFactory, RiskFactory

    RiskFactory(
        council=council, project=None, programme=ProgrammeFactory(), description="Recommendations not addressed",
        likelihood=None, impact=None,
    )
    html = client_for(persona).get(url(council)).content.decode()
    assert ("Recommendations not addressed" in html) is sees
    if sees:
        assert "Not scored" in html
