"""PolNeAR's part of the report: its slices side by side with the CNN list, and a sample of
errors with --show-errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from summarizer.eval.cnn_quotes import QuoteReport
from summarizer.eval.layout import Column, count, share, side_by_side, snippet
from summarizer.eval.polnear_gold import ASIDE
from summarizer.eval.polnear_positions import WRONG, PositionTally
from summarizer.eval.polnear_quotes import PolnearQuoteTally, QuoteMiss
from summarizer.eval.polnear_run import SliceReport

ERRORS_PER_KIND = 40
KINDS = ("pronoun", "name", "description")
QUOTE_LABELS = [
    "Articles",
    "  not briefed",
    "Direct quotes: gold / found",
    "  precision",
    "  recall",
    "  F1",
    "  speaker right",
    *(f"    wrong, gold is a {kind}" for kind in KINDS),
    "    wrong, no speaker found",
    "  not judged: no gold speaker",
    "  first five quotes are real",
]
POSITION_LABELS = [
    "Positions: recall, all",
    "  recall, top-5 speakers",
    "  top-5 speakers covered",
    "  precision, all",
    "  precision, indirect",
    *(f"    wrong: {verdict}" for verdict in WRONG),
    "  unlocatable / positions",
]

T = TypeVar("T")


def _cnn_cells(r: QuoteReport) -> list[str | None]:
    """The CNN list's figures in QUOTE_LABELS order, nested quotations included."""
    e = r.everything
    return [
        str(r.articles),
        str(len(r.unbriefed)),
        f"{e.listed} / {e.found}",
        share(e.matched, e.found),
        share(e.matched, e.listed),
        f"{e.f1:.3f}",
        share(e.speaker_right, e.matched),
        *(str(r.wrong_by_kind[kind]) for kind in KINDS),
        str(r.wrong_found_none),
        None,  # every listed quote is judged (a null speaker must be found as None)
        share(r.first_real, r.first_shown),
    ]


def _quote_cells(q: PolnearQuoteTally) -> list[str | None]:
    return [
        str(q.docs),
        str(q.crashed),
        f"{q.gold} / {q.found}",
        share(q.matched, q.found),
        share(q.matched, q.gold),
        f"{q.f1:.3f}",
        share(q.right, q.judged),
        *(str(q.wrong_by_kind[kind]) for kind in KINDS),
        str(q.wrong_found_none),
        str(q.not_judged),
        share(q.first_real, q.first_shown),
    ]


def _position_cells(p: PositionTally) -> list[str | None]:
    return [
        share(p.covered.total(), p.eligible.total()),
        share(p.covered_top, p.eligible_top),
        share(p.top_speakers_covered, p.top_speakers),
        share(p.count("correct"), p.judged()),
        share(p.count("correct", direct=False), p.judged(direct=False)),
        *(str(p.count(verdict)) for verdict in WRONG),
        f"{p.unlocatable} / {p.positions.total()}",
    ]


def format_polnear(
    path: Path, slices: Sequence[SliceReport], cnn: QuoteReport | None, *, show_errors: bool
) -> str:
    described = "; ".join(
        f"{s.name}: {count(s.quotes.docs, 'article')} ({', '.join(s.publishers)})" for s in slices
    )
    columns = [Column("CNN list", _cnn_cells(cnn))] if cnn is not None else []
    columns += [
        Column(f"PolNeAR {s.name}", _quote_cells(s.quotes) + _position_cells(s.positions))
        for s in slices
    ]
    table = side_by_side(QUOTE_LABELS + POSITION_LABELS, columns)
    lines = [f"PolNeAR: {path}", f"  {described}", "", table]
    if show_errors:
        for s in slices:
            if s.name == ASIDE:
                lines += ["", f"PolNeAR {s.name}: errors not listed (kept aside from tuning)"]
            else:
                lines += _error_lines(s)
    return "\n".join(lines)


def sample(items: Sequence[T], limit: int = ERRORS_PER_KIND) -> list[T]:
    """At most `limit` items, spread evenly over the list (so over articles and outlets)."""
    if len(items) <= limit:
        return list(items)
    return [items[i * len(items) // limit] for i in range(limit)]


def _heading(s: SliceReport, what: str, total: int) -> list[str]:
    shown = f"{min(total, ERRORS_PER_KIND)} of {total}"
    return ["", f"PolNeAR {s.name}: {what} ({shown}, spread over the slice)"]


def _miss_lines(s: SliceReport, what: str, misses: Sequence[QuoteMiss], who: str) -> list[str]:
    lines = _heading(s, what, len(misses))
    for m in sample(misses):
        lines += [f"  {m.doc_id}: {who} {_cut(m.speaker)!r}", f"      {m.context}"]
    return lines


def _cut(mention: str | None) -> str | None:
    return snippet(mention, 60) if mention is not None else None


def _error_lines(s: SliceReport) -> list[str]:
    lines = _heading(s, "wrong speakers", len(s.wrong_speakers))
    for w in sample(s.wrong_speakers):
        role = f" ({w.role})" if w.role else ""
        lines += [
            f"  [{w.kind}] {w.doc_id}: gold {_cut(w.mention)!r} (silver {w.silver!r}), "
            f"found {w.found!r}{role}",
            f"      {w.context}",
        ]
    lines += _miss_lines(s, "missed quotes", s.missed, "gold speaker")
    lines += _miss_lines(s, "spurious quotes", s.spurious, "brief's speaker")
    lines += _heading(s, "wrong positions", len(s.wrong_positions))
    for p in sample(s.wrong_positions):
        said = f"  (gold speakers: {', '.join(p.said_by)})" if p.said_by else ""
        lines.append(f'  [{p.verdict}] {p.doc_id}: {p.actor}: "{snippet(p.text, 90)}"{said}')
    return lines
