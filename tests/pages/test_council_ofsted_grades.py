"""The council page reads its Ofsted judgements and their area grades in one query (issue 20), as it showed them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pipdash.dashboards.council_background import _judgements_with_grades
from programmes.models import OfstedJudgement, OfstedSubJudgement
from tests.factories import OfstedJudgementFactory

pytestmark = pytest.mark.django_db


def test_each_judgement_keeps_its_own_grades_newest_first_in_one_query(council):
    older = OfstedJudgementFactory(council=council, inspected_on=dt.date(2017, 3, 1), published_on=dt.date(2017, 4, 1))
    newer = OfstedJudgementFactory(council=council, inspected_on=dt.date(2021, 3, 1), published_on=dt.date(2021, 4, 1))
    for area, grade in (("Adoption", OfstedJudgement.Grade.GOOD), ("Leadership", OfstedJudgement.Grade.OUTSTANDING)):
        OfstedSubJudgement.objects.create(judgement=older, area=area, grade=grade)
    with CaptureQueriesContext(connection) as asked:
        judgements = _judgements_with_grades([council.pk])
        grades = {j.pk: [str(s) for s in j.sub_judgements.all()] for j in judgements}
    assert len(asked.captured_queries) == 1
    assert [j.pk for j in judgements] == [newer.pk, older.pk]
    expected = {j.pk: [str(s) for s in j.sub_judgements.all()] for j in OfstedJudgement.objects.all()}
    assert grades == expected == {newer.pk: [], older.pk: ["Adoption: Good", "Leadership: Outstanding"]}
    # A further question of the grades is asked of the database, as a prefetched manager's would be.
    assert older.sub_judgements.filter(area="Adoption").count() == 1
    assert judgements[1].sub_judgements.filter(area="Adoption").count() == 1
