"""The RAG from the few readings picked in the database equals the RAG from every reading."""

import datetime as dt
import random
from decimal import Decimal

from django.db.models import OuterRef, Q

from metrics.models import Metric, Reading
from metrics.picks import annotate_picks, picked_ids, shown_readings
from metrics.selectors import project_rags, visible_readings
from programmes.access import access_for
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
