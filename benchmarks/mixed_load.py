"""Mixed load: readers over many pages while one writer saves figures through the real form (issue 20).

    REDIS_URL=redis://127.0.0.1:6379/5 CACHE_KEY_PREFIX=pipdash-perf \\
        .venv/bin/python benchmarks/mixed_load.py --database-url postgres://postgres@127.0.0.1:5432/pipdash_scale

Starts gunicorn on 127.0.0.1 against the database (production settings, as run.py), warms every page in
the pool once for each reader (each a person signed in with a session of their own, unless
`--shared-session`), then runs `--readers` threads over random councils' pages, project pages, programme
overviews, compare pages and the accessibility page (the floor) for `--duration` seconds without the
writer, and again with one writer that edits a random council's newest figure through the edit form
(GET the form, POST it with its CSRF token, follow the redirect) every `--save-every` seconds, signed in
as a manager of those councils. Prints p50/p95/p99 per page type, errors and the writer's save times for
both phases, and writes benchmarks/results/<date>-mixed-<label>.md and .json.
Not a test: it measures, it does not pass or fail.
"""

import argparse
import json
import os
import random
import re
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.http_client import FormFields, Http  # noqa: E402
from benchmarks.mixed_report import WEIGHTS, summary, table, targets_text, throughput_text  # noqa: E402
from benchmarks.run import DEFAULT_DATABASES, manage, production_env  # noqa: E402

WRITER = "benchmark-writer"  # created here, a manager of the sampled councils: the benchmark database only
DRAFT_READER = "benchmark-reader"  # likewise, for --readers-see-drafts


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASES["full"])
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
    parser.add_argument("--duration", type=int, default=60, help="Seconds of each phase.")
    parser.add_argument("--save-every", type=float, default=2.0, help="Seconds between the writer's saves.")
    parser.add_argument("--councils", type=int, default=153, help="Councils in the pool (random, seeded).")
    parser.add_argument(
        "--shared-session",
        action="store_true",
        help="Every reader in one signed-in session (by default each reader is a person with a session of their"
        " own, as pages kept whole per session are then kept once per reader).",
    )
    parser.add_argument("--reader", default="adviser", help="Who the readers are signed in as (a demo user).")
    parser.add_argument(
        "--readers-see-drafts",
        action="store_true",
        help=f"Readers sign in as {DRAFT_READER}, a manager of the pool's councils, who sees every draft the writer"
        " saves: each save then changes what the readers see (by default an adviser's pages show approved figures).",
    )
    parser.add_argument(
        "--throughput-seconds",
        type=int,
        default=20,
        help="First, every reader on the floor alone and then on councils' pages alone for this long (0: skip).",
    )
    parser.add_argument(
        "--task-runner-nice", type=int, default=10, help="Niceness of the task runner beside gunicorn (0: none)."
    )
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--label", default="run", help="Names the results file, e.g. before or after.")
    parser.add_argument("--no-write", action="store_true", help="Print only; write no results file.")
    return parser.parse_args(argv)


