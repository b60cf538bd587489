import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from pipdash.demo.loaders.councils import load_councils, load_ofsted
from programmes.models import Council, OfstedJudgement


@pytest.fixture
def councils(db):
    load_councils()


def test_all_153_live_english_councils_load_with_codes_and_regions(councils):
    live = Council.objects.live()
    assert live.count() == 153
    lincolnshire = Council.objects.get(gss_code="E10000019")
    assert (lincolnshire.name, lincolnshire.dfe_number, lincolnshire.kind) == ("Lincolnshire", "925", "county")
    assert lincolnshire.region.name == "East Midlands"
    assert Council.objects.get(gss_code="E08000035").name == "Leeds"


def test_terminated_councils_are_kept_with_their_successors(councils):
    northamptonshire = Council.objects.get(gss_code="E10000021")
    assert northamptonshire.operational_to == dt.date(2021, 3, 31)
    assert sorted(c.name for c in northamptonshire.successors.all()) == [
        "North Northamptonshire",
        "West Northamptonshire",
    ]
    old_barnsley = Council.objects.get(gss_code="E08000016")
    assert [c.gss_code for c in old_barnsley.successors.all()] == ["E08000038"]
    assert {c.name for c in Council.objects.get(gss_code="E10000006").successors.all()} == {
        "Cumberland",
        "Westmorland and Furness",
    }


def test_operating_on_picks_the_council_that_existed_then(councils):
    in_2019 = Council.objects.operating_on(dt.date(2019, 6, 1)).filter(dfe_number="815")
    assert [c.gss_code for c in in_2019] == ["E10000023"]
    in_2024 = Council.objects.operating_on(dt.date(2024, 6, 1)).filter(dfe_number="815")
    assert [c.gss_code for c in in_2024] == ["E06000065"]


def test_ofsted_history_attaches_to_the_council_inspected(councils):
    load_ofsted()
    assert OfstedJudgement.objects.filter(framework="ilacs").count() == 271
    barnsley_2023 = OfstedJudgement.objects.get(council__gss_code="E08000016", inspected_on=dt.date(2023, 9, 11))
    assert barnsley_2023.council.operational_to == dt.date(2025, 4, 30)
    first = OfstedJudgement.objects.filter(council__gss_code="E06000001").order_by("inspected_on").first()
    assert first.get_overall_effectiveness_display() == "Good"
    assert {s.area for s in first.sub_judgements.all()} >= {"The experiences and progress of children in care"}


def test_every_live_council_has_an_ilacs_judgement(councils):
    load_ofsted()
    without = Council.objects.live().exclude(ofsted_judgements__framework="ilacs")
    # Councils created after a predecessor's last inspection may not have been inspected yet.
    assert without.count() <= 10


def test_load_demo_twice_changes_nothing_and_leaves_other_data_alone(db):
    from tests.factories import CouncilFactory, MetricFactory

    mine = CouncilFactory(gss_code="E06999999", name="Test council")
    MetricFactory(slug="my-own-metric")
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    mine.refresh_from_db()
    assert mine.name == "Test council"


def _counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("programmes", "projects", "metrics", "auth")
        and not model._meta.label.endswith("Historical" + model.__name__.replace("Historical", ""))
        and not model.__name__.startswith("Historical")
    }
