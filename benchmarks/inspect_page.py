"""Where a page's time goes: a pyinstrument profile and EXPLAIN ANALYZE of each query it runs.

    .venv/bin/python benchmarks/inspect_page.py --size full /councils/E10000019/ [--explain] [--profile]

Times and profiles a rebuild: the measured requests run with every cache replaced by Django's dummy
cache, so the page is built whole as on a cache miss (`--warm` measures the cached page instead).
Uses the same database and production settings as run.py. pyinstrument is a profiling tool,
not a dependency of pipdash: `.venv/bin/pip install pyinstrument` first.
"""

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import DEFAULT_DATABASES, production_env  # noqa: E402


def explain(queries, *, top: int) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest queries, slowest first."""
    from django.db import connection

    lines = []
    timed = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:top]
    for query in timed:
        sql = query["sql"]
        lines.append(f"--- {float(query['time']) * 1000:.1f} ms: {sql[:300]}{'...' if len(sql) > 300 else ''}")
        if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            # The logged SQL has its parameters already inlined by Django for PostgreSQL.
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            lines += [f"    {row[0]}" for row in cursor.fetchall()]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--size", choices=["demo", "full"], default="full")
    parser.add_argument("--database-url")
    parser.add_argument("--user", default="lincs-manager")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=5, help="How many of the slowest queries to EXPLAIN.")
    parser.add_argument(
        "--stop-after", type=int, help="Profile only the first N seconds of one request (for pages that take minutes)."
    )
    parser.add_argument("--output", help="Write the profile as HTML here as well.")
    parser.add_argument("--warm", action="store_true", help="Measure the page served from the cache, not a rebuild.")
    args = parser.parse_args(argv)
    os.environ.update(production_env(args.database_url or DEFAULT_DATABASES[args.size]))

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.pages import signed_in_client

    client = signed_in_client(args.user)
    measured = contextlib.nullcontext if args.warm else _rebuilding
    if args.stop_after:
        with measured():
            return _profile_for(client, args.url, seconds=args.stop_after)
    client.get(args.url)  # warm caches and imports
    with measured(), CaptureQueriesContext(connection) as captured:
        began = time.perf_counter()
        response = client.get(args.url)
        elapsed = (time.perf_counter() - began) * 1000
    db_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    size = len(response.content) if not response.streaming else sum(len(c) for c in response.streaming_content)
    print(
        f"{args.url}: {response.status_code}, {elapsed:.0f} ms, {len(captured.captured_queries)} queries taking "
        f"{db_ms:.0f} ms in the database, {size:,} bytes"
    )
    if args.explain:
        print(explain(captured.captured_queries, top=args.top))
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        with measured(), profiler:
            client.get(args.url)
        print(profiler.output_text(unicode=False, color=False, show_all=False))
        if args.output:
            Path(args.output).write_text(profiler.output_html(), encoding="utf-8")
    return 0


def _rebuilding():
    """Every cache a dummy one for the requests inside: each page fragment is built whole, as on a miss
    (the session is read from the database, where cached_db keeps it too)."""
    from django.conf import settings
    from django.test.utils import override_settings

    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    return override_settings(CACHES=dict.fromkeys(settings.CACHES, dummy))


class _Stopped(Exception):
    pass


def _profile_for(client, url: str, *, seconds: int) -> int:
    """Profile one request, interrupted after `seconds`: where a page that never finishes spends its time."""
    import signal

    from pyinstrument import Profiler

    def stop(signum, frame):
        raise _Stopped

    profiler = Profiler(interval=0.005)
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    profiler.start()
    try:
        client.get(url)
        print(f"{url}: finished within {seconds} s")
    except _Stopped:
        print(f"{url}: stopped after {seconds} s; the profile so far:")
    finally:
        signal.alarm(0)
        profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
