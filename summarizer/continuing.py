"""A digest that knows the channel's previous one: a story already in it is marked continuing
and told by what is new since, not by the bullets the channel read then (pure).

"Already in it" is the digest's own grouping run over both digests' briefs; "new" is
summarizer.novelty, each of the story's briefs against the previous digest's briefs of the
story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from summarizer.digest_types import Digest, Story, StoryQuote
from summarizer.novelty import whats_new
from summarizer.stories import MAX_BULLETS, digest, story_groups, story_members
from summarizer.types import Brief, Since

_NOWHERE = Since(title=None, url=None, shared_at=None)


def continuing_digest(
    briefs: Sequence[Brief],
    *,
    previous: Sequence[Brief],
    now: datetime | None = None,
    shared_at: Sequence[datetime] | None = None,
) -> Digest:
    """digest(briefs) with each story already among `previous` (the briefs of the channel's
    previous digest) continuing: its bullets and quote only what no previous brief said."""
    made = digest(briefs, now=now, shared_at=shared_at)
    if not previous or not briefs:
        return made
    members = story_members(briefs, now=now, shared_at=shared_at)
    before = len(previous)
    owner: dict[int, list[int]] = {}
    for group in story_groups([*previous, *briefs]):
        old = [i for i in group if i < before]
        for i in group:
            if i >= before:
                owner[i - before] = old
    stories = []
    for story, member in zip(made.stories, members, strict=True):
        old = sorted({i for m in member for i in owner.get(m, [])})
        told = [previous[i] for i in old]
        stories.append(_since(story, [briefs[m] for m in member], told) if told else story)
    return replace(made, stories=stories)


def _since(story: Story, briefs: list[Brief], told: list[Brief]) -> Story:
    bullets: list[str] = []
    quote: StoryQuote | None = None
    for brief in briefs:
        news = whats_new(told, brief, since=_NOWHERE)
        bullets += [s.text for s in news.sentences if s.text not in bullets]
        if quote is None:
            said = next((q for q in news.quotes if q.speaker), None)
            if said is not None:
                quote = StoryQuote(" ".join(said.text.split()).rstrip(","), said.speaker)
    return replace(story, bullets=bullets[:MAX_BULLETS], quote=quote, continuing=True)
