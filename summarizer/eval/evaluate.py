"""Measure the brief against references: the CNN list and PolNeAR, side by side.

    python -m summarizer.evaluate [FILE.jsonl] [--quotes QUOTES.jsonl]
        [--polnear POLNEAR.jsonl [--aside PUBLISHERS]] [--limit N] [--show-errors]

FILE holds {"id", "article", "highlights": [...]} per line: the brief's first three
bullets are scored by ROUGE against Lead-3, and its quotes against the quote file
(`quotes_dev.jsonl` beside FILE unless given), which lists every direct quotation of some
of FILE's articles with its speaker.

--polnear reads the PolNeAR development set as build_polnear_dev.py writes it (build it
from a git snapshot of networkdynamics/PolNeAR and keep it outside the repository) and
scores direct quotes, their speakers and actors' positions exactly as the reference
scorers beside the builder do, on two slices: "aside" (the --aside publishers, default
usa-today and west-journal) and "tune" (the others), so a rule tuned on one can be checked
on outlets it never saw. --limit N takes the first N articles of each source (and of each
PolNeAR slice). Every article is briefed once, whatever is computed from it.
This is a development tool: ROUGE needs the dev extras (rouge-score, pysbd).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.eval.brief_cache import Briefs
from summarizer.eval.cnn_output import format_quotes
from summarizer.eval.cnn_quotes import (
    ListedQuote,
    QuoteReport,
    evaluate_quotes,
    parse_quote_rows,
)
from summarizer.eval.inputs import EvalInputError, check_articles, load_jsonl
from summarizer.eval.polnear_gold import ASIDE, DEFAULT_ASIDE, TUNE, Slices, load_slices
from summarizer.eval.polnear_output import format_polnear
from summarizer.eval.polnear_run import evaluate_slice
from summarizer.eval.rouge import evaluate_rouge, format_rouge
from summarizer.types import Brief


def _summarizer() -> Callable[[str], Brief]:
    from summarizer.briefing import Summarizer

    engine = Summarizer()
    return lambda text: engine.summarize(text)


@dataclass(frozen=True, slots=True)
class CnnInput:
    """The CNN articles scored by ROUGE, and the quote list when there is one."""

    scored: list[dict[str, Any]]
    articles: dict[str, str]  # every article of FILE, by id: the quote list may name any
    quotes_path: Path
    quote_rows: list[tuple[str, list[ListedQuote]]] | None


def _read_cnn(args: argparse.Namespace) -> CnnInput:
    """Read and check FILE and its quote list, before any article is briefed."""
    rows = load_jsonl(args.file)
    check_articles(args.file, rows)
    articles = {row["id"]: row["article"] for row in rows}
    quotes_path = args.quotes or args.file.with_name("quotes_dev.jsonl")
    quote_rows = None
    if args.quotes is not None or quotes_path.exists():
        quote_rows = parse_quote_rows(quotes_path, load_jsonl(quotes_path, args.limit), articles)
    return CnnInput(rows[: args.limit], articles, quotes_path, quote_rows)


def run(args: argparse.Namespace) -> str:
    """Everything but printing: raises EvalInputError on unusable input."""
    if args.file is None and args.polnear is None:
        raise EvalInputError("give an articles FILE, --polnear PATH, or both")
    if args.file is None and args.quotes is not None:
        raise EvalInputError("--quotes needs the articles FILE its quotes come from")
    cnn = _read_cnn(args) if args.file is not None else None
    slices: Slices | None = None
    if args.polnear is not None:
        slices = load_slices(args.polnear, args.aside, args.limit)
    briefs = Briefs(_summarizer())
    out: list[str] = []
    quote_report: QuoteReport | None = None
    if cnn is not None:
        try:
            out.append(format_rouge(evaluate_rouge(cnn.scored, briefs)))
        except ImportError as err:
            raise EvalInputError(
                f"evaluation needs the dev extras (pip install -e '.[dev]'): {err}"
            ) from None
        if cnn.quote_rows is not None:
            quote_report = evaluate_quotes(cnn.articles, cnn.quote_rows, briefs)
            out += ["", f"Quote file: {cnn.quotes_path}"]
            out.append(format_quotes(quote_report, show_errors=args.show_errors))
    if slices is not None:
        reports = [
            evaluate_slice(TUNE, slices.tune, briefs),
            evaluate_slice(ASIDE, slices.aside, briefs),
        ]
        out.append("")
        out.append(
            format_polnear(args.polnear, reports, quote_report, show_errors=args.show_errors)
        )
    return "\n".join(out).lstrip("\n")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _publishers(value: str) -> frozenset[str]:
    names = frozenset(name.strip() for name in value.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("name at least one publisher")
    return names


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.evaluate",
        description="ROUGE of the brief's bullets against Lead-3, quote extraction scores, "
        "and PolNeAR's quote and position scores.",
    )
    parser.add_argument(
        "file", type=Path, nargs="?", help="JSON lines: id, article, highlights (CNN)"
    )
    parser.add_argument(
        "--quotes", type=Path, help="listed quotations (default: quotes_dev.jsonl beside FILE)"
    )
    parser.add_argument(
        "--polnear", type=Path, help="the PolNeAR JSONL that build_polnear_dev.py writes"
    )
    parser.add_argument(
        "--aside",
        type=_publishers,
        default=DEFAULT_ASIDE,
        help="PolNeAR publishers kept aside from tuning, comma-separated "
        f"(default: {','.join(sorted(DEFAULT_ASIDE))})",
    )
    parser.add_argument(
        "--limit",
        type=_positive,
        help="only the first N articles of each source (CNN articles and quote rows; "
        "each PolNeAR slice)",
    )
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="list missed, spurious and wrong-speaker quotes (PolNeAR: a sample, and "
        "wrong positions)",
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
