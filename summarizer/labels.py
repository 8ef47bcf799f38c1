"""Quotations a name labels rather than a cue introduces: a speaker's name and a colon
before them, as in a transcript or an interview, or a signature line under a letter."""

from __future__ import annotations

import bisect

from summarizer.article import Article
from summarizer.coreference import Speaker
from summarizer.quotemarks import Quoted

_MAX_SIGNATURE_WORDS = 8  # "- Michelle Marks, Philadelphia." under a quotation


def label(article: Article, q: Quoted, n: int) -> Speaker | None:
    """A name that labels a quotation: `Michael P. McDonald: "…"` before it, or a
    signature line after it (`"…"` then `- Sanders.`)."""
    k = bisect.bisect_left(article.token_starts, q.open_at) - 1
    if k > 0 and article.tokens[k].text == ":":
        named = article.mentions_in([k - 1])
        if not named:
            end = article.tokens[k - 1].idx + len(article.tokens[k - 1].text)
            j = bisect.bisect_left(article.mention_starts, end) - 1
            named = [article.mentions[j]] if j >= 0 and article.mentions[j][0].end == end else []
        if named:
            entity = named[-1][1]
            return Speaker.of(entity)
    if q.close_at is None or n + 1 >= len(article.sentences):
        return None
    after = article.sentences[n + 1]
    line = article.text[after.start : after.end].strip()
    if line[:1] not in ("-", "—", "–") or len(line.split()) > _MAX_SIGNATURE_WORDS:
        return None
    for m, entity in article.mentions[bisect.bisect_left(article.mention_starts, after.start) :]:
        if m.start >= after.end:
            break
        if entity.kind in ("person", "organization"):
            return Speaker.of(entity)
    return None
