"""Council identity: a row belongs to the council that held its code for any part of the period, and a
council replaced by exactly one other carries on in its successor's series. Real councils from fixtures/."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Reading
from metrics.official.councils import CouncilDirectory, CouncilRecord
from metrics.official.importer import MetricSpec, Publication, ees_file_import
from metrics.official.periods import PeriodRule

pytestmark = pytest.mark.django_db
D = dt.date
HEADER = "time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,rate"


def _import(*rows, rule=None):
    content = ("\n".join([HEADER, "2018,Calendar year,National,E92000001,,,,,5", *rows]) + "\n").encode()
    return ees_file_import(
        data=content,
        publication=Publication(key="test", title="Test statistics"),
        indicator="rate",
        rule=rule,
        metric=MetricSpec(unit="percent"),
    )


def _stored():
    return {(r.council.gss_code, r.period_end.year): r.value for r in Reading.objects.select_related("council")}


def test_recoded_councils_old_codes_fill_the_live_councils_series(all_councils):
    report = _import(
        "2018,Reporting year,Local authority,E92000001,E12000003,370,E08000016,Barnsley,7.5",
        "2024,Reporting year,Local authority,E92000001,E12000003,373,E08000019,Sheffield,8.5",
        "2025,Reporting year,Local authority,E92000001,E12000003,370,E08000038,Barnsley,9.5",
        rule=PeriodRule.parse(as_at="09-30"),
    )
    assert _stored() == {("E08000038", 2018): 7.5, ("E08000039", 2024): 8.5, ("E08000038", 2025): 9.5}
    assert any("replaced by Barnsley (E08000038)" in line for line in report.boundary_changes)


@pytest.mark.parametrize(
    ("old", "new", "dfe", "name"),
    [("E10000023", "E06000065", "815", "North Yorkshire"), ("E10000027", "E06000066", "933", "Somerset")],
)
def test_a_county_become_unitary_is_one_series_under_either_code(all_councils, old, new, dfe, name):
    _import(
        f"2021,Reporting year,Local authority,E92000001,,{dfe},{new},{name},6",
        f"2022,Reporting year,Local authority,E92000001,,{dfe},{old},{name},7",
        f"2023,Reporting year,Local authority,E92000001,,{dfe},{new},{name},8",
        rule=PeriodRule.parse(as_at="09-30"),
    )
    assert _stored() == {(new, 2021): 6, (new, 2022): 7, (new, 2023): 8}


def test_buckinghamshire_2017_to_2019_goes_to_the_unitary(all_councils):
    _import(
        "2017,Reporting year,Local authority,E92000001,,825,E06000060,Buckinghamshire,6",
        "2019,Reporting year,Local authority,E92000001,,825,E10000002,Buckinghamshire,7",
        rule=PeriodRule.parse(as_at="09-30"),
    )
    assert _stored() == {("E06000060", 2017): 6, ("E06000060", 2019): 7}


def test_a_council_abolished_during_the_year_keeps_that_years_figure(all_councils):
    # Northamptonshire ended 31 March 2021, within 2020/21; it split in two, so it is not carried on.
    report = _import(
        "202021,Academic year,Local authority,E92000001,,928,E10000021,Northamptonshire,4.5",
        "202021,Academic year,Local authority,E92000001,,940,E06000061,North Northamptonshire,4.6",
        "201819,Academic year,Local authority,E92000001,,837,E06000028,Bournemouth,3.1",
        "201819,Academic year,Local authority,E92000001,,836,E06000029,Poole,3.2",
    )
    assert _stored() == {
        ("E10000021", 2021): Decimal("4.5"),
        ("E06000061", 2021): Decimal("4.6"),
        ("E06000028", 2019): Decimal("3.1"),
        ("E06000029", 2019): Decimal("3.2"),
    }
    assert not report.errors


def test_dorset_county_2018_19_joins_the_new_dorset_unless_new_dorset_has_its_own_row(all_councils):
    report = _import(
        "201819,Academic year,Local authority,E92000001,,835,E10000009,Dorset,3.3",
        "201819,Academic year,Local authority,E92000001,,838,E06000059,Dorset,3.4",
        "201718,Academic year,Local authority,E92000001,,835,E10000009,Dorset,3.5",
    )
    assert _stored() == {("E06000059", 2019): Decimal("3.4"), ("E06000059", 2018): Decimal("3.5")}
    assert any("line 3: skipped, because line 4 gives Dorset" in line for line in report.boundary_changes)


def test_a_row_for_a_council_gone_before_the_period_is_a_warning_not_a_refusal(all_councils):
    # Cumbria ended 31 March 2023, before 2023/24 began, and split in two: nobody carries its figure.
    report = _import(
        "202324,Academic year,Local authority,E92000001,,909,E10000006,Cumbria,5.1",
        "202324,Academic year,Local authority,E92000001,,925,E10000019,Lincolnshire,5.2",
    )
    assert _stored() == {("E10000019", 2024): Decimal("5.2")}
    assert "Cumbria (E10000006) did not operate in" in report.warnings[0] and "skipped" in report.warnings[0]
    assert any(line.startswith("  warning: ") for line in report.lines())


def test_a_dfe_number_held_by_old_and_new_codes_in_the_year_of_a_recode_is_one_council():
    old = CouncilRecord("old", "E08000016", "370", "Barnsley", D(2009, 1, 1), D(2025, 4, 30), ("E08000038",))
    new = CouncilRecord("new", "E08000038", "370", "Barnsley", D(2025, 5, 1), None)
    directory = CouncilDirectory([old, new])
    assert directory.match(new_la_code="", old_la_code="370", on=D(2025, 8, 31), start=D(2024, 9, 1)) == (new, "")
    record, note = directory.match(new_la_code="E08000016", old_la_code="370", on=D(2019, 3, 31), start=None)
    assert record == new and "replaced by Barnsley (E08000038)" in note
