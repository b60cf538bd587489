"""Codes to councils: the period decides which council a DfE number meant."""

import datetime as dt

import pytest

from metrics.official.councils import CombinedArea, CouncilDirectory, CouncilMatchError, CouncilRecord

D = dt.date
OLD_BARNSLEY = CouncilRecord("old", "E08000016", "370", "Barnsley", D(2009, 1, 1), D(2025, 4, 30))
NEW_BARNSLEY = CouncilRecord("new", "E08000038", "370", "Barnsley", D(2025, 5, 1), None)
OLD_NORTH_YORKS = CouncilRecord("ny-old", "E10000023", "815", "North Yorkshire", D(2009, 1, 1), D(2023, 3, 31))
NEW_NORTH_YORKS = CouncilRecord("ny-new", "E06000065", "815", "North Yorkshire", D(2023, 4, 1), None)
DIRECTORY = CouncilDirectory([OLD_BARNSLEY, NEW_BARNSLEY, OLD_NORTH_YORKS, NEW_NORTH_YORKS])


@pytest.mark.parametrize(
    ("gss", "dfe", "on", "expected"),
    [
        ("E08000016", "370", D(2024, 9, 30), OLD_BARNSLEY),
        ("E08000038", "370", D(2025, 9, 30), NEW_BARNSLEY),
        ("", "370", D(2018, 9, 30), OLD_BARNSLEY),
        ("", "370", D(2025, 9, 30), NEW_BARNSLEY),
        ("", "815", D(2022, 9, 30), OLD_NORTH_YORKS),
        ("", "815", D(2023, 9, 30), NEW_NORTH_YORKS),
    ],
)
def test_the_council_operating_at_the_period_is_chosen(gss, dfe, on, expected):
    assert DIRECTORY.match(new_la_code=gss, old_la_code=dfe, on=on) == (expected, "")


def test_a_new_code_on_an_old_figure_is_kept_with_the_council_of_the_time_and_reported():
    record, note = DIRECTORY.match(new_la_code="E08000038", old_la_code="370", on=D(2018, 9, 30))
    assert record == OLD_BARNSLEY
    assert "did not operate on 30 September 2018" in note and "E08000016" in note


@pytest.mark.parametrize(
    ("gss", "dfe", "message"),
    [
        ("E09999999", "", "no council has the GSS code E09999999"),
        ("", "999", "no council has the DfE number 999"),
        ("E08000016", "383", "has DfE number 370, not 383"),
        ("", "", "neither a GSS code nor a DfE number"),
    ],
)
def test_unknown_or_contradictory_codes_are_refused(gss, dfe, message):
    with pytest.raises(CouncilMatchError, match=message):
        DIRECTORY.match(new_la_code=gss, old_la_code=dfe, on=D(2018, 9, 30))


def test_a_number_shared_by_two_councils_at_once_is_not_guessed():
    overlapping = CouncilDirectory([OLD_BARNSLEY, CouncilRecord("x", "E08000099", "370", "Twin", D(2018, 1, 1))])
    with pytest.raises(CouncilMatchError, match="more than one council"):
        overlapping.match(new_la_code="", old_la_code="370", on=D(2019, 1, 1))


def test_combined_rows_are_not_matched():
    with pytest.raises(CombinedArea):
        DIRECTORY.match(new_la_code="E06000061 / E06000062", old_la_code="940 / 941", on=D(2025, 9, 30))
