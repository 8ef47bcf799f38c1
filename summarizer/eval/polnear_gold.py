"""PolNeAR's gold: the attributions of each article, its direct quotes, and the two slices.

The file is the JSONL that build_polnear_dev.py writes (see the data set's README); it is
read by path and never copied into the repository. Rules are tuned on the "tune" slice;
the "aside" publishers show whether a change also holds on outlets it was not tuned on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.eval.inputs import EvalInputError, load_jsonl

OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
MIN_QUOTED = 3  # shorter quoted stretches are not quotations
TUNE, ASIDE = "tune", "aside"
DEFAULT_ASIDE = frozenset({"usa-today", "west-journal"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """One annotated attribution: who (speaker mention), and what (content spans)."""

    start: int
    end: int
    content_spans: tuple[tuple[int, int], ...]
    speaker: str | None  # the source mention as written; not a resolved name
    speaker_is_pronoun: bool
    speaker_entity_silver: str | None  # automatic coreference: noisy
    type: str  # "direct", "mixed" or "indirect"

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The content, or its outer span when the annotation has no non-empty parts."""
        parts = tuple((s, e) for s, e in self.content_spans if e > s)
        return parts or ((self.start, self.end),)


@dataclass(frozen=True, slots=True)
class PolnearDoc:
    id: str
    publisher: str
    text: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A stretch inside quotation marks within some attribution's content."""

    start: int
    end: int
    attribution: Attribution


@dataclass(frozen=True, slots=True)
class Slices:
    tune: list[PolnearDoc]
    aside: list[PolnearDoc]


def quoted_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches inside paired quotation marks within text[start:end], without the marks.

    An opening mark not closed within the span runs to the span's end: a quotation that
    continues in the next paragraph opens again there without closing here.
    """
    out, i = [], start
    while i < end:
        close = OPEN_CLOSE.get(text[i])
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1, end + 1)
        if j == -1:
            j = end
        if j - (i + 1) >= MIN_QUOTED:
            out.append((i + 1, j))
        i = j + 1
    return out


def gold_quotes(doc: PolnearDoc) -> list[GoldQuote]:
    """Every quoted stretch of every attribution, in attribution order (all types: a mixed
    or even an "indirect" attribution may hold a quoted stretch)."""
    return [
        GoldQuote(s, e, a)
        for a in doc.attributions
        for s, e in quoted_stretches(doc.text, a.start, a.end)
    ]


def _offset(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(value)
    return value


def _optional_str(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(value)
    return value


def _attribution(raw: Any, length: int) -> Attribution:
    """One gold attribution; ValueError (or a KeyError, TypeError) when it is malformed."""
    spans = tuple((_offset(s), _offset(e)) for s, e in raw.get("content_spans") or ())
    start, end = _offset(raw["start"]), _offset(raw["end"])
    if not all(0 <= s <= e <= length for s, e in ((start, end), *spans)):
        raise ValueError("offsets")
    if not isinstance(raw["type"], str):
        raise ValueError(raw["type"])
    return Attribution(
        start=start,
        end=end,
        content_spans=spans,
        speaker=_optional_str(raw.get("speaker")),
        speaker_is_pronoun=bool(raw.get("speaker_is_pronoun")),
        speaker_entity_silver=_optional_str(raw.get("speaker_entity_silver")),
        type=raw["type"],
    )


def parse_docs(path: Path, rows: Sequence[dict[str, Any]]) -> list[PolnearDoc]:
    """Checked documents, or EvalInputError naming the line of the first bad one."""
    docs = []
    for row in rows:
        where = f"{path}:{row['_line']}"
        doc_id, publisher, text, quotes = (
            row.get(k) for k in ("id", "publisher", "text", "quotes")
        )
        if not (
            isinstance(doc_id, str)
            and isinstance(publisher, str)
            and isinstance(text, str)
            and isinstance(quotes, list)
        ):
            raise EvalInputError(
                f'{where}: needs "id", "publisher", "text" and a list of "quotes" '
                "(a file written by build_polnear_dev.py)"
            )
        try:
            attributions = tuple(_attribution(q, len(text)) for q in quotes)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise EvalInputError(
                f"{where}: each quote needs start, end, type and content spans inside the text"
            ) from None
        docs.append(PolnearDoc(doc_id, publisher, text, attributions))
    return docs


def load_slices(path: Path, aside: frozenset[str], limit: int | None = None) -> Slices:
    """Tune and aside documents of the file, each cut to its first `limit` documents.

    The limit applies to each slice: the file is grouped by publisher, so the first N of
    the whole file would come from one or two outlets only.
    """
    docs = parse_docs(path, load_jsonl(path))
    publishers = {d.publisher for d in docs}
    unknown = sorted(aside - publishers)
    if unknown:
        raise EvalInputError(
            f"{path}: no article from {', '.join(unknown)} "
            f"(its publishers: {', '.join(sorted(publishers))})"
        )
    tune = [d for d in docs if d.publisher not in aside]
    kept = [d for d in docs if d.publisher in aside]
    return Slices(tune[:limit], kept[:limit])
