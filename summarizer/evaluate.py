"""Measure the brief against references: ROUGE of the bullets, and the quote extractor.

    python -m summarizer.evaluate FILE.jsonl [--quotes QUOTES.jsonl] [--limit N] [--show-errors]

FILE holds {"id", "article", "highlights": [...]} per line. The bullets are scored as a
reader sees them, the brief's first three, against Lead-3 (the first three sentences as
pysbd splits them), the baseline news summarisers struggle to beat. The quote file
(`quotes_dev.jsonl` beside FILE unless given) lists every direct quotation of some of
FILE's articles with its speaker; found quotes are matched to listed ones by overlap.
This is a development tool: it needs the dev extras (rouge-score, pysbd).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import BriefError
from summarizer.types import Brief

ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")
ROUGE_NAMES = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}
PRONOUNS = frozenset({"he", "she", "his", "her", "him", "they", "it", "we", "i"})
SNIPPET = 70


class EvalInputError(Exception):
    """The evaluation input cannot be used; str(err) says which file and line."""


# --- Spans and matching -------------------------------------------------------------


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


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def spans_match(found: FoundQuote | ListedQuote, listed: FoundQuote | ListedQuote) -> bool:
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


def match_quotes(
    found: Sequence[FoundQuote], listed: Sequence[ListedQuote]
) -> list[tuple[int, int]]:
    """One-to-one (found index, listed index) pairs, greedy by largest overlap first.

    Ties go to the earlier listed, then the earlier found quote, so the result is stable.
    """
    candidates = [
        (overlap(f.start, f.end, q.start, q.end), li, fi)
        for fi, f in enumerate(found)
        for li, q in enumerate(listed)
        if spans_match(f, q)
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_found: set[int] = set()
    used_listed: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, li, fi in candidates:
        if fi in used_found or li in used_listed:
            continue
        used_found.add(fi)
        used_listed.add(li)
        pairs.append((fi, li))
    pairs.sort(key=lambda p: p[1])
    return pairs


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


# --- Quote scoring --------------------------------------------------------------------


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
        self.listed += other.listed
        self.found += other.found
        self.matched += other.matched
        self.speaker_right += other.speaker_right

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.listed if self.listed else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0


@dataclass(frozen=True, slots=True)
class ArticleQuoteScore:
    everything: QuoteTally
    top_level: QuoteTally  # nested quotations excluded
    errors: QuoteErrors


def score_article_quotes(
    article_id: str, found: Sequence[FoundQuote], listed: Sequence[ListedQuote]
) -> ArticleQuoteScore:
    """Score one article's found quotes against its listed ones.

    Without nested quotations, a found quote matched to a nested one counts neither way:
    finding an inner quotation is not an error, just not asked for.
    """
    pairs = match_quotes(found, listed)
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
    return ArticleQuoteScore(everything, top_level, errors)


@dataclass(slots=True)
class QuoteReport:
    articles: int = 0
    everything: QuoteTally = field(default_factory=QuoteTally)
    top_level: QuoteTally = field(default_factory=QuoteTally)
    errors: list[QuoteErrors] = field(default_factory=list)
    unbriefed: list[str] = field(default_factory=list)  # ids summarize() refused

    def add(self, score: ArticleQuoteScore) -> None:
        self.articles += 1
        self.everything.add(score.everything)
        self.top_level.add(score.top_level)
        if score.errors:
            self.errors.append(score.errors)


def found_quotes(brief: Brief) -> list[FoundQuote]:
    return [FoundQuote(q.text, q.start, q.end, q.speaker, q.cue) for q in brief.quotes]


def evaluate_quotes(
    articles: dict[str, str],
    quote_rows: Iterable[tuple[str, list[ListedQuote]]],
    summarize: Callable[[str], Brief],
) -> QuoteReport:
    report = QuoteReport()
    for article_id, listed in quote_rows:
        try:
            found = found_quotes(summarize(articles[article_id]))
        except BriefError:
            report.unbriefed.append(article_id)
            found = []
        report.add(score_article_quotes(article_id, found, listed))
    return report


# --- ROUGE ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RougeReport:
    articles: int
    brief: dict[str, float]  # F1 × 100, averaged over articles
    lead3: dict[str, float]
    unbriefed: int  # articles summarize() refused (scored as an empty summary)

    def diff(self, key: str) -> float:
        return self.brief[key] - self.lead3[key]


def brief_summary(brief: Brief, count: int = 3) -> str:
    """What is scored: the first bullets as a reader sees them, one per line."""
    return "\n".join(b.text for b in brief.bullets[:count])


def lead3(article: str, segmenter: Any) -> str:
    sentences = [s.strip() for s in segmenter.segment(article) if s.strip()]
    return "\n".join(sentences[:3])


def evaluate_rouge(
    rows: Sequence[dict[str, Any]], summarize: Callable[[str], Brief]
) -> RougeReport:
    import pysbd  # dev extras: imported here so the pure helpers need neither
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True)
    segmenter = pysbd.Segmenter(language="en", clean=False)
    brief_sum = dict.fromkeys(ROUGE_KEYS, 0.0)
    lead_sum = dict.fromkeys(ROUGE_KEYS, 0.0)
    unbriefed = 0
    for row in rows:
        reference = "\n".join(row["highlights"])
        try:
            candidate = brief_summary(summarize(row["article"]))
        except BriefError:
            unbriefed += 1
            candidate = ""
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


# --- Input ---------------------------------------------------------------------------


def load_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Objects of a JSON-lines file (blank lines skipped), or EvalInputError naming the line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise EvalInputError(f"cannot read {path}: {err.strerror or err}") from None
    rows: list[dict[str, Any]] = []
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise EvalInputError(f"{path}:{number}: not valid JSON ({err.msg})") from None
                if not isinstance(row, dict):
                    raise EvalInputError(f"{path}:{number}: expected a JSON object")
                row["_line"] = number
                rows.append(row)
                if limit is not None and len(rows) >= limit:
                    break
        except UnicodeDecodeError:
            raise EvalInputError(f"{path}: not UTF-8 text") from None
    return rows


def check_articles(path: Path, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        ok = (
            isinstance(row.get("id"), str)
            and isinstance(row.get("article"), str)
            and isinstance(row.get("highlights"), list)
            and all(isinstance(h, str) for h in row["highlights"])
        )
        if not ok:
            raise EvalInputError(
                f'{path}:{row["_line"]}: needs "id", "article" and a list of "highlights"'
            )


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


# --- Output --------------------------------------------------------------------------


def format_rouge(report: RougeReport) -> str:
    lines = [
        f"ROUGE F1 x100 on {_count(report.articles, 'article')} (brief: its first three bullets; "
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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


def _mention_kind(q: ListedQuote) -> str:
    mention = (q.speaker_in_text or "").casefold()
    if q.cue is None:
        return "no cue"
    if mention in PRONOUNS:
        return "pronoun"
    return "named or described"


def format_quotes(report: QuoteReport, *, show_errors: bool = False) -> str:
    e, t = report.everything, report.top_level
    lines = [
        f"Quotes on {_count(report.articles, 'article')} ({e.listed} listed, {e.found} found)",
        f"{'':18}{'P':>7}{'R':>7}{'F1':>7}{'Speaker':>9}{'Matched':>9}",
    ]
    for name, tally in (("all quotations", e), ("without nested", t)):
        lines.append(
            f"{name:18}{tally.precision:7.3f}{tally.recall:7.3f}{tally.f1:7.3f}"
            f"{tally.speaker_accuracy:9.3f}{tally.matched:>5}/{tally.listed:<3}"
        )
    wrong = [pair for err in report.errors for pair in err.wrong_speaker]
    if wrong:
        kinds: dict[str, int] = {}
        for listed, _ in wrong:
            kinds[_mention_kind(listed)] = kinds.get(_mention_kind(listed), 0) + 1
        spread = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        lines.append(f"Wrong speakers: {len(wrong)} (by the listed cue and mention: {spread})")
    if report.unbriefed:
        lines.append(f"Could not be briefed: {', '.join(report.unbriefed)}")
    if show_errors:
        lines.extend(_error_lines(report.errors))
    return "\n".join(lines)


def _error_lines(errors: Sequence[QuoteErrors]) -> list[str]:
    """Per article: missed, spurious and wrong-speaker quotes with what was expected and got."""
    lines: list[str] = []
    for err in errors:
        lines.append("")
        lines.append(
            f"== {err.article_id}: {len(err.missed)} missed, {len(err.spurious)} spurious, "
            f"{len(err.wrong_speaker)} wrong speaker"
        )
        for q in err.missed:
            tag = " (nested)" if q.nested else ""
            lines.append(
                f'  MISSED   {q.start}-{q.end}{tag} "{_snippet(q.text)}"  expected '
                f"{q.speaker!r} (mention {q.speaker_in_text!r}, cue {q.cue!r})"
            )
        for f in err.spurious:
            lines.append(
                f'  SPURIOUS {f.start}-{f.end} "{_snippet(f.text)}"  '
                f"got {f.speaker!r} (cue {f.cue!r})"
            )
        for q, f in err.wrong_speaker:
            lines.append(
                f'  SPEAKER  {q.start}-{q.end} "{_snippet(q.text)}"  expected {q.speaker!r} '
                f"(mention {q.speaker_in_text!r}, cue {q.cue!r})  got {f.speaker!r} (cue {f.cue!r})"
            )
    return lines


# --- Command line --------------------------------------------------------------------


def _summarizer() -> Callable[[str], Brief]:
    from summarizer.engine import Summarizer

    engine = Summarizer()
    return lambda text: engine.summarize(text)


def run(args: argparse.Namespace) -> str:
    """Everything but printing: raises EvalInputError on unusable input."""
    rows = load_jsonl(args.file)  # all of them: the quote file may name any article
    check_articles(args.file, rows)
    articles = {row["id"]: row["article"] for row in rows}
    quotes_path = args.quotes or args.file.with_name("quotes_dev.jsonl")
    quote_rows = None
    if args.quotes is not None or quotes_path.exists():
        quote_rows = parse_quote_rows(quotes_path, load_jsonl(quotes_path, args.limit), articles)
    try:
        summarize = _summarizer()
        scored = rows[: args.limit] if args.limit is not None else rows
        out = [format_rouge(evaluate_rouge(scored, summarize))]
    except ImportError as err:
        raise EvalInputError(
            f"evaluation needs the dev extras (pip install -e '.[dev]'): {err}"
        ) from None
    if quote_rows is not None:
        report = evaluate_quotes(articles, quote_rows, summarize)
        out.append("")
        out.append(f"Quote file: {quotes_path}")
        out.append(format_quotes(report, show_errors=args.show_errors))
    return "\n".join(out)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.evaluate",
        description="ROUGE of the brief's bullets against Lead-3, and quote extraction scores.",
    )
    parser.add_argument("file", type=Path, help="JSON lines: id, article, highlights")
    parser.add_argument(
        "--quotes", type=Path, help="listed quotations (default: quotes_dev.jsonl beside FILE)"
    )
    parser.add_argument(
        "--limit", type=_positive, help="only the first N articles (and quote rows)"
    )
    parser.add_argument(
        "--show-errors", action="store_true", help="list missed, spurious and wrong-speaker quotes"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        print(run(args))
    except EvalInputError as err:
        print(f"evaluate: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
