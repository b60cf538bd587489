"""Which pages to measure, and measuring them in-process through Django's test client."""

import multiprocessing
import statistics
import time
from dataclasses import dataclass, field

from django.db import connection, connections
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from programmes.data_versions import councils_changed


@dataclass
class Page:
    name: str
    url: str
    note: str = ""


@dataclass
class PageResult:
    page: Page
    status: int
    median_ms: float
    p95_ms: float
    mean_ms: float
    queries: int
    bytes: int
    repeats: int
    errors: int
    load: str
    timed_out: bool = False
    first_ms: float | None = None
    first_queries: int | None = None  # the cold request's, which builds what the warm ones read from the cache
    timings_ms: list[float] = field(default_factory=list, repr=False)


def _reverse(name: str, fallback: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def pages_to_measure(*, gss_code: str, compare_url: str | None = None) -> list[Page]:
    """The pages of issue 8, chosen as the heaviest of their kind in this database."""
    from metrics.models import Metric
    from programmes.models import Council, Programme
    from projects.models import Project

    council = Council.objects.get(gss_code=gss_code)
    pages = [
        Page("floor: accessibility", _reverse("accessibility", "/accessibility/"), "minimal Django view"),
        Page("home", _reverse("home", "/"), "the signed-in home page: the user's tasks, the councils taking part"),
        Page("council", council.get_absolute_url(), council.name),
    ]
    project = Project.objects.filter(council=council).annotate(n=Count("readings")).order_by("-n", "pk").first()
    if project:
        pages.append(Page("project", project.get_absolute_url(), f"{project.name} ({project.n:,} readings)"))
    programme = Programme.objects.annotate(n=Count("participations")).order_by("-n", "pk").first()
    if programme:
        pages.append(Page("programme", programme.get_absolute_url(), f"{programme.name} ({programme.n} councils)"))
    if compare_url:
        pages.append(Page("compare", compare_url))
    else:
        pages += _compare_pages(Metric, Council)
    pages.append(Page("figures CSV", _reverse("figures-csv", f"/councils/{gss_code}/figures.csv", gss_code=gss_code)))
    return pages


def _compare_pages(metric_model, council_model) -> list[Page]:
    """Every live council on one common measure: the official one most councils report, and at full
    size also a generated monthly one (120 figures per council)."""
    codes = list(council_model.objects.live().order_by("gss_code").values_list("gss_code", flat=True))
    councils = "&".join(f"council={code}" for code in codes)
    common = metric_model.objects.filter(council=None).annotate(n=Count("readings__council", distinct=True))
    official = common.exclude(slug__startswith="scale-").order_by("-n", "pk").first()
    generated = common.filter(slug__startswith="scale-", kind="rate", unit="percent").order_by("slug").first()
    pages = []
    for label, metric in (("compare (official)", official), ("compare (monthly)", generated)):
        if metric is not None:
            url = f"{_reverse('compare', '/compare/')}?metric={metric.slug}&{councils}"
            pages.append(Page(label, url, f"{metric.name}: {len(codes)} councils, {metric.n} with figures"))
    return pages


def _body_size(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


def measure(client: Client, page: Page, *, repeats: int, warmup: int = 3, slow_seconds: float = 2.0) -> PageResult:
    """Median and 95th percentile over `repeats` requests, then one more with its queries counted."""
    errors = 0
    # Cold, as after a write: every council's data version moves on, so no page finds its cached content,
    # not even one an earlier run left in Redis. (Clearing the cache would sign the client out with it.) As after
    # the common write, a figure's: the councils' stored backgrounds stay current (council_background.py).
    councils_changed(background=False)
    with CaptureQueriesContext(connection) as cold_queries:
        began = time.perf_counter()
        _body_size(first := client.get(page.url))
        first_ms = (time.perf_counter() - began) * 1000
    # Counted now: the next requests reset the connection's query log that captured_queries slices.
    first_queries = len(cold_queries.captured_queries)
    status = first.status_code
    if first_ms > slow_seconds * 1000:
        # A page this slow is measured a few times only, so that the run stays bounded in time.
        warmup, repeats = 1, min(repeats, 3)
    for _ in range(warmup - 1):
        status = client.get(page.url).status_code
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        response = client.get(page.url)
        _body_size(response)  # a streamed CSV is only produced while it is read
        timings.append((time.perf_counter() - began) * 1000)
        status = response.status_code
        errors += status != 200
    with CaptureQueriesContext(connection) as queries:
        size = _body_size(client.get(page.url))
    return PageResult(
        page=page,
        status=status,
        median_ms=statistics.median(timings),
        p95_ms=_percentile(timings, 0.95),
        mean_ms=statistics.fmean(timings),
        queries=len(queries.captured_queries),
        bytes=size,
        repeats=repeats,
        errors=errors,
        load=load_average(),
        first_ms=first_ms,
        first_queries=first_queries,
        timings_ms=timings,
    )


def measure_bounded(client: Client, page: Page, *, repeats: int, timeout: float) -> PageResult:
    """`measure` in a forked child that is stopped after `timeout` seconds: a page that loads a
    million rows would otherwise hold the run (and gigabytes of memory) for a quarter of an hour."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    connections.close_all()  # the child opens its own database connection

    def child():
        try:
            sender.send(measure(client, page, repeats=repeats))
        except Exception as exc:  # reported as the page's result
            sender.send(exc)

    process = context.Process(target=child, daemon=True)
    began = time.monotonic()
    process.start()
    sender.close()
    result = receiver.recv() if receiver.poll(timeout) else None
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join()
    if isinstance(result, PageResult):
        return result
    waited = (time.monotonic() - began) * 1000
    if isinstance(result, Exception):
        # The page raised (the test client re-raises a view's exception): a 500 to report, not a reason to stop.
        page.note = f"{page.note} raised {type(result).__name__}: {result}".strip()
        return PageResult(
            page=page,
            status=500,
            median_ms=waited,
            p95_ms=waited,
            mean_ms=waited,
            queries=-1,
            bytes=0,
            repeats=0,
            errors=1,
            load=load_average(),
            timed_out=True,
        )
    return PageResult(
        page=page,
        status=0,
        median_ms=waited,
        p95_ms=waited,
        mean_ms=waited,
        queries=-1,
        bytes=0,
        repeats=0,
        errors=1,
        load=load_average(),
        timed_out=True,
    )


def signed_in_client(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client
