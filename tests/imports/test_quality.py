"""The import's indexed quality context answers exactly as the shared one does, only faster."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.imports.quality import ImportQualityContext, StandIn
from metrics.models import Reading
from metrics.validation import QualityContext
from tests.factories import ReadingFactory


@pytest.fixture
def history(council, metrics, projects):
    trained = metrics["trained"]
    for day, value, kind in [(1, 100, "actual"), (2, 120, "actual"), (3, 90, "actual"), (4, 300, "target"),
                             (5, 80, "baseline"), (6, 130, "actual")]:
        ReadingFactory(metric=trained, council=council, project=projects["sos"], unit="count", kind=kind,
                       value=Decimal(value), period_end=dt.date(2018, day, 1))
    ReadingFactory(metric=trained, council=council, project=None, unit="count", value=Decimal(5000),
                   period_end=dt.date(2018, 7, 1))
    return trained


def test_the_index_gives_the_shared_rules_the_same_readings(council, history, projects):
    shared = QualityContext.for_council(council=council, metrics=[history])
    indexed = ImportQualityContext.for_council(council=council, metrics=[history])
    extra = StandIn(id=-9, metric_id=history.pk, project_id=projects["sos"].pk, kind="actual", value=Decimal(125),
                    period_start=None, period_end=dt.date(2018, 5, 15))
    shared.add(extra)
    indexed.add(extra)
    excluded = [None, -9, Reading.objects.first().pk]
    answers = []
    for project in (None, projects["sos"], projects["sos"].pk):
        for kind in ("actual", "target", "baseline"):
            for value in (Decimal(0), Decimal(95), Decimal(110), Decimal(10000)):
                for month in (1, 3, 6, 12):
                    for exclude in excluded:
                        day = dt.date(2018, month, 2)
                        warnings = shared.quality_warnings(history, project, kind, value, day, exclude_pk=exclude)
                        assert indexed.quality_warnings(
                            history, project, kind, value, day, exclude_pk=exclude
                        ) == warnings
                        answers.append(bool(warnings))
                        assert indexed.baseline_date_errors(
                            history, project, kind, None, day, exclude_pk=exclude
                        ) == shared.baseline_date_errors(history, project, kind, None, day, exclude_pk=exclude)
    assert any(answers) and not all(answers)
