"""Actors' positions against PolNeAR's indirect and mixed attributions.

A port of the reference scorer positions_eval.py that comes with the PolNeAR builder, so
the figures are the same. Recall: an eligible gold attribution (indirect or mixed, with a
named speaker or a pronoun with a silver entity) is covered when an actor matching its
speaker has a position overlapping its content (half of the shorter of the two). Top-5:
the same over the attributions of each article's five most cited speakers. Precision: a
located position is correct when it overlaps content attributed to its actor; wrong ones
say why ("other speaker", "unverifiable": only gold without a usable speaker, or "not in
gold"). Positions that cannot be found in the text are left out of precision.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from summarizer.eval.counts import add_counts
from summarizer.eval.mentions import is_named, lower_case_words
from summarizer.eval.polnear_gold import Attribution, PolnearDoc
from summarizer.eval.polnear_locate import Locator
from summarizer.eval.polnear_speakers import (
    ActorMatcher,
    speaker_keys,
    targets,
    top_speakers,
)
from summarizer.eval.spans import covers_half_of_shorter
from summarizer.types import Brief

Verdict = Literal["correct", "other speaker", "unverifiable", "not in gold"]
WRONG: tuple[Verdict, ...] = ("other speaker", "unverifiable", "not in gold")
RECALLED_TYPES = ("indirect", "mixed")


@dataclass(frozen=True, slots=True)
class WrongPosition:
    """A located position the gold does not give its actor, for --show-errors."""

    doc_id: str
    actor: str
    text: str
    verdict: Verdict
    said_by: tuple[str, ...]  # gold speakers of the content it overlaps


@dataclass(slots=True)
class PositionTally:
    """Counts summed over articles; the figures are micro-averages of them."""

    docs: int = 0
    crashed: int = 0
    eligible: Counter[str] = field(default_factory=Counter)  # by gold type
    covered: Counter[str] = field(default_factory=Counter)
    eligible_top: int = 0
    covered_top: int = 0
    top_speakers: int = 0  # top-5 speakers with an eligible attribution
    top_speakers_covered: int = 0
    positions: Counter[bool] = field(default_factory=Counter)  # by direct
    located: Counter[str] = field(default_factory=Counter)  # by how
    unlocatable: int = 0
    verdicts: Counter[tuple[bool, Verdict]] = field(default_factory=Counter)  # (direct, verdict)

    def add(self, other: PositionTally) -> None:
        add_counts(self, other)

    def judged(self, *, direct: bool | None = None) -> int:
        """Located positions (of one kind, or all when direct is None)."""
        return sum(n for (d, _), n in self.verdicts.items() if direct is None or d == direct)

    def count(self, verdict: Verdict, *, direct: bool | None = None) -> int:
        return sum(
            n
            for (d, v), n in self.verdicts.items()
            if v == verdict and (direct is None or d == direct)
        )


@dataclass(frozen=True, slots=True)
class Placed:
    """A position found in the article, with the actor it was given to."""

    matcher: ActorMatcher
    start: int
    end: int
    direct: bool
    actor: str
    text: str


@dataclass(frozen=True, slots=True)
class DocPositions:
    tally: PositionTally
    wrong: list[WrongPosition]


def eligible(doc: PolnearDoc) -> list[int]:
    """Indexes of the attributions recall is measured on: indirect or mixed, with a speaker
    that is a name (or a named-entity description) or a pronoun with a silver entity."""
    lower_words = lower_case_words(doc.text)
    return [
        i
        for i, a in enumerate(doc.attributions)
        if a.type in RECALLED_TYPES
        and a.speaker
        and (
            a.speaker_entity_silver
            or (not a.speaker_is_pronoun and is_named(a.speaker, lower_words))
        )
        and targets(a)
    ]


def verdict(matcher: ActorMatcher, hit: list[Attribution]) -> Verdict:
    """Why a position is right or wrong, from the gold attributions its text overlaps."""
    if any(targets(a) and matcher.matches_gold(a) for a in hit):
        return "correct"
    if any(targets(a) for a in hit):
        return "other speaker"
    return "unverifiable" if hit else "not in gold"


def score_doc_positions(doc: PolnearDoc, brief: Brief | None) -> DocPositions:
    """One article's counts; brief None (summarize() refused it) misses all its gold."""
    t = PositionTally(docs=1)
    attributions = doc.attributions
    keys = speaker_keys(attributions)
    top = top_speakers(keys)
    recalled = eligible(doc)
    t.eligible.update(attributions[i].type for i in recalled)
    t.eligible_top = sum(1 for i in recalled if keys[i] in top)
    t.top_speakers = len({keys[i] for i in recalled if keys[i] in top})
    if brief is None:
        t.crashed = 1
        return DocPositions(t, [])
    locator = Locator(doc.text, brief)
    placed: list[Placed] = []
    for actor in brief.actors:
        matcher = ActorMatcher.of(actor)
        for position in actor.positions:
            t.positions[position.direct] += 1
            found = locator.locate(position.text, position.sentence)
            if found is None:
                t.unlocatable += 1
                continue
            t.located[found.how] += 1
            placed.append(
                Placed(matcher, found.start, found.end, position.direct, actor.name, position.text)
            )
    covered_speakers = set()
    for i in recalled:
        a = attributions[i]
        if any(
            covers_half_of_shorter(p.start, p.end, a.spans) and p.matcher.matches_gold(a)
            for p in placed
        ):
            t.covered[a.type] += 1
            if keys[i] in top:
                t.covered_top += 1
                covered_speakers.add(keys[i])
    t.top_speakers_covered = len(covered_speakers)
    wrong = []
    for p in placed:
        hit = [a for a in attributions if covers_half_of_shorter(p.start, p.end, a.spans)]
        judged = verdict(p.matcher, hit)
        t.verdicts[p.direct, judged] += 1
        if judged != "correct":
            said_by = tuple(dict.fromkeys(a.speaker for a in hit if a.speaker))
            wrong.append(WrongPosition(doc.id, p.actor, p.text, judged, said_by))
    return DocPositions(t, wrong)
