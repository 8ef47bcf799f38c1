"""The CNN quote list: every direct quotation of 40 articles with its canonical speaker.

Found quotes are matched to listed ones by overlap (spans.match_spans); a matched quote's
speaker is right when the normalised names are equal, since the list gives the fullest
name the article uses, as the brief should.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.eval.brief_cache import Briefs
from summarizer.eval.counts import add_counts, f_measure, ratio
from summarizer.eval.inputs import EvalInputError
from summarizer.eval.mentions import lower_case_words, mention_kind
from summarizer.eval.spans import first_matched, match_spans
from summarizer.types import Brief

PRONOUNS = frozenset({"he", "she", "his", "her", "him", "they", "it", "we", "i"})


@dataclass(frozen=True, slots=True)
class ListedQuote:
    """A reference quotation from the quotes file."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_in_text: str | None = None
    cue: str | None = None
    nested: bool = False


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quotation the extractor reported (the fields of Brief.quotes that are scored)."""

    text: str
    start: int
    end: int
    speaker: str | None
    cue: str | None = None


def normalize_speaker(name: str | None) -> str | None:
    """Case-folded, periods dropped, whitespace collapsed, a leading "the " removed.

    "The U.S. official" and "US official" are the same speaker; an empty name is None.
    """
    if name is None:
        return None
    folded = " ".join(name.casefold().replace(".", "").split())
    if folded.startswith("the "):
        folded = folded[4:]
    return folded or None


def same_speaker(expected: str | None, got: str | None) -> bool:
    return normalize_speaker(expected) == normalize_speaker(got)


@dataclass(slots=True)
class QuoteErrors:
    """What went wrong in one article, for --show-errors."""

    article_id: str
    missed: list[ListedQuote] = field(default_factory=list)
    spurious: list[FoundQuote] = field(default_factory=list)
    wrong_speaker: list[tuple[ListedQuote, FoundQuote]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missed or self.spurious or self.wrong_speaker)


@dataclass(slots=True)
class QuoteTally:
    """Counts summed over articles (micro-averaged figures)."""

    listed: int = 0
    found: int = 0
    matched: int = 0
    speaker_right: int = 0

    def add(self, other: QuoteTally) -> None:
        add_counts(self, other)

    @property
    def precision(self) -> float:
        return ratio(self.matched, self.found)

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.listed)

    @property
    def f1(self) -> float:
        return f_measure(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return ratio(self.speaker_right, self.matched)


@dataclass(frozen=True, slots=True)
class ArticleQuoteScore:
    everything: QuoteTally
    top_level: QuoteTally  # nested quotations excluded
    errors: QuoteErrors
    first_real: int = 0  # of the brief's first five quotes, those matched (nested included)
    first_shown: int = 0


def score_article_quotes(
    article_id: str, found: Sequence[FoundQuote], listed: Sequence[ListedQuote]
) -> ArticleQuoteScore:
    """Score one article's found quotes against its listed ones.

    Without nested quotations, a found quote matched to a nested one counts neither way:
    finding an inner quotation is not an error, just not asked for.
    """
    pairs = match_spans(found, listed)
    matched_found = {fi for fi, _ in pairs}
    matched_listed = {li for _, li in pairs}
    right = [same_speaker(listed[li].speaker, found[fi].speaker) for fi, li in pairs]
    everything = QuoteTally(len(listed), len(found), len(pairs), sum(right))
    nested_pairs = [(fi, li) for fi, li in pairs if listed[li].nested]
    top_right = sum(ok for (fi, li), ok in zip(pairs, right, strict=True) if not listed[li].nested)
    top_level = QuoteTally(
        listed=sum(1 for q in listed if not q.nested),
        found=len(found) - len(nested_pairs),
        matched=len(pairs) - len(nested_pairs),
        speaker_right=top_right,
    )
    errors = QuoteErrors(
        article_id,
        missed=[q for li, q in enumerate(listed) if li not in matched_listed],
        spurious=[f for fi, f in enumerate(found) if fi not in matched_found],
        wrong_speaker=[
            (listed[li], found[fi]) for (fi, li), ok in zip(pairs, right, strict=True) if not ok
        ],
    )
    first_real, first_shown = first_matched(pairs, len(found))
    return ArticleQuoteScore(everything, top_level, errors, first_real, first_shown)


@dataclass(slots=True)
class QuoteReport:
    articles: int = 0
    everything: QuoteTally = field(default_factory=QuoteTally)
    top_level: QuoteTally = field(default_factory=QuoteTally)
    errors: list[QuoteErrors] = field(default_factory=list)
    unbriefed: list[str] = field(default_factory=list)  # ids summarize() refused
    wrong_by_kind: Counter[str] = field(default_factory=Counter)  # by the listed mention
    wrong_found_none: int = 0  # wrong speakers where the brief gave none
    wrong_no_cue: int = 0  # wrong speakers of quotes the article gives no cue for
    first_real: int = 0
    first_shown: int = 0

    def add(self, score: ArticleQuoteScore, text: str) -> None:
        self.articles += 1
        self.everything.add(score.everything)
        self.top_level.add(score.top_level)
        self.first_real += score.first_real
        self.first_shown += score.first_shown
        if score.errors:
            self.errors.append(score.errors)
        lower_words = lower_case_words(text) if score.errors.wrong_speaker else set()
        for listed, found in score.errors.wrong_speaker:
            mention = listed.speaker_in_text
            pronoun = (mention or "").casefold() in PRONOUNS
            self.wrong_by_kind[mention_kind(mention, pronoun=pronoun, lower_words=lower_words)] += 1
            self.wrong_found_none += found.speaker is None
            self.wrong_no_cue += listed.cue is None


def found_quotes(brief: Brief | None) -> list[FoundQuote]:
    if brief is None:
        return []
    return [FoundQuote(q.text, q.start, q.end, q.speaker, q.cue) for q in brief.quotes]


def evaluate_quotes(
    articles: dict[str, str],
    quote_rows: Iterable[tuple[str, list[ListedQuote]]],
    briefs: Briefs,
) -> QuoteReport:
    report = QuoteReport()
    for article_id, listed in quote_rows:
        brief = briefs.of(articles[article_id])
        if brief is None:
            report.unbriefed.append(article_id)
        found = found_quotes(brief)
        report.add(score_article_quotes(article_id, found, listed), articles[article_id])
    return report


def parse_quote_rows(
    path: Path, rows: list[dict[str, Any]], articles: dict[str, str]
) -> list[tuple[str, list[ListedQuote]]]:
    """Listed quotes per article; every offset must point into the article."""
    parsed = []
    for row in rows:
        where = f"{path}:{row['_line']}"
        article_id = row.get("id")
        if not isinstance(article_id, str) or not isinstance(row.get("quotes"), list):
            raise EvalInputError(f'{where}: needs "id" and a list of "quotes"')
        if article_id not in articles:
            raise EvalInputError(f"{where}: article {article_id} is not in the articles file")
        listed = []
        for q in row["quotes"]:
            try:
                start, end = int(q["start"]), int(q["end"])
                item = ListedQuote(
                    text=str(q["text"]),
                    start=start,
                    end=end,
                    speaker=q.get("speaker"),
                    speaker_in_text=q.get("speaker_in_text"),
                    cue=q.get("cue"),
                    nested=str(q.get("note") or "").startswith("nested quotation"),
                )
            except (KeyError, TypeError, ValueError, AttributeError):
                raise EvalInputError(f"{where}: each quote needs text, start and end") from None
            if not 0 <= start < end <= len(articles[article_id]):
                raise EvalInputError(f"{where}: quote offsets {start}-{end} lie outside the text")
            listed.append(item)
        parsed.append((article_id, listed))
    return parsed
