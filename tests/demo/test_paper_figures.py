"""A sample of figures from each of the five papers: value, unit, kind, period and source, as the paper states."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Reading
from programmes.models import Funding, Participation, SourceDocument
from projects.models import Project

LINCS_2018 = "lincs-pip-update-2018-07-20"
LINCS_2020 = "lincs-pip-minutes-2020"
LEEDS = "leeds-innovation-pip-update-2018-07-25"
LANCS = "lancs-getting-to-good-2019-04-10"
LEICS = "leics-self-evaluation-2018"
PAPERS = [LINCS_2018, LINCS_2020, LEEDS, LANCS, LEICS]


def day(text):
    return dt.date.fromisoformat(text) if text else None


# document, metric, project, kind, value, unit, period start, period end ("as at" when start is None)
# fmt: off
FIGURES = [
    (LINCS_2018, "lincolnshire-sos-two-day-trained", "signs-of-safety", "actual", "1120", "count", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-sos-enhanced-trained", "signs-of-safety", "actual", "155", "count", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-sos-enhanced-trained", "signs-of-safety", "target", "220", "count", None, "2019-03-31"),
    (LINCS_2018, "lincolnshire-restorative-practice-frontline-trained", "signs-of-safety", "actual",
     "152", "count", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-first-time-entrants-change", "risky-behaviours-youth-offending", "actual",
     "-22", "percent_change", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-simple-youth-cautions-change", "risky-behaviours-youth-offending", "actual",
     "-90", "percent_change", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-diversionary-panel-cases-reviewed", "risky-behaviours-youth-offending", "actual",
     "370", "count", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-caring2learn-schools", "caring2learn", "baseline", "6", "count", None, "2017-09-30"),
    (LINCS_2018, "lincolnshire-caring2learn-schools", "caring2learn", "actual", "60", "count", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-caring2learn-restorative-practice-trained", "caring2learn", "target",
     "200", "count", None, "2018-10-31"),
    (LINCS_2018, "lincolnshire-staff-turnover", "workforce-development", "actual",
     "7.3", "percent", None, "2018-07-20"),
    (LINCS_2018, "lincolnshire-nqsw-recruited", "workforce-development", "actual",
     "24", "count", "2018-01-01", "2018-07-20"),
    (LINCS_2018, "lincolnshire-las-supported-signs-of-safety", "improvement-offer", "actual",
     "43", "count", None, "2018-07-20"),
    (LINCS_2020, "lincolnshire-future4me-reoffending-difference", "risky-behaviours-youth-offending", "actual",
     "-11", "pp", None, "2020-04-01"),
    (LINCS_2020, "lincolnshire-las-worked-with-during-pip", "improvement-offer", "actual",
     "34", "count", None, "2020-03-31"),
    (LEEDS, "leeds-innovation-programme-funding-won", None, "actual", "14000000", "gbp", None, "2018-07-25"),
    (LEEDS, "leeds-res-team-clusters", "res-teams", "actual", "7", "count", None, "2018-07-25"),
    (LEEDS, "leeds-rethink-facilitators", "rethink", "actual", "6", "count", None, "2018-07-25"),
    (LEEDS, "leeds-futures-cases-opened", "futures", "actual", "7", "count", "2018-03-01", "2018-07-25"),
    (LEEDS, "leeds-lrpc-tier-one-events", "leeds-relational-practice-centre", "actual",
     "11", "count", "2017-10-01", "2018-07-25"),
    (LEEDS, "leeds-lrpc-authorities-attended", "leeds-relational-practice-centre", "actual",
     "50", "count", None, "2018-07-25"),
    (LEEDS, "leeds-lrpc-councils-attracted", "leeds-relational-practice-centre", "actual",
     "40", "percent", "2017-07-26", "2018-07-25"),
    (LANCS, "lancashire-ofsted-recommendations", None, "actual", "11", "count", None, "2019-04-10"),
    (LANCS, "lancashire-getting-to-good-board-review-weeks", None, "actual", "6", "number", None, "2019-04-10"),
    (LANCS, "lancashire-grow-your-own-social-work-students", "recruitment-and-retention", "target",
     "12", "count", "2019-04-01", "2020-03-31"),
    (LANCS, "lancashire-social-workers-accredited", "national-accreditation", "target",
     "150", "count", "2019-04-01", "2020-03-31"),
    (LANCS, "lancashire-social-workers-accredited-share", "national-accreditation", "target",
     "100", "percent", None, "2020-12-31"),
    (LEICS, "leicestershire-early-help-assessments", "early-help-review", "actual",
     "2100", "count", "2018-06-01", "2018-08-31"),
    (LEICS, "leicestershire-families-sustaining-change", "early-help-review", "actual",
     "67", "percent", None, "2018-11-01"),
    (LEICS, "leicestershire-early-help-social-care-involvement", "early-help-review", "baseline",
     "68", "percent", None, "2018-11-01"),
    (LEICS, "leicestershire-early-help-social-care-involvement", "early-help-review", "actual",
     "33", "percent", None, "2018-11-01"),
    (LEICS, "leicestershire-early-help-budget-reduction", "early-help-review", "target",
     "1500000", "gbp", None, "2019-04-01"),
    (LEICS, "leicestershire-placement-stability", "care-leavers-and-permanence", "actual",
     "8", "percent", None, "2018-11-01"),
    (LEICS, "leicestershire-adoption-scorecard-a1", "care-leavers-and-permanence", "actual",
     "457", "days", None, "2018-09-30"),
    (LEICS, "leicestershire-adoption-scorecard-a2", "care-leavers-and-permanence", "actual",
     "170", "days", None, "2018-09-30"),
    (LEICS, "leicestershire-social-work-apprenticeships", "routes-into-social-work", "target",
     "6", "count", "2019-03-01", "2019-03-31"),
    (LEICS, "leicestershire-frontline-participants-qualifying", "routes-into-social-work", "target",
     "4", "count", "2019-08-01", "2019-08-31"),
    (LEICS, "leicestershire-children-in-care-council-members", None, "actual", "28", "count", None, "2018-11-01"),
]
# fmt: on


@pytest.mark.parametrize(("document", "metric", "project", "kind", "value", "unit", "start", "end"), FIGURES)
def test_paper_figure_is_loaded_as_stated(db, papers, document, metric, project, kind, value, unit, start, end):
    reading = Reading.objects.select_related("metric", "project", "source_document", "council").get(
        metric__slug=metric, kind=kind, period_start=day(start), period_end=day(end)
    )

    assert reading.value == Decimal(value)
    assert reading.metric.unit == reading.unit == unit
    assert reading.source_document.key == document
    assert reading.council == reading.source_document.council
    assert (reading.project.slug if reading.project else None) == project
    assert reading.source_quote and reading.source_location


@pytest.mark.parametrize("document", PAPERS)
def test_each_paper_contributes_figures(db, papers, document):
    figures = [row for row in FIGURES if row[0] == document]
    assert Reading.objects.filter(source_document__key=document).count() >= len(figures) >= 2


@pytest.mark.parametrize("document", [LINCS_2018, LEEDS, LANCS, LEICS])
def test_each_full_paper_has_at_least_five_sampled_figures(document):
    assert len([row for row in FIGURES if row[0] == document]) >= 5


def test_long_papers_state_at_least_fifteen_figures(db, papers):
    for document in (LINCS_2018, LEEDS, LEICS):
        assert Reading.objects.filter(source_document__key=document).count() >= 15, document


def test_changes_are_kept_as_stated_with_what_they_are_compared_with(db, papers):
    entrants = Reading.objects.get(metric__slug="lincolnshire-first-time-entrants-change")
    reoffending = Reading.objects.get(metric__slug="lincolnshire-future4me-reoffending-difference")

    assert entrants.display_value == "22% reduction"
    assert entrants.metric.kind == "change" and entrants.metric.direction == "lower"
    assert "July 2017" in entrants.metric.compared_with
    assert reoffending.display_value == "\u221211 percentage points"
    assert "comparison group" in reoffending.metric.compared_with


def test_turnover_has_the_national_average_as_an_england_benchmark(db, papers):
    turnover = Reading.objects.get(metric__slug="lincolnshire-staff-turnover")
    benchmark = turnover.metric.benchmarks.get()

    assert benchmark.area == "england"
    assert benchmark.value == Decimal("16")
    assert benchmark.period_end == dt.date(2018, 7, 20)
    assert benchmark.source_document.key == LINCS_2018


def test_the_2020_minutes_give_pip_funding_participation_and_closures(db, papers):
    funding = Funding.objects.get(source_document__key=LINCS_2020)
    joined = Participation.objects.get(programme__slug="partners-in-practice", council__gss_code="E10000019")
    statuses = dict(Project.objects.filter(council__gss_code="E10000019").values_list("slug", "status"))

    assert funding.amount == Decimal("1207908.00")
    assert isinstance(funding.amount, Decimal)
    assert funding.financial_year == "2020/21"
    assert funding.council.gss_code == "E10000019"
    assert (joined.joined_on, joined.joined_precision, joined.joined_label) == (dt.date(2016, 1, 1), "year", "2016")
    assert joined.source_document.key == LINCS_2020
    assert joined.programme.ends_on == dt.date(2020, 3, 31)
    assert statuses == {
        "signs-of-safety": "sustained",
        "early-help-social-care-interface": "sustained",
        "risky-behaviours-youth-offending": "continued",
        "caring2learn": "continued",
        "workforce-development": "sustained",
        "improvement-offer": "continued",
    }


def test_leeds_funding_in_2017_is_approximate_pounds(db, papers):
    funding = Funding.objects.get(source_document__key=LEEDS)

    assert funding.amount == Decimal("9600000.00")
    assert funding.is_approximate
    assert (funding.received_on.year, funding.received_precision) == (2017, "year")
    assert funding.programme.slug == "innovation-programme"


def test_source_documents_carry_their_body_date_and_file(db, papers):
    documents = {d.key: d for d in SourceDocument.objects.filter(key__in=PAPERS)}

    assert documents[LINCS_2018].body == "Children and Young People Scrutiny Committee"
    assert documents[LINCS_2018].published_on == dt.date(2018, 7, 20)
    assert documents[LEEDS].body == "Executive Board"
    assert documents[LANCS].date_label == "10 April 2019"
    assert documents[LEICS].published_precision == "season"
    assert documents[LEICS].date_label == "Autumn 2018"
    assert documents[LINCS_2020].date_label == "2020"
    assert {d.file_name for d in documents.values()} == {
        "000_5573525e5538c299.txt",
        "001_5ffd76931d4b63c3.txt",
        "002_ae59661eb18168d1.txt",
        "003_978a30713bbd3f5d.txt",
        "004_0c58d18dfcc19434.txt",
    }
