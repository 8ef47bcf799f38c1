"""Direct quotes and their speakers against PolNeAR's quoted stretches.

A port of the reference scorer quote_eval.py that comes with the PolNeAR builder, so the
figures are the same. Gold: the stretches inside quotation marks of every attribution. A
found quote matches a gold one when each covers half of the other (one-to-one, largest
overlap first). A matched quote's speaker is right when its words (name and role) meet the
words of the gold mention or of its silver entity; a pronoun is judged only through the
silver entity, and gold without any speaker is not judged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from summarizer.eval.counts import add_counts, f_measure, ratio
from summarizer.eval.mentions import MentionKind, lower_case_words, mention_kind
from summarizer.eval.polnear_gold import GoldQuote, PolnearDoc, gold_quotes
from summarizer.eval.spans import first_matched, match_spans
from summarizer.types import Brief, Quote

STOP = frozenset(
    {
        "the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "former",
        "us", "u.s.", "said", "his", "her", "its", "their", "for", "in", "on", "at", "to",
    }
)  # fmt: skip
SPEAKER_WORD = re.compile(r"[a-z0-9][a-z0-9.'-]*")
SPACE = re.compile(r"\s+")
CONTEXT = 60  # characters shown on each side of a quote in the error lists


def words(text: str | None) -> set[str]:
    """The words a speaker is compared by: lower case, no stop words or single letters."""
    return {w for w in SPEAKER_WORD.findall((text or "").lower()) if w not in STOP and len(w) > 1}


def speaker_targets(gold: GoldQuote) -> list[str]:
    """What a found speaker may meet: the mention (not a pronoun) and the silver entity."""
    a = gold.attribution
    out = [] if a.speaker_is_pronoun or a.speaker is None else [a.speaker]
    if a.speaker_entity_silver:
        out.append(a.speaker_entity_silver)
    return out


def speaker_right(found: Quote, targets: list[str]) -> bool:
    said_by = words(found.speaker) | words(found.speaker_role)
    return bool(words(found.speaker)) and any(said_by & words(t) for t in targets)


def context(text: str, start: int, end: int) -> str:
    """The quote in «» with a little of the text around it, white space folded to one line."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    before = SPACE.sub(" ", text[lo:start]).lstrip()
    inside = SPACE.sub(" ", text[start:end])
    after = SPACE.sub(" ", text[end:hi]).rstrip()
    if len(inside) > 2 * CONTEXT:
        inside = inside[:CONTEXT] + " … " + inside[-CONTEXT // 2 :]
    return f"{'…' if lo else ''}{before}«{inside}»{after}{'…' if hi < len(text) else ''}"


@dataclass(frozen=True, slots=True)
class WrongSpeaker:
    doc_id: str
    kind: MentionKind
    mention: str | None
    silver: str | None
    found: str | None
    role: str | None
    context: str


@dataclass(frozen=True, slots=True)
class QuoteMiss:
    """A missed gold stretch or a spurious found quote."""

    doc_id: str
    speaker: str | None  # gold mention, or the speaker the brief gave
    context: str


@dataclass(slots=True)
class PolnearQuoteTally:
    """Counts summed over articles; the figures are micro-averages of them."""

    docs: int = 0
    crashed: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    judged: int = 0
    right: int = 0
    wrong_by_kind: Counter[str] = field(default_factory=Counter)
    wrong_found_none: int = 0  # wrong ones where the brief gave no speaker
    first_shown: int = 0
    first_real: int = 0

    def add(self, other: PolnearQuoteTally) -> None:
        add_counts(self, other)

    @property
    def precision(self) -> float:
        return ratio(self.matched, self.found)

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return f_measure(self.precision, self.recall)

    @property
    def not_judged(self) -> int:
        return self.matched - self.judged


@dataclass(frozen=True, slots=True)
class DocQuotes:
    tally: PolnearQuoteTally
    wrong: list[WrongSpeaker]
    missed: list[QuoteMiss]
    spurious: list[QuoteMiss]


def score_doc_quotes(doc: PolnearDoc, brief: Brief | None) -> DocQuotes:
    """One article's counts; brief None (summarize() refused it) misses all its gold."""
    gold = gold_quotes(doc)
    t = PolnearQuoteTally(docs=1, gold=len(gold))
    if brief is None:
        t.crashed = 1
        missed = [_miss(doc, g.start, g.end, g.attribution.speaker) for g in gold]
        return DocQuotes(t, [], missed, [])
    found = brief.quotes
    pairs = match_spans(found, gold, later_first=True)
    t.found, t.matched = len(found), len(pairs)
    t.first_real, t.first_shown = first_matched(pairs, len(found))
    lower_words: set[str] | None = None
    wrong = []
    for fi, gi in pairs:
        q, g = found[fi], gold[gi]
        targets = speaker_targets(g)
        if g.attribution.speaker is None or not targets:
            continue
        t.judged += 1
        if speaker_right(q, targets):
            t.right += 1
            continue
        a = g.attribution
        lower_words = lower_words if lower_words is not None else lower_case_words(doc.text)
        kind = mention_kind(a.speaker, pronoun=a.speaker_is_pronoun, lower_words=lower_words)
        t.wrong_by_kind[kind] += 1
        t.wrong_found_none += q.speaker is None
        wrong.append(
            WrongSpeaker(
                doc.id,
                kind,
                a.speaker,
                a.speaker_entity_silver,
                q.speaker,
                q.speaker_role,
                context(doc.text, g.start, g.end),
            )
        )
    matched_found = {fi for fi, _ in pairs}
    matched_gold = {gi for _, gi in pairs}
    missed = [
        _miss(doc, g.start, g.end, g.attribution.speaker)
        for gi, g in enumerate(gold)
        if gi not in matched_gold
    ]
    spurious = [
        _miss(doc, q.start, q.end, q.speaker)
        for fi, q in enumerate(found)
        if fi not in matched_found
    ]
    return DocQuotes(t, wrong, missed, spurious)


def _miss(doc: PolnearDoc, start: int, end: int, speaker: str | None) -> QuoteMiss:
    return QuoteMiss(doc.id, speaker, context(doc.text, start, end))
