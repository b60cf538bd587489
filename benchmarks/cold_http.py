"""Cold builds as a reader waits for them through the production server (issue 20 point 4).

    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python benchmarks/cold_http.py \
        --database-url postgres://postgres@127.0.0.1:5432/pipdash_perf [--user adviser] [--repeats 15]

cold_builds.py times a rebuild in this process through Django's test client, where the collector's full passes
over everything loaded (which production's wsgi.py freezes out of them) and the benchmark's own objects land
inside some requests: its medians move by a third from one run to the next on a quiet machine. Here one gunicorn
worker serves the pages with production settings (the same wsgi.py), and before each timed request the cache is
emptied (FLUSHDB of the Redis database REDIS_URL names, which must be used for nothing else), so every part of
the page is built again and the signed-in user read from the database (sessions are kept there too). The warm
time is the same page asked again at once. Printed: median and minimum of each, per page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import DEFAULT_DATABASES, manage, production_env  # noqa: E402

PAGES = {
    "floor": "/accessibility/",
    "home": "/",
    "council": "/councils/E10000019/",
    "project": "/councils/E10000019/projects/scale-7/",
    "programme": "/programmes/scale-programme/",
    "compare": "/compare/?metric=scale-common-001",
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASES["full"])
    parser.add_argument("--user", default="adviser")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--only", nargs="*", help="Page names (floor, home, council, project, programme, compare).")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not os.environ.get("REDIS_URL"):
        sys.exit("REDIS_URL must name a Redis database for this benchmark alone: it is emptied before each request.")
    env = production_env(args.database_url)
    env["CACHE_KEY_PREFIX"] = "cold-http"
    os.environ.update(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    from django_redis import get_redis_connection

    from benchmarks import load
    from benchmarks.http_client import Http
    from benchmarks.mixed_load import _session_cookie
    from benchmarks.pages import load_average

    redis = get_redis_connection("default")
    pages = {name: url for name, url in PAGES.items() if not args.only or name in args.only}
    cookies = _session_cookie(args.user)
    print(f"{args.user}, {args.repeats} rounds, one gunicorn worker, load {load_average()}")
    with load.Gunicorn(port=args.port, workers=1, env=env):
        client = Http(args.port, cookies)
        for url in pages.values():  # imports, templates and the stored rows (programme, background) made
            for _ in range(3):
                client.request("GET", url)
        times: dict[str, dict[str, list[float]]] = {name: {"cold": [], "warm": []} for name in pages}
        for _ in range(args.repeats):
            for name, url in pages.items():
                for kind in ("cold", "warm"):
                    if kind == "cold":
                        redis.flushdb()
                    began = time.perf_counter()
                    status, _, _ = client.request("GET", url)
                    times[name][kind].append((time.perf_counter() - began) * 1000)
                    assert status == 200, (url, status)
    for name, found in times.items():
        cold, warm = found["cold"], found["warm"]
        print(
            f"{name:10s} cold median {statistics.median(cold):6.1f} ms (min {min(cold):6.1f})   "
            f"warm median {statistics.median(warm):6.1f} ms (min {min(warm):6.1f})"
        )
    print(f"load {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
