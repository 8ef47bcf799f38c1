"""A Digest as Discord messages: one embed per story, as many messages as Discord's limits ask.

The heading and counts go in the message content (no links there, so nothing unfurls); each
story is an embed whose title links to its first article and whose description holds the
bullets, the key quote, the links by site and the reach. A story is never split across
messages: an embed always fits one, its longest pieces trimmed at a sentence or word end when
the story is longer than an embed allows. Embeds fill a message in order until ten of them or
6000 characters, then the next message goes on. Article text is made inert with `safe`
(Markdown escaped, mentions broken). Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.adapters.discord.render import (
    COLOUR,
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    TITLE_LIMIT,
    TOTAL_LIMIT,
    clip,
    safe,
)
from bot.adapters.presentation.text import (
    EMPTY_DIGEST,
    counts_line,
    headline_of,
    join_within,
    one_line,
    paginate,
    quote_text,
    reach_line,
    share_room,
    site_of,
    story_bullets,
)
from summarizer.digest_types import Digest, Story

EMBEDS_PER_MESSAGE = 10
HEADING_LIMIT = 256
BULLET_LIMIT = 1000
QUOTE_LIMIT = 600
NAME_LIMIT = 120


@dataclass(frozen=True, slots=True)
class DiscordMessage:
    """What a channel send needs: our own words as content, and the story embeds."""

    content: str
    embeds: list[discord.Embed] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"content": self.content or None, "embeds": self.embeds}


def _web(url: str) -> bool:
    """Discord refuses a message whose embed url is not a web address."""
    return url.startswith(("https://", "http://")) and " " not in url


def _link(url: str) -> str:
    """The url as a Markdown link shown by its site; ( ) would end the target early."""
    if not _web(url):
        return safe(url)
    target = url.replace("(", "%28").replace(")", "%29")
    return f"[{safe(site_of(url) or 'link')}]({target})"


def _fitting(text: str, own_limit: int) -> tuple[str, Callable[[int], str]]:
    """A piece of (already safe) text at its own limit, and how to make it shorter still."""
    return clip(text, own_limit), lambda limit: clip(text, limit)


def story_description(story: Story) -> str:
    """Bullets, key quote, links and reach within DESCRIPTION_LIMIT."""
    pieces = [_fitting(safe(bullet), BULLET_LIMIT) for bullet in story_bullets(story)]
    decor = [("• ", "")] * len(pieces)
    if story.quote is not None:
        pieces.append(_fitting(safe(quote_text(story.quote.text)), QUOTE_LIMIT))
        speaker = story.quote.speaker and one_line(story.quote.speaker)
        who = f"**{clip(safe(speaker), NAME_LIMIT)}**" if speaker else "*unattributed*"
        decor.append(("> “", f"” — {who}"))
    if story.urls:
        links = [_link(url) for url in story.urls]
        pieces.append((join_within(links, DESCRIPTION_LIMIT), lambda n: join_within(links, n)))
        decor.append(("", ""))
    reach = reach_line(story)
    tail = [f"*{reach}*"] if reach else []
    lines = len(pieces) + len(tail)
    used = sum(map(len, tail)) + sum(len(a) + len(b) for a, b in decor) + lines - 1
    texts = share_room(pieces, DESCRIPTION_LIMIT - used)
    body = [f"{a}{text}{b}" for (a, b), text in zip(decor, texts, strict=True)]
    return "\n".join(body + tail)


def story_embed(number: int, story: Story) -> discord.Embed:
    """A story as one embed, its title linked to the first article."""
    first = story.urls[0] if story.urls else None
    return discord.Embed(
        title=clip(f"{number}. {safe(headline_of(story))}", TITLE_LIMIT),
        url=first if first and _web(first) else None,
        description=story_description(story) or None,
        colour=COLOUR,
    )


def _fits(embeds: Sequence[discord.Embed]) -> bool:
    return len(embeds) <= EMBEDS_PER_MESSAGE and sum(len(e) for e in embeds) <= TOTAL_LIMIT


def _content(heading: str, line: str) -> str:
    return clip(f"**{clip(safe(heading), HEADING_LIMIT)}**\n{line}", CONTENT_LIMIT)


def digest_messages(digest: Digest, *, heading: str) -> list[DiscordMessage]:
    """The digest as one or more messages, to be sent in order: the first says the heading and
    the counts, each later one the heading and its part number."""
    if digest.empty:
        return [DiscordMessage(_content(heading, EMPTY_DIGEST))]
    embeds = [story_embed(n, story) for n, story in enumerate(digest.stories, 1)]
    pages = paginate(embeds, _fits)
    messages = []
    for index, page in enumerate(pages, 1):
        part = f"part {index} of {len(pages)}" if len(pages) > 1 else ""
        first = counts_line(digest) if index == 1 else ""
        line = " · ".join(p for p in (first, part) if p)
        messages.append(DiscordMessage(_content(heading, line), page))
    return messages
