"""The RAG from the few readings picked in the database equals the RAG from every reading."""

import datetime as dt
import random
from decimal import Decimal

from django.db.models import OuterRef, Q

from metrics.models import Metric, Reading
from metrics.picks import annotate_picks, picked_ids, shown_readings
from metrics.selectors import council_metric_summaries, project_rags, visible_readings
from metrics.summaries import council_page_summaries
from metrics.units import Direction, Unit
from programmes.access import access_for
from tests.factories import MetricFactory
from tests.pages.conftest import _reading, build_programme_data


def _rags(readings, access, council):
    return {
        k: (v.status, v.sentence) if v else None
        for k, v in project_rags(
            readings=readings, access=access, councils=[council], today=dt.date(2019, 1, 1)
        ).items()
    }


def test_picked_readings_give_the_same_rag_as_every_reading(council, manager, scrutiny):
    _, projects = build_programme_data(council, workstreams=1, projects=6, metrics=2, readings=6)
    rng = random.Random(4)
    extra = []
    for project in projects:
        for metric in project.metrics.all():
            common = {"metric": metric, "council": council, "project": project, "source_document": None}
            # Several targets and baselines around the actuals, some after them, some before.
            for _ in range(rng.randint(0, 4)):
                kind = rng.choice([Reading.Kind.TARGET, Reading.Kind.BASELINE])
                on = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
                extra.append(_reading(common, kind, rng.randint(0, 300), on))
    # A measure with targets and a baseline but no figure yet: its RAG names the first target.
    waiting = MetricFactory(council=council, project=projects[0], unit=Unit.COUNT, direction=Direction.HIGHER)
    common = {"metric": waiting, "council": council, "project": projects[0], "source_document": None}
    extra += [
        _reading(common, Reading.Kind.BASELINE, 5, dt.date(2017, 1, 1)),
        _reading(common, Reading.Kind.TARGET, 90, dt.date(2020, 1, 1)),
        _reading(common, Reading.Kind.TARGET, 60, dt.date(2019, 1, 1)),
    ]
    Reading.objects.bulk_create(extra)
    Reading.objects.filter(pk__in=[r.pk for r in Reading.objects.filter(kind="actual")[::5]]).update(
        status=Reading.Status.DRAFT, published_value=None, value=Decimal("7")
    )
    ids = [p.pk for p in projects]
    for user in (manager, scrutiny):
        access = access_for(user)
        every = visible_readings(access=access, councils=[council]).filter(Q(metric__project_id__in=ids))
        outer = annotate_picks(
            Metric.objects.filter(project_id__in=ids).order_by(),
            shown=shown_readings(access=access, council_ids=[council.pk]),
            council=OuterRef("council_id"),
            metric=OuterRef("pk"),
        )
        few = Reading.objects.filter(pk__in=picked_ids(outer))
        assert few.count() < every.count()
        assert _rags(few, access, council) == _rags(every, access, council)


def test_the_council_page_judges_each_measure_as_from_every_figure(council, manager, scrutiny):
    _, projects = build_programme_data(council, workstreams=1, projects=2, metrics=2, readings=5)
    waiting = MetricFactory(council=council, project=projects[0], unit=Unit.COUNT, direction=Direction.HIGHER)
    common = {"metric": waiting, "council": council, "project": projects[0], "source_document": None}
    Reading.objects.bulk_create(
        [
            _reading(common, Reading.Kind.TARGET, 90, dt.date(2020, 1, 1)),
            _reading(common, Reading.Kind.TARGET, 60, dt.date(2019, 1, 1)),
        ]
    )
    for user in (manager, scrutiny):
        access = access_for(user)
        few, _ = council_page_summaries(access=access, council=council, today=dt.date(2019, 1, 1))
        every, _ = council_metric_summaries(access=access, council=council, today=dt.date(2019, 1, 1))
        assert [(s.metric.pk, s.rag, s.latest and s.latest.value) for s in few] == [
            (s.metric.pk, s.rag, s.latest and s.latest.value) for s in every
        ]
        assert [[d.pk for d in s.sources] for s in few] == [[d.pk for d in s.sources] for s in every]
    assert "No figure yet: target 60 by 1 January 2019" in next(s for s in few if s.metric == waiting).rag.sentence


def test_the_programme_overview_judges_each_project_as_from_every_reading(council, manager, scrutiny):
    """The overview's own path (the picks, then metrics/judging.py) against the council page's judgement of
    every figure."""
    from metrics.rag import worst
    from pipdash.dashboards.programme_rags import judged_measures

    _, projects = build_programme_data(council, workstreams=1, projects=4, metrics=2, readings=6)
    Reading.objects.filter(pk__in=[r.pk for r in Reading.objects.filter(kind="actual")[::4]]).update(
        status=Reading.Status.DRAFT, published_value=None, value=Decimal("7")
    )
    ids = [p.pk for p in projects]
    for user in (manager, scrutiny):
        access = access_for(user)
        judged = judged_measures(access=access, councils=[council], project_ids=ids, today=dt.date(2019, 1, 1))
        overview = {
            pk: worst(m.rag for m in judged.get(council.pk, []) if m.project_id == pk)
            for pk in {m.project_id for m in judged.get(council.pk, [])}
        }
        # The council page's judgement of every figure (metric_summary_list), measure by measure.
        summaries, _ = council_metric_summaries(access=access, council=council, today=dt.date(2019, 1, 1))
        page = {
            pk: worst(s.rag for s in summaries if s.project_id == pk)
            for pk in {s.project_id for s in summaries if s.actuals or s.targets}
        }
        said = {k: (v.status, v.sentence) if v else None for k, v in overview.items()}
        assert said == {k: (v.status, v.sentence) if v else None for k, v in page.items() if k in ids}
