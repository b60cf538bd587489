"""The pack as a Word document (python-docx), for councils to edit before it goes out: the same sections
as the PDF, with real headings (Heading 1-3 styles, so Word's navigation pane and a screen reader list
them) and real tables whose header row repeats on every page."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipdash.dates import uk_date
from pipdash.reports.selectors import CouncilReport


def _table(document, caption: str, header: list[str], rows: list[list[str]]) -> None:
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # Mark the first row as the table's header: Word repeats it on each page and reads it as headers.
    properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def _measure_rows(measures) -> list[list[str]]:
    return [
        [
            s.metric.name,
            (s.latest.display_value + ("" if s.latest.is_approved else f" ({s.latest.status_label})"))
            if s.latest
            else "No figure",
            s.latest.period_label if s.latest else "",
            s.travel.sentence if getattr(s, "travel", None) else ("No earlier figure" if s.latest else "No figure"),
            f"{s.target.display_value} by {uk_date(s.target.on)}" if s.target else "No target",
            getattr(s, "pack_benchmarks", "") or "No benchmark",
            s.rag.word if s.rag else "Unrated",
        ]
        for s in measures
    ]


MEASURE_HEADER = ["Measure", "Latest", "As at", "Since the previous figure", "Target", "Benchmark", "RAG"]


def pack_docx(report: CouncilReport) -> bytes:
    dates, council = report.dates, report.council
    document = Document()
    document.core_properties.title = (
        f"{council.name}: committee pack for {dates.committee}, {uk_date(dates.meeting_on)}"
    )
    document.core_properties.author = report.produced_by
    document.core_properties.language = "en-GB"

    document.add_heading(f"{council.name}: progress on children's services improvement", level=0)
    programmes = "; ".join(p.programme.name for p in report.participations) or "None recorded"
    _table(
        document,
        "About this pack",
        ["", ""],
        [
            ["Council", f"{council.name} ({council.gss_code})"],
            ["Programmes", programmes],
            ["Committee", dates.committee],
            ["Meeting date", uk_date(dates.meeting_on)],
            ["Figures as at", f"{uk_date(dates.as_at)} (changes since {uk_date(dates.since)})"],
            ["Produced by", f"{report.produced_by}, with pipdash, on {uk_date(report.printed_on)}"],
        ],
    )

    document.add_heading("1. Summary", level=1)
    _table(
        document,
        f"Measures of active projects by RAG, as at {uk_date(dates.as_at)}",
        [word for _, word, _ in report.rag_counts],
        [[str(count) for _, _, count in report.rag_counts]],
    )
    if report.travel_counts:
        travel = "; ".join(f"{words.lower()} {count}" for words, count in report.travel_counts)
        document.add_paragraph(f"Direction of travel since each measure's previous figure: {travel}.")
    for workstream, line in report.workstream_lines:
        document.add_paragraph(f"{workstream.name}: {line}", style="List Bullet")

    document.add_heading("2. Exceptions", level=1)
    if report.exceptions:
        _table(
            document,
            "Exceptions, worst first",
            ["Measure or milestone", "Status", "Why", "Council's explanation", "Action and owner"],
            [
                [
                    f"{i.what} ({i.where})",
                    i.word,
                    i.reason,
                    i.explanation or "None recorded",
                    (i.action or "No action recorded") + (f". Owner: {i.owner}" if i.owner else ""),
                ]
                for i in report.exceptions
            ],
        )
    else:
        document.add_paragraph("No measure is Red, Amber or stale and no milestone has been missed.")

    document.add_heading(f"3. Changes since {uk_date(dates.since)}", level=1)
    for heading, lines in report.changes:
        document.add_heading(heading, level=2)
        for line in lines or ["None."]:
            document.add_paragraph(line, style="List Bullet")

    document.add_heading("4. Projects", level=1)
    for workstream, sections in report.projects:
        document.add_heading(workstream.name, level=2)
        for section in sections:
            item = section.block
            rag = item.rag
            document.add_heading(f"{item.project.name}: {rag.word if rag else 'No measure rated'}", level=3)
            if rag:
                document.add_paragraph(rag.sentence)
            for role, people in item.leads_by_role:
                document.add_paragraph(f"{role}: {', '.join(p.name for p in people)}")
            for milestone, state in section.milestones:
                document.add_paragraph(f"{milestone.title}, due {milestone.due_label}: {state}", style="List Bullet")
            if section.update:
                document.add_paragraph(
                    f"Latest progress (up to {uk_date(section.update.period_end)}): {section.update.summary}"
                )
            if item.metrics:
                _table(document, f"Measures of {item.project.name}", MEASURE_HEADER, _measure_rows(item.metrics))
    if report.finished:
        document.add_heading("Projects closed, sustained or continued", level=2)
        for item in report.finished:
            project = item.project
            rag = ""
            if item.rag:
                rag = f"; last RAG {item.rag.word}" + (f" at {uk_date(item.rag.on)}" if item.rag.on else "")
            since = f" since {uk_date(project.status_changed_on)}" if project.status_changed_on else ""
            document.add_paragraph(f"{project.name}: {project.get_status_display()}{since}{rag}.", style="List Bullet")
    if report.council_measures:
        document.add_heading("Measures for the whole council", level=2)
        _table(document, "Measures for the whole council", MEASURE_HEADER, _measure_rows(report.council_measures))

    document.add_heading("5. Comparison with England, the region and statistical neighbours", level=1)
    if report.official:
        _table(
            document,
            f"Official measures: {council.name} beside England, {council.region.name} and its statistical neighbours",
            ["Measure", "Period", council.name, "England and region", "Statistical neighbours", "RAG"],
            [
                [
                    s.metric.name, s.latest.period_label, s.latest.display_value,
                    s.pack_benchmarks or "None published", s.neighbours_median or "No neighbour's figure",
                    s.rag.word if s.rag else "Unrated",
                ]
                for s in report.official
            ],
        )  # fmt: skip
    else:
        document.add_paragraph(f"No official measures with figures by {uk_date(dates.as_at)}.")

    document.add_heading("Annex A: definitions of the measures", level=1)
    _table(
        document,
        "Definitions",
        ["Measure", "Unit", "Kind", "Direction of good", "How it is counted", "Sources"],
        [
            [
                d.metric.name,
                d.unit,
                d.kind,
                d.direction,
                d.metric.definition or "Not stated by the source",
                ", ".join(f"[{n}]" for n in d.sources) or "None",
            ]
            for d in report.definitions
        ],
    )
    if report.charts:
        document.add_heading("Annex B: the charts' data", level=1)
        for number, chart in enumerate(report.charts, start=1):
            _table(
                document,
                f"Chart {number}, {chart.title} ({chart.unit_label}). {chart.description}",
                ["Series", "Date", "Value"],
                [[row.series, row.date_label, row.display_value] for row in chart.rows],
            )
    document.add_heading("Annex C: sources", level=1)
    for citation in report.sources:
        document.add_paragraph(citation, style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
