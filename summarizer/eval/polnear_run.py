"""Score a PolNeAR slice: each article briefed once, both scorers read that one brief."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.eval.brief_cache import Briefs
from summarizer.eval.polnear_gold import PolnearDoc
from summarizer.eval.polnear_positions import (
    PositionTally,
    WrongPosition,
    score_doc_positions,
)
from summarizer.eval.polnear_quotes import (
    PolnearQuoteTally,
    QuoteMiss,
    WrongSpeaker,
    score_doc_quotes,
)


@dataclass(slots=True)
class SliceReport:
    """Everything measured on one slice: the counts, and the errors behind them."""

    name: str
    publishers: list[str]
    quotes: PolnearQuoteTally = field(default_factory=PolnearQuoteTally)
    positions: PositionTally = field(default_factory=PositionTally)
    wrong_speakers: list[WrongSpeaker] = field(default_factory=list)
    missed: list[QuoteMiss] = field(default_factory=list)
    spurious: list[QuoteMiss] = field(default_factory=list)
    wrong_positions: list[WrongPosition] = field(default_factory=list)


def evaluate_slice(name: str, docs: Sequence[PolnearDoc], briefs: Briefs) -> SliceReport:
    report = SliceReport(name, sorted({d.publisher for d in docs}))
    for doc in docs:
        brief = briefs.of(doc.text)
        quotes = score_doc_quotes(doc, brief)
        positions = score_doc_positions(doc, brief)
        report.quotes.add(quotes.tally)
        report.positions.add(positions.tally)
        report.wrong_speakers += quotes.wrong
        report.missed += quotes.missed
        report.spurious += quotes.spurious
        report.wrong_positions += positions.wrong
    return report
