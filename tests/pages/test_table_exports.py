"""Table downloads hold plain values: numbers as numbers, names without markup."""

import csv
import io
from decimal import Decimal

from metrics.units import export_number
from tests.conftest import client_for
from tests.factories import OfstedJudgementFactory, ParticipationFactory, ProgrammeFactory


def test_export_numbers_are_plain():
    assert export_number(Decimal("181.0000")) == 181
    assert export_number(Decimal("7.3000")) == 7.3
    assert export_number(Decimal("1E+3")) == 1000
    assert export_number(None) == ""


def test_programme_table_csv_has_names_and_numbers_not_markup(scrutiny, council):
    programme = ProgrammeFactory()
    ParticipationFactory(council=council, programme=programme)
    response = client_for(scrutiny).get(f"/programmes/{programme.slug}/?_export=csv&_table=councils")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Council"] == "Lincolnshire"
    assert "<a" not in response.content.decode()


def test_ofsted_table_csv_has_the_grade_not_a_link(scrutiny, council):
    OfstedJudgementFactory(council=council, report_url="https://reports.ofsted.gov.uk/provider/44/925")
    response = client_for(scrutiny).get(f"/councils/{council.gss_code}/?_export=csv&_table=ofsted")
    assert response.status_code == 200
    assert "<a" not in response.content.decode()
    assert "Good" in response.content.decode()
