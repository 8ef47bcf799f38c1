"""Character spans: when two stretches are the same quotation, and one-to-one matching.

Every scorer (the CNN list, PolNeAR's quotes and positions) uses these, so a change to
the rule changes all figures alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

FIRST_QUOTES = 5  # what a reader sees of a brief's quotes


class Span(Protocol):
    """Anything with a start and an end offset (end exclusive)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def spans_match(found: Span, listed: Span) -> bool:
    """Same quotation when the overlap covers at least half of each span.

    Half, not all: an extractor that keeps a trailing comma or cuts a quote at a
    paragraph break still found the quote, while a fragment of a long quote did not.
    """
    shared = overlap(found.start, found.end, listed.start, listed.end)
    return (
        shared > 0
        and 2 * shared >= found.end - found.start
        and 2 * shared >= listed.end - listed.start
    )


def match_spans(
    found: Sequence[Span], listed: Sequence[Span], *, later_first: bool = False
) -> list[tuple[int, int]]:
    """One-to-one (found index, listed index) pairs, greedy by largest overlap first.

    Ties go to the earlier listed, then the earlier found span, so the result is stable;
    `later_first` breaks them the other way round (later found, then later listed), as
    PolNeAR's reference quote scorer does, so that its figures are reproduced exactly.
    Pairs come back ordered by listed index.
    """
    candidates = [
        (overlap(f.start, f.end, q.start, q.end), fi, li)
        for fi, f in enumerate(found)
        for li, q in enumerate(listed)
        if spans_match(f, q)
    ]
    if later_first:
        candidates.sort(key=lambda c: (-c[0], -c[1], -c[2]))
    else:
        candidates.sort(key=lambda c: (-c[0], c[2], c[1]))
    used_found: set[int] = set()
    used_listed: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, fi, li in candidates:
        if fi in used_found or li in used_listed:
            continue
        used_found.add(fi)
        used_listed.add(li)
        pairs.append((fi, li))
    pairs.sort(key=lambda p: p[1])
    return pairs


def first_matched(pairs: Sequence[tuple[int, int]], found_count: int) -> tuple[int, int]:
    """(matched, shown) among the first FIRST_QUOTES found: are the quotes a reader sees real?"""
    shown = min(FIRST_QUOTES, found_count)
    return sum(1 for fi, _ in pairs if fi < shown), shown


def covers_half_of_shorter(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """A stretch meets possibly discontinuous content when their overlap is at least half
    of the shorter of the two: a position may paraphrase only part of what was said."""
    shared = sum(overlap(start, end, s, e) for s, e in spans)
    content = sum(e - s for s, e in spans)
    return shared > 0 and shared >= 0.5 * min(end - start, content)
