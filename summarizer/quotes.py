"""Direct quotations as the Brief reports them, most important first."""

from __future__ import annotations

from summarizer.attribution import Attribution
from summarizer.types import Quote

_FULL_QUOTE_WORDS = 40


def to_quotes(
    text: str, found: list[Attribution], mentions: dict[str, int], sentences: int
) -> list[Quote]:
    scored = []
    for order, a in enumerate(found):
        speaker = a.speaker
        words = len(text[a.quoted.start : a.quoted.end].split())
        score = min(words, _FULL_QUOTE_WORDS)
        if speaker is not None and speaker.name:
            score += 10 + 3 * min(mentions.get(speaker.name, 1), 6)
        score -= 10 * a.sentence / max(sentences, 1)
        if a.quoted.depth:
            score -= 50  # nested quotations are read inside their container
        quote = Quote(
            text=text[a.quoted.start : a.quoted.end],
            start=a.quoted.start,
            end=a.quoted.end,
            speaker=speaker.name if speaker else None,
            speaker_role=speaker.role if speaker else None,
            cue=a.cue,
            sentence=a.sentence,
        )
        scored.append((-score, order, quote))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [quote for _, _, quote in scored]
