"""Where in the article an actor's position is: positions carry only text and a sentence.

Ported from PolNeAR's reference position scorer. The text, with white space folded, is
searched verbatim; among several hits the one in the expected sentence wins (sentence
offsets are estimated from anchors the brief itself gives: its quotes' offsets and its
bullets' text); text not found verbatim is searched by its longest leading run of words
(at least MIN_LOCATE_WORDS) near that sentence. The rest is unlocatable.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

from summarizer.types import Brief

MIN_LOCATE_WORDS = 4
MIN_BULLET_ANCHOR = 20  # shorter bullet texts may occur anywhere
NEAR = 200  # folded characters around the expected sentence where a prefix may lie

How = Literal["exact", "ambiguous", "prefix"]


@dataclass(frozen=True, slots=True)
class Located:
    start: int  # offsets into the original text
    end: int
    how: How


@dataclass(frozen=True, slots=True)
class Anchor:
    sentence: int
    offset: int  # in the original text
    starts_sentence: bool


def fold(text: str) -> tuple[str, list[int]]:
    """White space folded to single spaces, with the original offset of each folded one."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if space:
                continue
            out.append(" ")
            space = True
        else:
            out.append(ch)
            space = False
        where.append(i)
    where.append(len(text))
    return "".join(out), where


def find_all(hay: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Every start of needle lying wholly within hay[lo:hi]."""
    hi = len(hay) if hi is None else hi
    hits, i = [], hay.find(needle, lo, hi)
    while i >= 0:
        hits.append(i)
        i = hay.find(needle, i + 1, hi)
    return hits


class Locator:
    """Finds a brief's positions in its article (one per brief: anchors come from it)."""

    def __init__(self, text: str, brief: Brief) -> None:
        self.text = text
        self.folded, self.where = fold(text)
        anchors = [Anchor(q.sentence, q.start, False) for q in brief.quotes]
        for bullet in brief.bullets:
            flat = " ".join(bullet.text.split())
            hits = find_all(self.folded, flat) if len(flat) >= MIN_BULLET_ANCHOR else []
            if len(hits) == 1:
                anchors.append(Anchor(bullet.sentence, self.where[hits[0]], True))
        self.anchors = sorted(anchors, key=lambda a: (a.sentence, a.offset, a.starts_sentence))

    def folded_offset(self, original: int) -> int:
        return bisect.bisect_left(self.where, original)

    def window(self, sentence: int) -> tuple[int, int]:
        """Folded offsets between which the sentence must lie, from the brief's anchors."""
        lo = max(
            [
                a.offset
                for a in self.anchors
                if a.sentence < sentence or (a.sentence == sentence and a.starts_sentence)
            ]
            + [0]
        )
        hi = min([a.offset for a in self.anchors if a.sentence > sentence] + [len(self.text)])
        return self.folded_offset(lo), self.folded_offset(max(lo, hi))

    def locate(self, text: str, sentence: int) -> Located | None:
        flat = " ".join(text.split())
        if flat.endswith("\u2026"):
            flat = flat[:-1].rstrip()
        if not flat:
            return None
        lo, hi = self.window(sentence)
        hits = find_all(self.folded, flat)
        how: How = "exact"
        if not hits:
            words = flat.split(" ")
            for k in range(len(words) - 1, MIN_LOCATE_WORDS - 1, -1):
                prefix = " ".join(words[:k])
                near = (max(0, lo - NEAR), min(len(self.folded), hi + NEAR))
                hits = find_all(self.folded, prefix, *near)
                if hits:
                    how = "prefix"
                    break
            if not hits:
                return None
        if len(hits) > 1:
            inside = [h for h in hits if lo <= h < hi]
            hits = inside or sorted(hits, key=lambda h: min(abs(h - lo), abs(h - hi)))
            if len(hits) > 1 and how == "exact":
                how = "ambiguous"
        start = hits[0]
        end = min(start + len(flat), len(self.folded))
        return Located(self.where[start], self.where[end - 1] + 1, how)
