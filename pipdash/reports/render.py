"""The pack's files: the report's HTML printed by WeasyPrint as a tagged PDF (PDF/UA-1), its charts
drawn as SVG on the server from the same Plotly figures the page draws (kaleido, Debian's chromium).

Kaleido starts one headless chromium for the whole pack (about 4 s on our machine) and then draws
each chart in about 0.3 s, so a pack is built by the task runner, never in a request (tasks.py).
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from pipdash.reports.selectors import CouncilReport

PDF_VARIANT = "pdf/ua-1"
CHART_SIZE = {"width": 960, "height": 340}
PRINT_CSS = "css/report-print.css"


@dataclass
class BuiltPdf:
    data: bytes
    pages: int
    annex_starts: int | None  # the page "Annex A" starts on; pages before it are the pack proper


def chart_images(report: CouncilReport) -> None:
    """Draw every chart of the pack as SVG, in one browser session, and keep each on its section."""
    charts = [(section, chart) for section in report.sections for chart in section.charts]
    if not charts:
        return
    svgs = asyncio.run(_draw([chart.figure for _, chart in charts]))
    for (section, chart), svg in zip(charts, svgs, strict=True):
        section.images[chart.slug] = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


async def _draw(figures: list[dict]) -> list[bytes]:
    import kaleido  # imported here: only the task runner draws charts

    async with kaleido.Kaleido(n=1) as drawer:
        return [await drawer.calc_fig(figure, opts={"format": "svg", **CHART_SIZE}) for figure in figures]


def pack_html(report: CouncilReport) -> str:
    """The standalone HTML the PDF is printed from: the report's sections and the print stylesheet."""
    with open(finders.find(PRINT_CSS), encoding="utf-8") as css:
        stylesheet = css.read()
    return render_to_string("reports/pack_document.html", {"report": report, "print": True, "stylesheet": stylesheet})


def pack_pdf(report: CouncilReport) -> BuiltPdf:
    from weasyprint import HTML  # imported here: Pango is loaded only where PDFs are printed

    document = HTML(string=pack_html(report)).render(pdf_variant=PDF_VARIANT)
    annex = None
    for label, (page, _x, _y), _children, _state in document.make_bookmark_tree():
        if label.startswith("Annex"):
            annex = page + 1
            break
    return BuiltPdf(data=document.write_pdf(pdf_variant=PDF_VARIANT), pages=len(document.pages), annex_starts=annex)
