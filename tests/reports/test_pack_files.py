"""The pack's files: a tagged PDF with page numbers holding every exception, a Word copy with real headings
and tables, both built by the task runner, kept, and opened again unchanged; who may open them."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from metrics.models import Reading
from pipdash.reports.models import ReportPack
from pipdash.reports.selectors import PackDates, council_report_get
from programmes.access import access_for
from programmes.models import Council
from tests.conftest import client_for
from tests.reports.conftest import JULY_2018, today_query


def _prepare(client, council, data=None) -> ReportPack:
    data = data or today_query()
    response = client.post(reverse("council-report", args=[council.gss_code]), data)
    assert response.status_code == 302
    pack = ReportPack.objects.get(pk=int(re.search(r"/packs/(\d+)/", response["Location"]).group(1)))
    assert pack.status == ReportPack.Status.READY, pack.problem
    return pack


def _text(pdf: bytes) -> str:
    # Joined lines: a screen reader reads on across the layout's line breaks.
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _report_of(pack, user):
    """The pack's report built again from the database, as its requester sees it."""
    dates = PackDates(pack.committee, pack.meeting_on, pack.since, pack.as_at)
    return council_report_get(council=pack.council, access=access_for(user), dates=dates, produced_by="x")


def test_lincolnshire_s_july_2018_pack_is_a_tagged_pdf_of_at_most_8_pages_before_its_annex(demo):
    scrutiny = get_user_model().objects.get(username="lincs-scrutiny")
    lincolnshire = Council.objects.get(gss_code="E10000019")
    pack = _prepare(client_for(scrutiny), lincolnshire, JULY_2018)
    reader = PdfReader(io.BytesIO(bytes(pack.pdf)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Lincolnshire: committee pack for Children and Young People Scrutiny")
    assert pack.pages == len(reader.pages)
    assert pack.annex_starts - 1 <= 8
    text = _text(bytes(pack.pdf))
    assert f"Page 1 of {pack.pages}" in text and f"Page {pack.pages} of {pack.pages}" in text
    assert "Printed " in text
    report = _report_of(pack, scrutiny)
    for item in report.exceptions:
        assert " ".join(item.what.split()) in text
    # The charts are vector images drawn from the same figures, each with its data in the annex.
    assert report.charts and all(f"Chart {n}, {c.title}" in text for n, c in enumerate(report.charts, 1))


def test_today_s_pack_names_every_red_amber_stale_and_missed_item(demo):
    adviser = get_user_model().objects.get(username="adviser")
    lincolnshire = Council.objects.get(gss_code="E10000019")
    pack = _prepare(client_for(adviser), lincolnshire, today_query())
    text = _text(bytes(pack.pdf))
    report = _report_of(pack, adviser)
    assert len(report.exceptions) >= 5  # Lincolnshire's stale official measures, at least
    for item in report.exceptions:
        assert " ".join(item.what.split()) in text
        assert item.word in text


def test_the_word_copy_has_headings_and_tables_and_the_same_exceptions(lincs_data, manager, council):
    pack = _prepare(client_for(manager), council)
    document = Document(io.BytesIO(bytes(pack.docx)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Summary" in headings and "2. Exceptions" in headings and "Annex C: sources" in headings
    assert len(document.tables) >= 3
    assert document.tables[1].rows[0].cells[0].text == "Red"
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    report = _report_of(pack, manager)
    assert report.exceptions  # a project behind its trajectory to the 2019 target
    for item in report.exceptions:
        assert any(item.what in text for text in cells)


def test_a_pack_opens_again_unchanged_after_its_figures_change(lincs_data, scrutiny, council):
    client = client_for(scrutiny)
    pack = _prepare(client, council)
    first = client.get(reverse("report-pack-file", args=[pack.pk, "pdf"]))
    assert first["Content-Type"] == "application/pdf"
    Reading.objects.filter(council=council).update(published_value=999)
    again = client.get(reverse("report-pack-file", args=[pack.pk, "pdf"]))
    assert again.content == first.content == bytes(pack.pdf)
    page = client.get(reverse("council-report", args=[council.gss_code])).content.decode()
    assert pack.get_absolute_url() in page  # listed among the council's earlier packs


@pytest.mark.parametrize(
    ("reader", "may_open"),
    [("manager", True), ("approver", True), ("scrutiny", False), ("other_manager", False), ("adviser", False)],
)
def test_a_pack_with_drafts_opens_only_for_the_council_s_managers_and_approvers(
    lincs_data, manager, council, request, reader, may_open
):
    pack = _prepare(client_for(manager), council)
    assert pack.includes_drafts
    client = client_for(request.getfixturevalue(reader))
    for url in (pack.get_absolute_url(), reverse("report-pack-file", args=[pack.pk, "pdf"])):
        assert client.get(url).status_code == (200 if may_open else 403)
    listed = pack.get_absolute_url() in client.get(reverse("council-report", args=[council.gss_code])).content.decode()
    assert listed == may_open


@pytest.mark.parametrize("reader", ["manager", "scrutiny", "other_manager", "adviser"])
def test_a_pack_of_approved_figures_opens_for_every_reader(lincs_data, scrutiny, council, request, reader):
    pack = _prepare(client_for(scrutiny), council)
    assert not pack.includes_drafts
    assert "155" not in _text(bytes(pack.pdf))  # the draft is not in a scrutiny member's pack
    response = client_for(request.getfixturevalue(reader)).get(reverse("report-pack-file", args=[pack.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')


def test_a_pack_being_prepared_says_so_and_refreshes_itself(lincs_data, scrutiny, council):
    pack = ReportPack.objects.create(
        council=council, committee="C", meeting_on=dt.date(2018, 7, 20), since=dt.date(2018, 4, 1),
        as_at=dt.date(2018, 7, 20), requested_by=scrutiny,
    )  # fmt: skip
    html = client_for(scrutiny).get(pack.get_absolute_url()).content.decode()
    assert "The pack is being prepared" in html and 'data-module="import-progress"' in html
    assert client_for(scrutiny).get(reverse("report-pack-file", args=[pack.pk, "pdf"])).status_code == 302
