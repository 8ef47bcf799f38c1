"""How the benchmarks state a spread of timings: median, p95 (nearest rank) and max, computed
one way for every bench."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with `pct`% of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * pct / 100) - 1)]


def spread(name: str, seconds: Sequence[float], *, width: int = 22, what: str = "") -> str:
    """`name  [what] p50 … s  p95 … s  max … s` for a list of durations in seconds."""
    shown = f"{what} " if what else ""
    return (
        f"{name:<{width}} {shown}p50 {statistics.median(seconds):5.2f} s  "
        f"p95 {percentile(seconds, 95):5.2f} s  max {max(seconds):5.2f} s"
    )
