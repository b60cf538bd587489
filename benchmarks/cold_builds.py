"""Cold builds and saves at full scale (issue 20 points 3 and 4): each page rebuilt whole, and a figure's save.

    .venv/bin/python benchmarks/cold_builds.py --database-url postgres://postgres@127.0.0.1:5432/pipdash_perf
    .venv/bin/python benchmarks/cold_builds.py --only programme --profile 25   # cProfile, 25 heaviest lines
    .venv/bin/python benchmarks/cold_builds.py --only programme --one-council-changed   # and after one write

Every timed page request runs with every cache replaced by Django's dummy cache (as inspect_page.py does),
so nothing is read from a fragment cached earlier: the figure is the rebuild a reader waits for after a
write, at midnight or when every council's version moves on. The save is the edit form's post and the page
it redirects to, through Django's test client, signed in as a manager of the council (caches as configured:
a save's cost is its own writes and invalidation, not a rebuild). Times are medians of `--repeats`, printed
beside the load average, since the machine is shared; query counts are exact.

`--one-council-changed` also times the programme overview as it is rebuilt after one council's write, the
case that matters under load: a real (local-memory, in-process) cache holds every council's row and summary
part, and before each request the overview's fragment and one council's row and part are dropped from it,
as that council's new data version would miss them (nothing is written to the database).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import DEFAULT_DATABASES, production_env  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASES["full"])
    parser.add_argument("--user", default="adviser", help="Who reads the pages.")
    parser.add_argument("--manager", default="lincs-manager", help="Who saves the figure.")
    parser.add_argument("--council", default="E10000019")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="Page names to measure (programme, council, project, ...).")
    parser.add_argument("--profile", type=int, default=0, help="cProfile one cold request; print N lines.")
    parser.add_argument(
        "--one-council-changed",
        action="store_true",
        help="Also time the programme overview rebuilt after one council's write, the others cached.",
    )
    return parser.parse_args(argv)


def load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


def rebuilding():
    """Every cache a dummy one: each fragment is built whole, as on a miss."""
    from django.conf import settings
    from django.test.utils import override_settings

    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    return override_settings(CACHES=dict.fromkeys(settings.CACHES, dummy))


def in_memory_cache():
    """Every cache a local-memory one of this process's own, so what one request caches the next reads."""
    from django.conf import settings
    from django.test.utils import override_settings

    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cold-builds"}
    return override_settings(CACHES=dict.fromkeys(settings.CACHES, memory))


def forget(*fragments: str) -> None:
    """Drop from the local-memory cache every key holding one of `fragments`: what a write's new data
    version would miss. LocMemCache has no key listing, so its store is read directly (a benchmark only)."""
    from django.core.cache import cache

    with cache._lock:
        for key in [key for key in cache._cache if any(fragment in key for fragment in fragments)]:
            del cache._cache[key]
            cache._expire_info.pop(key, None)


def measure_one_council_changed(client, url: str, council_code: str, repeats: int) -> dict:
    """The programme overview after one council's write: its fragment and that council's row and summary
    part rebuilt, the other councils' read from the cache (programme_rows.py)."""
    from programmes.models import Council, Programme

    programme = Programme.objects.get(slug=url.rstrip("/").rsplit("/", 1)[-1])
    council = Council.objects.get(gss_code=council_code)
    if not programme.participations.filter(council=council).exists():
        council = programme.participations.order_by("council__name").first().council
    runs = []
    with in_memory_cache():
        client.get(url)  # every council's row and part cached, as between writes
        for _ in range(repeats):
            forget("template.cache.programme_overview", f"programme-council:{programme.pk}:{council.pk}:")
            runs.append(timed(client, "GET", url))
    return {
        "name": "programme, 1 changed",
        "url": f"{url} ({council.name} rebuilt)",
        "median_ms": statistics.median(r[0] for r in runs),
        "queries": runs[-1][1],
        "status": runs[-1][2],
        "load": load_average(),
    }


