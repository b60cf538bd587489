"""The programme overview's cold build with its per-council rows stored (issue 20 point 4), three ways.

    .venv/bin/python benchmarks/programme_rows.py --database-url postgres://postgres@127.0.0.1:5432/MYCOPY

Every cache is a dummy one (as in cold_builds.py), so each request builds the page; what differs is the
store of per-council rows (pipdash/dashboards/programme_rows.py):

- `stored`: every council's row current (as between writes, or after `manage.py refresh_programme_rows`);
- `1 changed`: one council's versions moved on before each request, as its write does, so its row is remade;
- `none stored`: the programme's stored rows deleted before each request (the first reader of the day
  before the refresh has run, or a new recipe).

It WRITES to the database it is given (version bumps, deleting stored rows): use a copy of your own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cold_builds import load_average, pages, rebuilding, timed  # noqa: E402
from benchmarks.run import DEFAULT_DATABASES, production_env  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASES["full"])
    parser.add_argument("--user", default="adviser")
    parser.add_argument("--council", default="E10000019", help="The council whose write is replayed.")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.update(production_env(args.database_url))
    import django

    django.setup()
    from benchmarks.pages import signed_in_client
    from pipdash.dashboards.models import ProgrammeCouncilRow
    from programmes.data_versions import councils_changed
    from programmes.models import Council, Programme

    url = pages(args.council)["programme"]
    programme = Programme.objects.get(slug=url.rstrip("/").rsplit("/", 1)[-1])
    council = Council.objects.get(gss_code=args.council)
    client = signed_in_client(args.user)
    client.get(url)  # imports, the session, and every row stored
    cases = {
        "stored": lambda: None,
        "1 changed": lambda: councils_changed(council_ids=[council.pk]),
        "none stored": lambda: ProgrammeCouncilRow.objects.filter(programme=programme).delete(),
    }
    for name, before in cases.items():
        runs = []
        with rebuilding():
            for _ in range(args.repeats):
                before()
                runs.append(timed(client, "GET", url))
        median = statistics.median(r[0] for r in runs)
        print(f"programme, {name:<12} {median:>6.0f} ms {runs[-1][1]:>3} queries status {runs[-1][2]}"
              f"  load {load_average()}  runs {' '.join(f'{r[0]:.0f}' for r in runs)}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
