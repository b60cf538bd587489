"""How long a committee pack takes to build, phase by phase, and how many pages it has (issue 15).

    DATABASE_URL=sqlite:////tmp/pipdash_demo.sqlite3 .venv/bin/python benchmarks/pack_timing.py
    .venv/bin/python benchmarks/pack_timing.py --council E10000019 --as-at 2018-07-20 --since 2018-04-01

Reads the database it is given (after `manage.py load_demo`, or `generate_scale_data` for national scale) and
writes nothing: it builds each pack as a DfE adviser sees it, as the task runner would, and prints one line a
council: the report's reads (and their queries), the charts drawn as SVG (one headless chromium for the pack),
the PDF laid out by WeasyPrint, the Word copy, the PDF's pages and its pages before the annex.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pipdash.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from pipdash.reports.render import chart_images, pack_pdf  # noqa: E402
from pipdash.reports.selectors import PackDates, council_report_get  # noqa: E402
from pipdash.reports.word import pack_docx  # noqa: E402
from programmes.access import Access  # noqa: E402
from programmes.models import Council, Participation  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--council", action="append", help="GSS code (repeat); default: every council in a programme")
    parser.add_argument("--as-at", type=dt.date.fromisoformat, default=timezone.localdate())
    parser.add_argument("--since", type=dt.date.fromisoformat)
    args = parser.parse_args()
    since = args.since or args.as_at - dt.timedelta(days=91)
    councils = Council.objects.select_related("region").order_by("name")
    if args.council:
        councils = councils.filter(gss_code__in=args.council)
    else:
        councils = councils.filter(pk__in=Participation.objects.values("council_id"))
    access = Access(user_id=None, is_adviser=True)
    print(f"as at {args.as_at}, changes since {since}; seconds (wall)")
    print(f"{'council':<22} {'read':>6} {'queries':>7} {'charts':>6} {'n':>3} {'pdf':>6} {'docx':>6} {'total':>6} "
          f"{'pages':>5} {'before annex':>12}")  # fmt: skip
    for council in councils:
        dates = PackDates("Benchmark committee", args.as_at, since, args.as_at)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            report = council_report_get(council=council, access=access, dates=dates, produced_by="benchmark")
        read = time.perf_counter()
        chart_images(report)
        drawn = time.perf_counter()
        pdf = pack_pdf(report)
        printed = time.perf_counter()
        pack_docx(report)
        done = time.perf_counter()
        before = (pdf.annex_starts - 1) if pdf.annex_starts else pdf.pages
        print(
            f"{council.name[:22]:<22} {read - started:6.2f} {len(queries):7d} {drawn - read:6.2f} "
            f"{len(report.charts):3d} {printed - drawn:6.2f} {done - printed:6.2f} {done - started:6.2f} "
            f"{pdf.pages:5d} {before:12d}"
        )


if __name__ == "__main__":
    main()