def pages(council_code: str) -> dict[str, str]:
    from django.db.models import Count

    from programmes.models import Council, Programme
    from projects.models import Project

    council = Council.objects.get(gss_code=council_code)
    project = Project.objects.filter(council=council).annotate(n=Count("readings")).order_by("-n", "pk").first()
    programme = Programme.objects.annotate(n=Count("participations")).order_by("-n", "pk").first()
    codes = "&".join(
        f"council={code}" for code in Council.objects.live().order_by("gss_code").values_list("gss_code", flat=True)
    )
    return {
        "floor": "/accessibility/",
        "home": "/",
        "council": council.get_absolute_url(),
        "project": project.get_absolute_url(),
        "programme": programme.get_absolute_url(),
        "compare": f"/compare/?metric=scale-common-001&{codes}",
    }


def timed(client, method: str, url: str, data=None) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        began = time.perf_counter()
        response = client.get(url) if method == "GET" else client.post(url, data)
        if method == "POST" and response.status_code == 302:
            client.get(response["Location"])
        ms = (time.perf_counter() - began) * 1000
    return ms, len(captured.captured_queries), response.status_code


def measure_page(client, name: str, url: str, repeats: int) -> dict:
    client.get(url)  # imports and the session, outside the timing
    runs = []
    with rebuilding():
        for _ in range(repeats):
            runs.append(timed(client, "GET", url))
    return {
        "name": name,
        "url": url.split("&")[0],
        "median_ms": statistics.median(r[0] for r in runs),
        "queries": runs[-1][1],
        "status": runs[-1][2],
        "load": load_average(),
    }


def save_form(client, url: str) -> dict:
    """The edit form's fields as a browser would post them, with the figure one more than it was."""
    from benchmarks.http_client import FormFields

    form = FormFields()
    form.feed(client.get(url).content.decode())
    fields = form.fields
    fields["value"] = str(int(float(fields.get("value") or 0)) + 1)
    fields["explanation"] = "Benchmark: corrected figure."
    return fields


def measure_save(manager_client, council_code: str, repeats: int) -> dict:
    from metrics.models import Reading

    reading = (
        Reading.objects.filter(council__gss_code=council_code, metric__slug="scale-common-001", kind="actual")
        .order_by("-period_end")
        .first()
    )
    url = f"/councils/{council_code}/figures/{reading.pk}/edit/"
    runs = []
    for _ in range(repeats):
        runs.append(timed(manager_client, "POST", url, save_form(manager_client, url)))
    return {
        "name": "save (post + redirect)",
        "url": url,
        "median_ms": statistics.median(r[0] for r in runs),
        "queries": runs[-1][1],
        "status": runs[-1][2],
        "load": load_average(),
    }


def profile(client, url: str, lines: int) -> str:
    profiler = cProfile.Profile()
    with rebuilding():
        profiler.enable()
        client.get(url)
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(lines)
    return out.getvalue()


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ.update(production_env(args.database_url))
    import django

    django.setup()
    from benchmarks.pages import signed_in_client

    client = signed_in_client(args.user)
    results = []
    for name, url in pages(args.council).items():
        if args.only and name not in args.only:
            continue
        if args.profile:
            print(profile(client, url, args.profile))
        results.append(measure_page(client, name, url, args.repeats))
        print(_line(results[-1]), flush=True)
        if name == "programme" and args.one_council_changed:
            results.append(measure_one_council_changed(client, url, args.council, args.repeats))
            print(_line(results[-1]), flush=True)
    if not args.only or "save" in args.only:
        results.append(measure_save(signed_in_client(args.manager), args.council, args.repeats))
        print(_line(results[-1]), flush=True)
    return 0


def _line(result: dict) -> str:
    return (
        f"{result['name']:<24} {result['median_ms']:>8.0f} ms {result['queries']:>4} queries "
        f"status {result['status']}  load {result['load']}  {result['url']}"
    )


if __name__ == "__main__":
    sys.exit(main())
