"""Two checkouts' cold builds of one page, request by request in turn, so both see the same load (issue 20).

    .venv/bin/python benchmarks/paired_builds.py /tmp/base /work/branch --page project --rounds 20
    .venv/bin/python benchmarks/paired_builds.py /tmp/base /work/branch --page project --user lincs-manager

On a shared machine cold_builds.py's medians move by 2x from one run to the next with the load. Here each
checkout runs in a process of its own (its own code, its .venv), signed in and warmed up, every cache a dummy
one as cold_builds.py has them; the two then build the page alternately, one request each a round, the order
swapped every round. Printed: each one's wall and process CPU time per request (median and minimum), its
queries, and the median of the second's time over the first's, round by round: the ratio that decides.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="*", help="The two checkouts' directories, each with its .venv.")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/pipdash_perf")
    parser.add_argument("--page", default="project", help="A page name of cold_builds.py's pages().")
    parser.add_argument("--query", default="", help="Appended to the page's address, e.g. '?readings-page=2'.")
    parser.add_argument("--user", default="adviser")
    parser.add_argument("--council", default="E10000019")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def child(args) -> None:
    """In a checkout: build the page cold once for each line read, printing its wall ms, queries and CPU ms."""
    sys.path.insert(0, os.getcwd())
    from benchmarks.run import production_env

    os.environ.update(production_env(args.database_url))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.cold_builds import pages, rebuilding
    from benchmarks.pages import signed_in_client

    client = signed_in_client(args.user)
    url = pages(args.council)[args.page] + args.query
    client.get(url)  # imports and the session, outside the timing
    with rebuilding():
        for _ in range(3):
            client.get(url)
        print("ready", flush=True)
        for _ in sys.stdin:
            with CaptureQueriesContext(connection) as captured:
                began, cpu = time.perf_counter(), time.process_time()
                client.get(url)
                wall, cpu = (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000
            print(f"{wall:.2f} {len(captured.captured_queries)} {cpu:.2f}", flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        child(args)
        return 0
    command = [
        "benchmarks/paired_builds.py", "--child", "--database-url", args.database_url, "--page", args.page,
        "--query", args.query, "--user", args.user, "--council", args.council,
    ]  # fmt: skip
    if len(args.checkouts) != 2:
        raise SystemExit("Give two checkouts.")
    procs = []
    for checkout in args.checkouts:
        script = Path(checkout, "benchmarks", "paired_builds.py")
        if not script.exists():  # an older checkout: run this file against its code
            command[0] = str(Path(__file__).resolve())
        proc = subprocess.Popen(  # noqa: S603 (our own script, in the checkout given)
            [str(Path(checkout, ".venv", "bin", "python")), *command],
            cwd=checkout, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit(f"{checkout}: the page did not build")
        procs.append(proc)
    walls, cpus, queries, loads = [[], []], [[], []], [0, 0], []
    for n in range(args.rounds):
        for i in (0, 1) if n % 2 == 0 else (1, 0):
            procs[i].stdin.write("go\n")
            procs[i].stdin.flush()
            wall, count, cpu = procs[i].stdout.readline().split()
            walls[i].append(float(wall))
            cpus[i].append(float(cpu))
            queries[i] = int(count)
        with open("/proc/loadavg", encoding="ascii") as handle:
            loads.append(float(handle.read().split()[0]))
    for proc in procs:
        proc.stdin.close()
        proc.wait()
    for checkout, wall, cpu, count in zip(args.checkouts, walls, cpus, queries, strict=True):
        print(
            f"{checkout:28} wall {statistics.median(wall):7.1f} ms (min {min(wall):6.1f}), "
            f"CPU {statistics.median(cpu):7.1f} ms (min {min(cpu):6.1f}), {count} queries"
        )
    ratio = statistics.median(b / a for a, b in zip(*walls, strict=True))
    cpu_ratio = statistics.median(b / a for a, b in zip(*cpus, strict=True))
    print(f"second / first, median of {args.rounds} rounds: wall {ratio:.3f}, CPU {cpu_ratio:.3f}")
    print(f"load {min(loads):.2f}-{max(loads):.2f}, {args.user}, {args.page}{args.query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
