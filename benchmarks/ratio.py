"""The council page's warm median at full size over its median at demo size (issue 8's 1.5x target),
measured alternately (demo, full, demo, full...) so that the machine's drift falls on both alike.

    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python benchmarks/ratio.py --rounds 3

Each measurement runs in its own process (Django binds one database per process): 5 warm-up requests,
then the median of `--requests`, for the council page and the floor, signed in as lincs-manager.
Needs the two databases `run.py --prepare` makes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASES = {
    "demo": "postgres://postgres@127.0.0.1:5432/pipdash_scale_demo",
    "full": "postgres://postgres@127.0.0.1:5432/pipdash_scale",
}


def measure_here(database_url: str, requests: int, council: str) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import production_env

    os.environ.update(production_env(database_url))
    import django

    django.setup()
    from benchmarks.pages import signed_in_client

    client = signed_in_client("lincs-manager")

    def median_ms(url: str) -> float:
        for _ in range(5):
            client.get(url)
        timings = []
        for _ in range(requests):
            began = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        return statistics.median(timings)

    print(f"{median_ms(f'/councils/{council}/'):.2f} {median_ms('/accessibility/'):.2f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--council", default="E10000019")
    parser.add_argument("--one", choices=list(DATABASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        measure_here(DATABASES[args.one], args.requests, args.council)
        return 0
    ratios = []
    for round_ in range(1, args.rounds + 1):
        medians = {}
        for size in DATABASES:
            out = subprocess.run(
                [sys.executable, __file__, "--one", size, "--requests", str(args.requests), "--council", args.council],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout.split()
            medians[size] = (float(out[0]), float(out[1]))
        ratio = medians["full"][0] / medians["demo"][0]
        ratios.append(ratio)
        print(
            f"round {round_}: council demo {medians['demo'][0]:.2f} ms, full {medians['full'][0]:.2f} ms, "
            f"full/demo {ratio:.2f}x (floor {medians['demo'][1]:.2f} and {medians['full'][1]:.2f} ms)",
            flush=True,
        )
    print(f"median full/demo {statistics.median(ratios):.2f}x (target at most 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
