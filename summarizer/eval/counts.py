"""Tallies summed over articles: every figure is a micro-average of such counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from typing import Any


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def add_counts(into: Any, other: Any) -> None:
    """Add every field of the dataclass `other` into the same field of `into`: numbers are
    summed and Counters merged, so a new count in a tally needs no new adding code."""
    for f in fields(into):
        mine = getattr(into, f.name)
        if isinstance(mine, Counter):
            mine.update(getattr(other, f.name))
        else:
            setattr(into, f.name, mine + getattr(other, f.name))


def f_measure(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
