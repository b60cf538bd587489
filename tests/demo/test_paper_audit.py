"""The papers' figures as the papers state them (issue 13 rule 4, audited in fixtures/papers/README.md):
qualifiers kept, plans as targets at the paper's dates, no baseline the papers do not state."""

import datetime as dt

import pytest

from metrics.models import Reading
from metrics.selectors import Figure, metric_summary_list
from metrics.units import MeasureKind

pytestmark = pytest.mark.django_db

QUALIFIED = [
    ("leeds-lrpc-authorities-attended", "over 50"),
    ("leeds-lrpc-councils-attracted", "over 40%"),
    ("leeds-innovation-programme-funding-won", "over £14,000,000"),
    ("leeds-funding-secured-through-reform-status", "close to £20,000,000"),
    ("lincolnshire-caring2learn-conference-attendees", "over 270"),
    ("lincolnshire-diversionary-panel-cases-reviewed", "over 370"),
    ("lancashire-social-workers-accredited", "up to 150"),
    ("leicestershire-early-help-targeted-support", "over 800"),
    ("leicestershire-children-in-care-council-members", "about 28"),
]


@pytest.mark.parametrize(("slug", "shown"), QUALIFIED)
def test_a_qualified_figure_keeps_its_qualifier_published(papers, slug, shown):
    reading = Reading.objects.get(metric__slug=slug)
    assert reading.display_value == shown
    assert reading.as_published().display_value == shown


def test_signs_of_safety_has_no_baseline_the_paper_does_not_state(papers):
    assert not Reading.objects.filter(metric__slug="lincolnshire-sos-enhanced-trained", kind="baseline").exists()


def test_caring2learns_further_100_is_a_target_of_200_that_junes_100_does_not_meet(papers):
    readings = Reading.objects.filter(metric__slug="lincolnshire-caring2learn-restorative-practice-trained")
    target = readings.get(kind="target")
    assert (target.value, target.period_start, target.period_end) == (200, None, dt.date(2018, 10, 31))
    assert target.metric.kind == MeasureKind.CUMULATIVE
    figures = [Figure(r, r.value, r.status) for r in readings.select_related("metric")]
    (summary,) = metric_summary_list(figures=figures, benchmarks=[], today=dt.date(2026, 12, 3))
    assert summary.rag.status != "green"
    assert "target met" not in summary.rag.sentence


def test_lancashires_grow_your_own_12_is_a_plan_for_2019_20(papers):
    reading = Reading.objects.get(metric__slug="lancashire-grow-your-own-social-work-students")
    assert reading.kind == Reading.Kind.TARGET
    assert (reading.period_start, reading.period_end) == (dt.date(2019, 4, 1), dt.date(2020, 3, 31))


def test_the_11_ofsted_recommendations_are_made_not_addressed(papers):
    reading = Reading.objects.select_related("metric").get(metric__slug="lancashire-ofsted-recommendations")
    assert "addressed by" not in reading.metric.name
    assert reading.metric.name == "Recommendations made by Ofsted's June 2018 re-inspection"


def test_a_database_loaded_before_the_audit_loses_the_withdrawn_figures(papers):
    from pipdash.demo.loaders.papers import load_papers
    from programmes.models import SourceDocument

    paper = SourceDocument.objects.get(key="lincs-pip-update-2018-07-20")
    sos = Reading.objects.get(metric__slug="lincolnshire-sos-enhanced-trained", kind="actual")
    invented = Reading.objects.create(
        metric=sos.metric, council=sos.council, project=sos.project, kind="baseline", value=0,
        period_end=dt.date(2016, 4, 1), source_document=paper, status="approved", published_value=0,
    )
    assert load_papers()["withdrawn paper readings"] == 1
    assert not Reading.objects.filter(pk=invented.pk).exists()
    assert "withdrawn paper readings" not in load_papers()