def _session_cookie(username: str) -> dict[str, str]:
    from django.conf import settings

    from benchmarks.pages import signed_in_client

    client = signed_in_client(username)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def pools(args) -> tuple[dict[str, list[str]], list[tuple[str, int]]]:
    """The pages readers pick from, by type, and the figures the writer edits: (council code, reading id)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Max

    from metrics.models import Metric, Reading
    from programmes.models import Council, Membership, Programme
    from projects.models import Project

    rng = random.Random(args.seed)
    live = list(Council.objects.live().order_by("gss_code"))
    councils = rng.sample(live, min(args.councils, len(live)))
    projects = {}
    for project in Project.objects.filter(council__in=councils).select_related("council").order_by("pk"):
        projects.setdefault(project.council_id, []).append(project)
    common = list(
        Metric.objects.filter(council=None)
        .annotate(n=Count("readings__council", distinct=True))
        .filter(n__gt=1)
        .order_by("slug")
    )
    everyone = "&".join(f"council={c.gss_code}" for c in live)
    pages = {
        "council": [c.get_absolute_url() for c in councils],
        "project": [rng.choice(projects[c.pk]).get_absolute_url() for c in councils if c.pk in projects],
        "programme": [
            p.get_absolute_url() for p in Programme.objects.annotate(n=Count("participations")).filter(n__gt=0)
        ],
        "compare": [f"/compare/?metric={m.slug}&{everyone}" for m in common],
        "floor": ["/accessibility/"],
    }
    for username in (WRITER, DRAFT_READER):
        user, _ = get_user_model().objects.get_or_create(username=username)
        for council in councils:
            Membership.objects.get_or_create(user=user, council=council, role="manager")
    newest = (
        # Generated measures only: an official figure is DfE's, not the council's to edit.
        Reading.objects.filter(
            council__in=councils, metric__in=[m for m in common if m.slug.startswith("scale-")], kind="actual"
        )
        .values("council_id", "metric_id")
        .annotate(last=Max("period_end"))
    )
    codes = {c.pk: c.gss_code for c in councils}
    targets = []
    for row in newest:
        reading = (
            Reading.objects.filter(council_id=row["council_id"], metric_id=row["metric_id"], period_end=row["last"])
            .order_by("pk")
            .first()
        )
        if reading:
            targets.append((codes[row["council_id"]], reading.pk))
    rng.shuffle(targets)
    return pages, targets


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples: list[dict] = []

    def add(self, **sample):
        with self.lock:
            self.samples.append(sample)


def reader(port, cookies, pages, recorder, phase, stop, rng):
    client = Http(port, cookies)
    kinds, weights = zip(*((k, w) for k, w in WEIGHTS.items() if pages[k]), strict=True)
    while not stop.is_set():
        kind = rng.choices(kinds, weights)[0]
        url = rng.choice(pages[kind])
        began = time.perf_counter()
        try:
            status = client.request("GET", url)[0]
        except OSError as exc:
            status = f"{type(exc).__name__}"
        recorder.add(phase=phase(), kind=kind, ms=(time.perf_counter() - began) * 1000, status=status, url=url)


def save_once(client: Http, gss_code: str, pk: int, rng) -> tuple[float, str | None]:
    """One save as a browser makes it: the form, the post, the page it redirects to. Returns (ms, error)."""
    path = f"/councils/{gss_code}/figures/{pk}/edit/"
    status, _, body = client.request("GET", path)
    if status != 200:
        return 0.0, f"form {status}"
    form = FormFields()
    form.feed(body.decode())
    fields = form.fields
    text = fields.get("value") or "0"
    if "." in text:  # a rate or an amount: a tenth up or down
        fields["value"] = f"{float(text) + rng.choice((-0.1, 0.1)):.1f}"
    else:  # a count: one more, or one fewer but never below nought
        fields["value"] = str(max(0, int(text) + rng.choice((-1, 1))))
    fields["explanation"] = "Benchmark: corrected figure."
    began = time.perf_counter()
    status, headers, body = client.request("POST", path, fields)
    if status != 302:
        said = re.findall(r'govuk-error-message">\s*(?:<span[^>]*>[^<]*</span>)?\s*([^<]+)', body.decode())
        return (time.perf_counter() - began) * 1000, f"post {status} {'; '.join(s.strip() for s in said)[:120]}"
    status = client.request("GET", headers["location"])[0]
    elapsed = (time.perf_counter() - began) * 1000
    return elapsed, None if status == 200 else f"redirect {status}"


def writer(port, cookies, targets, recorder, every, stop, rng):
    client = Http(port, cookies)
    turn = 0
    while not stop.is_set():
        began = time.monotonic()
        gss_code, pk = targets[turn % len(targets)]
        turn += 1
        try:
            ms, error = save_once(client, gss_code, pk, rng)
        except OSError as exc:
            ms, error = 0.0, type(exc).__name__
        recorder.add(phase="with writer", kind="save", ms=ms, status=error or 302, url=f"{gss_code}/{pk}")
        stop.wait(max(0.0, every - (time.monotonic() - began)))


def run_phase(
    args, name, pages, reader_cookies, writer_cookies, targets, recorder, *, with_writer: bool, duration=None
):
    stop = threading.Event()
    rng = random.Random(args.seed + (1 if with_writer else 0))
    threads = [
        threading.Thread(
            target=reader,
            args=(args.port, cookies, pages, recorder, lambda: name, stop, random.Random(rng.random())),
        )
        for cookies in reader_cookies
    ]
    if with_writer:
        threads.append(
            threading.Thread(
                target=writer, args=(args.port, writer_cookies, targets, recorder, args.save_every, stop, rng)
            )
        )
    for thread in threads:
        thread.start()
    stop.wait(duration or args.duration)
    stop.set()
    for thread in threads:
        thread.join()


def warm(args, pages, reader_cookies):
    """Every page in the pool once for each reader's session, by the readers' number of threads, first the
    first reader's (each page built once) then the others': the steady state both phases start from."""
    lock = threading.Lock()
    visits = [(cookies, url) for cookies in reader_cookies for url in (u for kind in WEIGHTS for u in pages[kind])]
    visits.reverse()

    def work():
        while True:
            with lock:
                if not visits:
                    return
                cookies, url = visits.pop()
            Http(args.port, cookies).request("GET", url)

    threads = [threading.Thread(target=work) for _ in range(args.readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main(argv=None) -> int:
    args = parse_args(argv)
    env = production_env(args.database_url)
    os.environ.update(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    from benchmarks import load
    from benchmarks.pages import load_average
    from benchmarks.run import _cache_and_sessions, database_summary

    pages, targets = pools(args)
    from django_tasks_db.models import DBTaskResult

    # Rebuilds an earlier run queued and never ran: their pages are warmed again below (benchmark database only).
    DBTaskResult.objects.ready().filter(task_path="pipdash.web.page_rebuild.rebuild_page").delete()
    reader_name = DRAFT_READER if args.readers_see_drafts else args.reader
    header = {
        "command": " ".join(["python", "benchmarks/mixed_load.py", *(argv or sys.argv[1:])]),
        "machine": f"{os.uname().nodename} {os.cpu_count()} cores, shared with other sessions",
        "readers": f"{args.readers} threads signed in as {reader_name}; writer {WRITER} every {args.save_every} s",
        "gunicorn": f"{args.workers} sync workers",
        "task_runner": f"one db_worker, nice {args.task_runner_nice}",
        "pool": ", ".join(f"{k} {len(v)}" for k, v in pages.items()) + f"; {len(targets)} figures to edit",
        "cache_and_sessions": _cache_and_sessions(),
        "cache_key_prefix": env["CACHE_KEY_PREFIX"],
        **database_summary(),
    }
    print("\n".join(f"{k}: {v}" for k, v in header.items()), flush=True)
    sessions = 1 if args.shared_session else args.readers
    shared = [_session_cookie(reader_name) for _ in range(sessions)]
    reader_cookies, writer_cookies = [shared[n % sessions] for n in range(args.readers)], _session_cookie(WRITER)
    recorder = Recorder()
    with (
        load.Gunicorn(port=args.port, workers=args.workers, env=env),
        load.TaskRunner(env=env, nice=args.task_runner_nice),
    ):
        began = time.monotonic()
        warm(args, pages, reader_cookies)
        header["warm_up_s"] = round(time.monotonic() - began)
        for kind in ("floor", "council") if args.throughput_seconds else ():
            only = {k: (urls if k == kind else []) for k, urls in pages.items()}
            print(f"{kind} alone: {args.throughput_seconds} s, load {load_average()}", flush=True)
            run_phase(
                args,
                f"{kind} alone",
                only,
                reader_cookies,
                None,
                [],
                recorder,
                with_writer=False,
                duration=args.throughput_seconds,
            )
        for name, with_writer in (("readers only", False), ("with writer", True)):
            header[f"load_average_{name.replace(' ', '_')}"] = load_average()
            print(f"{name}: {args.duration} s, load {load_average()}", flush=True)
            run_phase(args, name, pages, reader_cookies, writer_cookies, targets, recorder, with_writer=with_writer)
    rows = summary(recorder.samples)
    text = f"{table(rows)}\n\n{targets_text(rows, recorder.samples, args.duration)}"
    if args.throughput_seconds:
        text += "\n" + throughput_text(recorder.samples, args.throughput_seconds)
    print(f"\n{text}")
    if not args.no_write:
        stamp = time.strftime("%Y-%m-%d-%H%M", time.gmtime())
        base = ROOT / "benchmarks" / "results" / f"{stamp}-mixed-{args.label}"
        head = "\n".join(f"- {k}: {v}" for k, v in header.items())
        base.with_suffix(".md").write_text(f"# Mixed load ({args.label})\n\n{head}\n\n{text}\n", encoding="utf-8")
        slowest = sorted(recorder.samples, key=lambda s: -s["ms"])[:20]
        base.with_suffix(".json").write_text(
            json.dumps({"header": header, "rows": rows, "slowest": slowest}, indent=1), encoding="utf-8"
        )
        print(f"\nWritten to {base.relative_to(ROOT)}.md and .json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
