"""Open data: every approved figure as published, by measure, council or all England, at a stable
latest address and as a dated snapshot, with a metadata file in DfE's tidy-data shape."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from metrics import services
from metrics.models import Reading
from tests.api.conftest import token_client
from tests.conftest import client_for

EES_META_HEADER = (
    "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column"
)


def _rows(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_a_measures_latest_file_has_every_approved_figure_and_no_draft(world, draft, scrutiny):
    response = token_client(scrutiny).get(reverse("open-data-latest", args=["measures", "turnover-rate"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="pipdash-turnover-rate-latest.csv"' in response["Content-Disposition"]
    rows = _rows(response)
    assert [(r["new_la_code"], r["value"], r["time_period"]) for r in rows] == [
        ("E10000019", "15.5", "2024-09-30"), ("E08000035", "20", "2024-09-30"),
    ]  # fmt: skip
    first = rows[0]
    assert (first["geographic_level"], first["country_code"], first["la_name"]) == (
        "Local authority", "E92000001", "Lincolnshire",
    )  # fmt: skip
    assert (first["old_la_code"], first["unit"], first["kind"]) == ("925", "percent", "actual")


def test_the_councils_own_manager_gets_the_published_file_too(world, approved, draft, manager):
    Reading.objects.filter(pk=approved.pk).update(value=Decimal("99"), status="draft")
    rows = _rows(token_client(manager).get(reverse("open-data-latest", args=["councils", "E10000019"])))
    assert [r["value"] for r in rows] == ["15.5"]


def test_a_withheld_figure_has_its_reason_code_in_the_value_column_as_in_ees(world, council, measure, scrutiny):
    from tests.factories import ReadingFactory

    ReadingFactory(
        metric=measure, council=council, value=None, missing_reason="c", period_end=dt.date(2023, 9, 30),
        published_at=timezone.now(),
    )  # fmt: skip
    rows = _rows(token_client(scrutiny).get(reverse("open-data-latest", args=["councils", "E10000019"])))
    assert ("2023-09-30", "c") in [(r["period_end"], r["value"]) for r in rows]


def test_a_dated_snapshot_keeps_the_value_published_that_day(world, council, measure, manager, approver, scrutiny):
    with freeze_time("2026-01-10 12:00"):
        reading = services.reading_create(
            user=manager, council=council, metric=measure, project=None, kind="actual", value=Decimal("11"),
            period_start=None, period_end=dt.date(2022, 9, 30),
        )  # fmt: skip
        services.reading_approve(user=approver, reading=services.reading_submit(user=manager, reading=reading))
    with freeze_time("2026-02-10 12:00"):
        reading.refresh_from_db()
        reading = services.reading_update(
            user=manager, reading=reading, expected_version=reading.version, kind="actual", value=Decimal("12"),
            period_start=None, period_end=dt.date(2022, 9, 30), explanation="Recounted",
        )  # fmt: skip
        services.reading_approve(user=approver, reading=services.reading_submit(user=manager, reading=reading))
    client = token_client(scrutiny)

    def values(day):
        rows = _rows(client.get(reverse("open-data-dated", args=["councils", "E10000019", day])))
        return {(r["period_end"], r["value"]) for r in rows}

    assert ("2022-09-30", "11") in values("2026-01-31")
    assert ("2022-09-30", "12") in values("2026-02-10")
    assert not any(period == "2022-09-30" for period, _ in values("2026-01-09"))
    assert ("2022-09-30", "12") in {(r["period_end"], r["value"]) for r in _rows(
        client.get(reverse("open-data-latest", args=["councils", "E10000019"]))
    )}  # fmt: skip


def test_no_snapshot_of_a_day_to_come_or_of_a_bad_date(world, scrutiny):
    client = token_client(scrutiny)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert client.get(reverse("open-data-dated", args=["all", "england", tomorrow])).status_code == 404
    assert client.get(reverse("open-data-dated", args=["all", "england", "2026-13-01"])).status_code == 404
    assert client.get(reverse("open-data-latest", args=["regions", "nowhere"])).status_code == 404


def test_the_metadata_file_is_shaped_like_dfes(world, scrutiny):
    response = token_client(scrutiny).get(reverse("open-data-meta", args=["measures", "turnover-rate"]))
    text = b"".join(response.streaming_content).decode()
    lines = text.splitlines()
    assert lines[0] == EES_META_HEADER
    meta = list(csv.DictReader(io.StringIO(text)))
    assert {"col_name": "value", "col_type": "Indicator", "indicator_unit": "%"}.items() <= meta[-1].items()
    data = _rows(token_client(scrutiny).get(reverse("open-data-latest", args=["measures", "turnover-rate"])))
    # Every filter and indicator the metadata names is a column of the data file.
    assert {row["col_name"] for row in meta} <= set(data[0])


def test_the_open_data_page_lists_the_files(world, scrutiny):
    html = client_for(scrutiny).get(reverse("open-data")).content.decode()
    assert reverse("open-data-latest", args=["measures", "turnover-rate"]) in html
    assert reverse("open-data-latest", args=["all", "england"]) in html


def test_a_browser_session_downloads_open_data_and_a_signed_out_visitor_does_not(world, scrutiny):
    url = reverse("open-data-latest", args=["all", "england"])
    assert client_for(scrutiny).get(url).status_code == 200
    assert client_for(None).get(url).status_code == 401
