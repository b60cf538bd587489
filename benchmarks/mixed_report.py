"""The mixed-load benchmark's report (benchmarks/mixed_load.py): percentiles per page type and phase, and
issue 20's targets for the run."""

from collections import Counter

# Page types in the order reported; mixed_load.py picks them with these weights.
WEIGHTS = {"council": 40, "project": 20, "programme": 15, "compare": 15, "floor": 10}


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(samples) -> list[dict]:
    rows = []
    for phase in ("readers only", "with writer"):
        for kind in (*WEIGHTS, "save"):
            chosen = [s for s in samples if s["phase"] == phase and s["kind"] == kind]
            if not chosen:
                continue
            good = {200} if kind != "save" else {302}
            ms = [s["ms"] for s in chosen]
            rows.append(
                {
                    "phase": phase,
                    "kind": kind,
                    "requests": len(chosen),
                    "errors": sum(s["status"] not in good for s in chosen),
                    "p50_ms": percentile(ms, 0.50),
                    "p95_ms": percentile(ms, 0.95),
                    "p99_ms": percentile(ms, 0.99),
                    "max_ms": max(ms),
                }
            )
    return rows


def targets_text(rows, samples, duration) -> str:
    """Issue 20's targets for this run: p95 with the writer at most 1.5x without, no page over 500 ms,
    saves p95 at most 300 ms, no errors."""
    by = {(r["phase"], r["kind"]): r for r in rows}
    lines = ["## Targets (issue 20)", ""]
    for kind in WEIGHTS:
        alone, mixed = by.get(("readers only", kind)), by.get(("with writer", kind))
        if not (alone and mixed):
            continue
        ratio = mixed["p95_ms"] / alone["p95_ms"]
        lines.append(
            f"- {kind}: p95 {alone['p95_ms']:.0f} ms alone, {mixed['p95_ms']:.0f} ms with the writer ({ratio:.2f}x, "
            f"target at most 1.5x): {'met' if ratio <= 1.5 else 'NOT met'}; slowest {mixed['max_ms']:.0f} ms "
            f"(target at most 500 ms): {'met' if mixed['max_ms'] <= 500 else 'NOT met'}"
        )
    if save := by.get(("with writer", "save")):
        lines.append(
            f"- saves: {save['requests']}, p50 {save['p50_ms']:.0f} ms, p95 {save['p95_ms']:.0f} ms (target at most "
            f"300 ms): {'met' if save['p95_ms'] <= 300 else 'NOT met'}"
        )
    errors = sum(r["errors"] for r in rows)
    lines.append(f"- errors: {errors} (target 0): {'met' if errors == 0 else 'NOT met'}")
    failed = Counter(f"{s['kind']} {s['status']}" for s in samples if s["status"] not in (200, 302))
    lines += [f"  - {count} x {what}" for what, count in failed.most_common(10)]
    for phase in ("readers only", "with writer"):
        count = sum(r["requests"] for r in rows if r["phase"] == phase and r["kind"] != "save")
        lines.append(f"- {phase}: {count / duration:.1f} reader requests/s")
    return "\n".join(lines)


def throughput_text(samples, seconds) -> str:
    """Issue 20 point 5: the council page's throughput, every reader on it, against the floor's (a minimal
    signed-in page) in the same run: at least 0.9x."""
    rate = {
        kind: sum(s["phase"] == f"{kind} alone" and s["status"] == 200 for s in samples) / seconds
        for kind in ("floor", "council")
    }
    ratio = rate["council"] / rate["floor"] if rate["floor"] else 0
    verdict = "met" if ratio >= 0.9 else "NOT met"
    return (
        f"- throughput, every reader on one page type: floor {rate['floor']:.1f} req/s, council {rate['council']:.1f}"
        f" req/s ({ratio:.2f}x, target at least 0.9x): {verdict}"
    )


def table(rows) -> str:
    out = [
        "| phase | page | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['phase']} | {r['kind']} | {r['requests']} | {r['errors']} | {r['p50_ms']:.0f} | "
            f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['max_ms']:.0f} |"
        )
    return "\n".join(out)
