"""ROUGE of the brief's bullets against Lead-3, the baseline news summarisers struggle to beat.

The bullets are scored as a reader sees them, the brief's first three; Lead-3 is the
article's first three sentences as pysbd splits them. Needs the dev extras.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.eval.brief_cache import Briefs
from summarizer.eval.layout import count
from summarizer.types import Brief

ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")
ROUGE_NAMES = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}


@dataclass(frozen=True, slots=True)
class RougeReport:
    articles: int
    brief: dict[str, float]  # F1 × 100, averaged over articles
    lead3: dict[str, float]
    unbriefed: int  # articles summarize() refused (scored as an empty summary)

    def diff(self, key: str) -> float:
        return self.brief[key] - self.lead3[key]


def brief_summary(brief: Brief, bullets: int = 3) -> str:
    """What is scored: the first bullets as a reader sees them, one per line."""
    return "\n".join(b.text for b in brief.bullets[:bullets])


def lead3(article: str, segmenter: Any) -> str:
    sentences = [s.strip() for s in segmenter.segment(article) if s.strip()]
    return "\n".join(sentences[:3])


def evaluate_rouge(rows: Sequence[dict[str, Any]], briefs: Briefs) -> RougeReport:
    import pysbd  # dev extras: imported here so the pure helpers need neither
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True)
    segmenter = pysbd.Segmenter(language="en", clean=False)
    brief_sum = dict.fromkeys(ROUGE_KEYS, 0.0)
    lead_sum = dict.fromkeys(ROUGE_KEYS, 0.0)
    unbriefed = 0
    for row in rows:
        reference = "\n".join(row["highlights"])
        brief = briefs.of(row["article"])
        unbriefed += brief is None
        candidate = brief_summary(brief) if brief is not None else ""
        for totals, text in ((brief_sum, candidate), (lead_sum, lead3(row["article"], segmenter))):
            scores = scorer.score(reference, text)
            for key in ROUGE_KEYS:
                totals[key] += scores[key].fmeasure
    n = max(1, len(rows))
    return RougeReport(
        articles=len(rows),
        brief={k: 100 * v / n for k, v in brief_sum.items()},
        lead3={k: 100 * v / n for k, v in lead_sum.items()},
        unbriefed=unbriefed,
    )


def format_rouge(report: RougeReport) -> str:
    lines = [
        f"ROUGE F1 x100 on {count(report.articles, 'article')} (brief: its first three bullets; "
        "Lead-3: first three pysbd sentences)",
        f"{'':12}{'Brief':>8}{'Lead-3':>8}{'Diff':>8}",
    ]
    for key in ROUGE_KEYS:
        lines.append(
            f"{ROUGE_NAMES[key]:12}{report.brief[key]:8.2f}{report.lead3[key]:8.2f}"
            f"{report.diff(key):+8.2f}"
        )
    if report.unbriefed:
        lines.append(f"({report.unbriefed} articles could not be briefed; scored as empty)")
    return "\n".join(lines)
