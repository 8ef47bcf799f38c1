"""The benches' one way of stating timings: nearest-rank percentiles."""

from __future__ import annotations

from bot.timings import percentile, spread


def test_percentile_is_the_nearest_rank() -> None:
    assert percentile(range(1, 201), 95) == 190
    assert percentile(range(1, 16), 95) == 15  # 14.25 ranks up
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([7.0], 95) == 7.0


def test_spread_names_median_p95_and_max() -> None:
    line = spread("acks", [0.5, 0.1, 0.2, 0.3], width=6)
    assert line == "acks   p50  0.25 s  p95  0.50 s  max  0.50 s"
    assert spread("pool", [1.0], what="replies").startswith("pool" + " " * 19 + "replies p50")
