"""Print the figures as a Markdown table and keep them in benchmarks/results/."""

import dataclasses
import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

RESULTS = Path(__file__).resolve().parent / "results"


def pages_table(results) -> str:
    lines = [
        "| page | URL | status | first ms | median ms | p95 ms | queries first / warm | bytes | errors | load avg |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.timed_out:
            lines.append(
                f"| {r.page.name} | `{_short(r.page.url)}` | none | > {r.median_ms / 1000:.0f} s (stopped) | | | | | "
                f"1 | {r.load} |"
            )
            continue
        cold = r.first_queries if r.first_queries is not None else "?"
        lines.append(
            f"| {r.page.name} | `{_short(r.page.url)}` | {r.status} | {r.first_ms or 0:.1f} | {r.median_ms:.1f} | "
            f"{r.p95_ms:.1f} | {cold} / {r.queries} | {r.bytes:,} | {r.errors}/{r.repeats} | {r.load} |"
        )
    return "\n".join(lines)


def _short(url: str) -> str:
    return url if len(url) <= 70 else f"{url[:60]}...({url.count('&') + 1} parameters)"


def notes(results) -> str:
    return "\n".join(f"- {r.page.name}: {r.page.note}" for r in results if r.page.note)


def load_table(results) -> str:
    lines = [
        "| page | URL | req/s | requests | errors | p50 ms | p99 ms | workers x conns x s | load avg |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        p50 = f"{r.latency_p50_ms:.1f}" if r.latency_p50_ms is not None else ""
        p99 = f"{r.latency_p99_ms:.1f}" if r.latency_p99_ms is not None else ""
        lines.append(
            f"| {r.name} | `{urlsplit(r.url).path}` | "
            f"{r.requests_per_second:,.0f} | {r.requests:,} | {r.errors} | {p50} | {p99} | "
            f"{r.workers} x {r.connections} x {r.duration_s} | {r.load} |"
        )
    return "\n".join(lines)


def write(*, size: str, header: dict, pages, loads, extra: str = "") -> tuple[Path, Path]:
    """Write `<date>-<size>.md` and `.json`; a second run on the same day gets a time suffix."""
    RESULTS.mkdir(exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    stem = f"{now:%Y-%m-%d}-{size}"
    if (RESULTS / f"{stem}.md").exists():
        stem = f"{now:%Y-%m-%d-%H%M}-{size}"
    markdown = render(size=size, header=header, pages=pages, loads=loads, extra=extra, when=now)
    md_path = RESULTS / f"{stem}.md"
    md_path.write_text(markdown, encoding="utf-8")
    data = {
        "size": size,
        "when": now.isoformat(timespec="seconds"),
        **header,
        "pages": [_plain(r) for r in pages],
        "load": [dataclasses.asdict(r) for r in loads],
    }
    json_path = RESULTS / f"{stem}.json"
    json_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return md_path, json_path


def _plain(result) -> dict:
    data = dataclasses.asdict(result)
    data["timings_ms"] = [round(t, 2) for t in data["timings_ms"]]
    return data


def render(*, size, header, pages, loads, extra, when) -> str:
    parts = [f"# pipdash benchmark: {size} size, {when:%Y-%m-%d %H:%M} UTC", ""]
    parts += [f"- {key.replace('_', ' ')}: {value}" for key, value in header.items()]
    parts += ["", "## Server time per page (Django test client, in process, signed in)", "", pages_table(pages)]
    parts += ["", notes(pages)]
    if loads:
        parts += ["", "## Throughput (gunicorn + wrk on 127.0.0.1)", "", load_table(loads)]
    if extra:
        parts += ["", extra]
    return "\n".join(parts) + "\n"
