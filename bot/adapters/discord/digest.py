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

from collections.abc import Sequence
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
from bot.adapters.presentation.stories import (
    EMPTY_DIGEST,
    StoryLink,
    StoryMarkup,
    StoryView,
    counts_line,
    part_of,
    story_body,
    story_views,
)
from bot.adapters.presentation.text import paginate
from summarizer.digest_types import Digest

EMBEDS_PER_MESSAGE = 10
HEADING_LIMIT = 256
BULLET_LIMIT = 1000


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


def _link(link: StoryLink) -> str:
    """The link in Markdown, shown by its label; ( ) would end the target early."""
    if not _web(link.url):
        return safe(link.url)
    target = link.url.replace("(", "%28").replace(")", "%29")
    return f"[{safe(link.label)}]({target})"


MARKUP = StoryMarkup(
    text=lambda text, limit: clip(safe(text), limit),
    bold=lambda text: f"**{text}**",
    italic=lambda text: f"*{text}*",
    link=_link,
    quote_mark="> ",
    bullet_limit=BULLET_LIMIT,
    room=DESCRIPTION_LIMIT,
)


def story_embed(story: StoryView) -> discord.Embed:
    """A story as one embed, its title linked to the first article and its bullets, key
    quote, links and reach in the description."""
    return discord.Embed(
        title=clip(f"{story.number}. {safe(story.headline)}", TITLE_LIMIT),
        url=story.url if story.url and _web(story.url) else None,
        description=story_body(story, MARKUP) or None,
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
    embeds = [story_embed(story) for story in story_views(digest)]
    pages = paginate(embeds, _fits)
    messages = []
    for index, page in enumerate(pages, 1):
        part = part_of(index, len(pages))
        first = counts_line(digest) if index == 1 else None
        line = " · ".join(p for p in (first, part) if p)
        messages.append(DiscordMessage(_content(heading, line), page))
    return messages
