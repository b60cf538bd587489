"""pipdash benchmark suite: server time, queries and size per page, then throughput under load.

    .venv/bin/python benchmarks/run.py --size demo   # database with the demo data only
    .venv/bin/python benchmarks/run.py --size full   # demo data + generate_scale_data (153 x 60 x 120)

Each size has its own PostgreSQL database by default (pipdash_scale_demo, pipdash_scale); pass
--database-url for another. --prepare migrates it, loads the demo and, for full, generates the
scale data if they are missing. Pages are measured in this process through Django's test client
with DEBUG off (production settings); throughput comes from wrk against gunicorn on 127.0.0.1.
Figures are printed and written to benchmarks/results/<date>-<size>.md and .json.
Not part of the test suite: it measures, it does not pass or fail.
"""

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASES = {
    "demo": "postgres://postgres@127.0.0.1:5432/pipdash_scale_demo",
    "full": "postgres://postgres@127.0.0.1:5432/pipdash_scale",
}
FULL_SIZE = ["--councils", "153", "--metrics", "60", "--years", "10", "--seed", "1"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["demo", "full"], required=True)
    parser.add_argument("--database-url", help="Defaults to a PostgreSQL database per size (see above).")
    parser.add_argument("--prepare", action="store_true", help="Migrate, load the demo and generate data if missing.")
    parser.add_argument("--council", default="E10000019", help="GSS code of the council whose pages are measured.")
    parser.add_argument("--user", default="lincs-manager", help="Who is signed in (a demo user).")
    parser.add_argument("--repeats", type=int, default=30, help="Timed requests per page.")
    parser.add_argument("--compare-url", help="The compare page to measure (default: all councils, a common metric).")
    parser.add_argument(
        "--page-timeout", type=float, default=180, help="Seconds after which a page's measurement is stopped."
    )
    parser.add_argument("--only", nargs="*", help="Measure only pages whose name starts with one of these.")
    parser.add_argument("--no-load", action="store_true", help="Skip the gunicorn + wrk throughput run.")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers for the load run.")
    parser.add_argument("--connections", type=int, default=12)
    parser.add_argument("--duration", type=int, default=15, help="Seconds of load per page (bounded).")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument(
        "--prototype",
        choices=["cached-council"],
        help="Measure a prototype instead of pipdash as it is (benchmarks/prototype/): the council page cached.",
    )
    parser.add_argument("--no-write", action="store_true", help="Print only; write no results file.")
    return parser.parse_args(argv)


def production_env(database_url: str) -> dict[str, str]:
    """Settings as in production (DEBUG off), but served over plain HTTP on 127.0.0.1."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="pipdash.settings",
        DEBUG="False",
        SECRET_KEY=env.get("SECRET_KEY", "benchmark-only-secret-key-not-for-production-" + "x" * 20),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="False",
        SESSION_COOKIE_SECURE="False",
        CSRF_COOKIE_SECURE="False",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="ERROR",
        # The demo and full databases number their councils alike: one Redis must keep their pages apart,
        # under the caller's own prefix when one is given (several sessions may share one Redis).
        CACHE_KEY_PREFIX=f"{env.get('CACHE_KEY_PREFIX') or 'pipdash-benchmark'}-{database_url.rsplit('/', 1)[-1]}",
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env, size: str) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    if size == "full":
        manage(env, "generate_scale_data", *FULL_SIZE)


def database_summary() -> dict:
    from django.db import connection

    from metrics.models import Metric, Reading
    from metrics.scale.generate import scale_data_exists
    from programmes.models import Council

    return {
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "councils": Council.objects.count(),
        "metrics": Metric.objects.count(),
        "readings": Reading.objects.count(),
        "scale_data": "yes" if scale_data_exists() else "no",
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    database_url = args.database_url or DEFAULT_DATABASES[args.size]
    env = production_env(database_url)
    if args.prototype:
        env["DJANGO_SETTINGS_MODULE"] = "benchmarks.prototype.settings"
    os.environ.update(env)
    # Static files carry hashed names with DEBUG off: the manifest must list the current files.
    manage(env, "collectstatic", "--noinput", "-v0")
    if args.prepare:
        prepare(env, args.size)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from benchmarks import load, pages, report
    from metrics.scale.generate import scale_data_exists

    if args.size == "full" and not scale_data_exists():
        print("No scale data in this database: run with --prepare, or generate_scale_data.", file=sys.stderr)
        return 2
    header = {
        "command": " ".join([Path(sys.executable).name, "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "machine": f"{platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "signed_in_as": args.user,
        "prototype": args.prototype or "none (pipdash as it is)",
        "load_average_at_start": pages.load_average(),
        "cache_and_sessions": _cache_and_sessions(),
        **database_summary(),
    }
    print("\n".join(f"{k}: {v}" for k, v in header.items()), flush=True)

    client = pages.signed_in_client(args.user)
    page_results = []
    for page in pages.pages_to_measure(gss_code=args.council, compare_url=args.compare_url):
        if args.only and not any(page.name.startswith(name) for name in args.only):
            continue
        result = pages.measure_bounded(client, page, repeats=args.repeats, timeout=args.page_timeout)
        page_results.append(result)
        if result.timed_out:
            print(f"  {page.name:<24} stopped after {result.median_ms / 1000:.0f} s  load {result.load}", flush=True)
            continue
        print(
            f"  {page.name:<24} {result.status} median {result.median_ms:7.1f} ms  p95 {result.p95_ms:7.1f} ms  "
            f"{result.first_queries or 0:3d}/{result.queries:<3d} queries (cold/warm)  {result.bytes:>9,} bytes  "
            f"first {result.first_ms or 0:7.1f} ms  load {result.load}",
            flush=True,
        )

    load_results = []
    if not args.no_load:
        load_results = _throughput(args, env, client, page_results, load, pages)

    extra = _targets(page_results, load_results)
    print()
    print(report.pages_table(page_results))
    if load_results:
        print()
        print(report.load_table(load_results))
    print()
    print(extra)
    if not args.no_write:
        md_path, json_path = report.write(
            size=f"{args.size}-{args.prototype}-prototype" if args.prototype else args.size,
            header=header,
            pages=page_results,
            loads=load_results,
            extra=extra,
        )
        print(f"\nWritten to {md_path.relative_to(ROOT)} and {json_path.relative_to(ROOT)}")
    return 0


def _cache_and_sessions() -> str:
    """Redis when REDIS_URL is set (as in production), else local memory per process and database sessions."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return f"cache {backend}, sessions {settings.SESSION_ENGINE.rsplit('.', 1)[-1]}"


