"""Prototype only, for measuring: pipdash's settings with the council page served from a cache.

Used by `benchmarks/run.py --prototype cached-council` to measure what caching the council page
would gain. It is not how pipdash should cache (see results/ANALYSIS.md): it has no invalidation.
"""

from pipdash.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.prototype.urls"
