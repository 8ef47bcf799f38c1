"""Direct quotations as the Brief reports them, most important first.

Key quotes are speech and writing: a quotation with a named speaker, long enough to say
something. Terms, scare quotes, titles and nicknames are still listed (renderers show the
first few), but always after those.
"""

from __future__ import annotations

from summarizer.article import title_like
from summarizer.quotemarks import Quoted
from summarizer.speakers import Attribution
from summarizer.types import Quote

_FULL_QUOTE_WORDS = 40
# Fewer words than this is a borrowed phrase ("a total lightweight") rather than a statement.
_KEY_QUOTE_WORDS = 5


def is_key(text: str, a: Attribution) -> bool:
    """Speech or writing that can stand as a key quote."""
    words = len(text.split())
    return (
        a.speaker is not None
        and a.speaker.name is not None
        and words >= _KEY_QUOTE_WORDS
        and not title_like(text)
    )


def listed(text: str, found: list[Attribution], quoted: list[Quoted]) -> list[Attribution]:
    """Single marks quote only where the article quotes with them (British style); in an
    article that quotes with double marks (typewriter '' ones included) they set off titles,
    terms, headlines and quotations within quotations."""
    single_style = "''" not in text and not any(not q.single and not q.depth for q in quoted)
    return [a for a in found if single_style or not a.quoted.single]


def to_quotes(
    text: str, found: list[Attribution], mentions: dict[str, int], sentences: int
) -> list[Quote]:
    scored = []
    for order, a in enumerate(found):
        speaker = a.speaker
        body = text[a.quoted.start : a.quoted.end]
        score = min(len(body.split()), _FULL_QUOTE_WORDS)
        if speaker is not None and speaker.name:
            score += 10 + 3 * min(mentions.get(speaker.name, 1), 6)
        score -= 10 * a.sentence / max(sentences, 1)
        quote = Quote(
            text=body,
            start=a.quoted.start,
            end=a.quoted.end,
            speaker=speaker.name if speaker else None,
            speaker_role=speaker.role if speaker else None,
            cue=a.cue,
            sentence=a.sentence,
        )
        scored.append((not is_key(body, a), -score, order, quote))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored]