def _throughput(args, env, client, page_results, load, pages):
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    targets = [r.page for r in page_results if r.page.name in ("floor: accessibility", "council")]
    results = []
    with load.Gunicorn(port=args.port, workers=args.workers, env=env):
        for page in targets:
            url = f"http://127.0.0.1:{args.port}{page.url}"
            status = load.check_signed_in(url, cookie)
            if status != 200:
                print(f"  {page.name}: gunicorn answered {status}, not 200; load run skipped", file=sys.stderr)
                continue
            result = load.run_wrk(
                name=page.name,
                url=url,
                cookie=cookie,
                duration=args.duration,
                connections=args.connections,
                threads=2,
                workers=args.workers,
                load=pages.load_average(),
            )
            results.append(result)
            print(
                f"  load {page.name:<22} {result.requests_per_second:8.1f} req/s  {result.errors} errors  "
                f"p99 {result.latency_p99_ms} ms",
                flush=True,
            )
    return results


def _targets(page_results, load_results) -> str:
    """Issue 8's targets, each marked met or not, for this run alone (the 1.5x ratio needs both sizes)."""
    lines = ["## Targets (issue 8)", ""]
    for r in page_results:
        if r.page.name.startswith("floor"):
            continue
        if r.timed_out:
            lines.append(f"- {r.page.name}: did not finish within {r.median_ms / 1000:.0f} s: NOT met")
            continue
        most = max(r.queries, r.first_queries or 0)  # a cache miss is the page too
        lines.append(
            f"- {r.page.name}: {r.first_queries} queries cold, {r.queries} warm (target at most 15): "
            f"{'met' if most <= 15 else 'NOT met'}"
        )
    council = next((r for r in page_results if r.page.name == "council"), None)
    if council:
        met = "met" if council.p95_ms <= 100 else "NOT met"
        lines.append(f"- council p95 {council.p95_ms:.1f} ms (target at most 100 ms): {met}")
    for compare in (r for r in page_results if r.page.name.startswith("compare") and not r.timed_out):
        met = "met" if compare.median_ms <= 200 else "NOT met"
        lines.append(
            f"- {compare.page.name} median {compare.median_ms:.1f} ms, p95 {compare.p95_ms:.1f} ms "
            f"(target at most 200 ms): {met}"
        )
    for r in load_results:
        if r.name == "council":
            met = "met" if r.requests_per_second >= 300 and r.errors == 0 else "NOT met"
            lines.append(
                f"- council throughput {r.requests_per_second:.0f} req/s, {r.errors} errors "
                f"(target at least 300 req/s, no errors): {met}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
