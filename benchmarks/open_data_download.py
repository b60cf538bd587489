"""The open-data download of every approved figure (issue 18): time and peak memory, at national scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pipdash_api_scale .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py load_demo
    DATABASE_URL=... .venv/bin/python manage.py generate_scale_data --councils 153 --metrics 60 --years 10 --seed 1
    DATABASE_URL=... .venv/bin/python benchmarks/open_data_download.py

Requests each file through the whole stack (middleware, token authentication, the view) with Django's
test client, and reads the streamed body chunk by chunk, counting rows and bytes and keeping none.
Twice per file: once for wall time and the process's peak RSS (resource.getrusage), once under
tracemalloc for the peak of Python allocations during the download (tracemalloc slows it, so its
time is not the one reported). Flat memory means the peak does not grow with the file: compare one
council's file with all of England's.
"""

from __future__ import annotations

import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pipdash.settings")
# DEBUG off, as in production: with it on Django keeps every query's SQL in memory.
os.environ.update(DEBUG="False", ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="False")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 50)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from metrics.models import Reading  # noqa: E402
from pipdash.api.models import ApiToken  # noqa: E402
from pipdash.api.tokens import token_create  # noqa: E402

USERNAME = "open-data-benchmark"


def download(client, url) -> tuple[int, int, float]:
    """(rows, bytes, seconds) of one streamed download, nothing kept."""
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    rows = size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        rows += chunk.count(b"\n")
    response.close()
    return rows - 1, size, time.perf_counter() - started


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    ApiToken.objects.filter(user=user).delete()
    _, secret = token_create(user=user, name="benchmark", scope="read", days=1)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    council = Reading.objects.approved().values_list("council__gss_code", flat=True).first()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"readings: {Reading.objects.count():,}, approved: {Reading.objects.approved().count():,}")
    files = [f"/open-data/councils/{council}/latest.csv", "/open-data/all/england/latest.csv"]
    try:
        for url in files:
            before = rss_mb()
            rows, size, seconds = download(client, url)
            after = rss_mb()
            tracemalloc.start()
            download(client, url)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{url}: {rows:,} rows, {size / 1e6:.1f} MB in {seconds:.1f} s ({rows / seconds:,.0f} rows/s); "
                f"peak Python allocations {peak / 1e6:.1f} MB; peak RSS {before:.0f} -> {after:.0f} MB"
            )
    finally:
        ApiToken.objects.filter(user=user).delete()
        user.delete()


if __name__ == "__main__":
    main()
