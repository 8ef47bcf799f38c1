"""A Digest as Slack messages: Block Kit within Slack's limits, as many messages as it takes.

Each story is one section (headline linked to its first article, bullets, key quote, links by
site, reach), so a story is never split across messages; a story too long for a section has
its longest pieces trimmed at a sentence or word end. Stories fill a message in order until
its blocks or its text budget run out, then the next message goes on. Article text is escaped
(& < >) everywhere, so `<!channel>` in an article never pings. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
from bot.adapters.presentation.text import one_line, paginate
from bot.adapters.slack.render import (
    BLOCK_LIMIT,
    BULLET_LIMIT,
    CONTEXT_LIMIT,
    FALLBACK_LIMIT,
    SECTION_LIMIT,
    SlackMessage,
    context_block,
    escape,
    fit,
    header_block,
    link_target,
    section_block,
)
from summarizer.digest_types import Digest

HEADLINE_LIMIT = 300  # the linked headline's label
LINKED_URL_LIMIT = 1000  # a longer address is not linked from the headline: it would eat the room
# Our own budget of section text per message: a message a reader can take in, and far below
# the size at which Slack refuses a message. Each story is one section, so at least 4 fit.
MESSAGE_TEXT_LIMIT = 12_000
HEAD_BLOCKS = 2  # header + counts in the first message; a context line in the others
BLOCKS_PER_STORY = 2  # divider + section


def _link(link: StoryLink) -> str:
    return f"<{link_target(link.url)}|{escape(link.label)}>"


# Article text escaped and cut at a word end; a single over-long word leaves only "…".
MARKUP = StoryMarkup(
    text=lambda text, limit: fit(text, limit, hard=False),
    bold=lambda text: f"*{text}*",
    italic=lambda text: f"_{text}_",
    link=_link,
    quote_mark="> ",
    bullet_limit=BULLET_LIMIT,
    room=SECTION_LIMIT,
)


def _headline(story: StoryView) -> str:
    label = fit(story.headline, HEADLINE_LIMIT, hard=False)
    target = link_target(story.url) if story.url else ""
    if target and len(target) <= LINKED_URL_LIMIT:
        return f"*{story.number}. <{target}|{label}>*"
    return f"*{story.number}. {label}*"


def story_section(story: StoryView) -> str:
    """A story as one section text within SECTION_LIMIT, its linked headline first."""
    return story_body(story, MARKUP, head=[_headline(story)])


def _fits(sections: Sequence[str]) -> bool:
    blocks = HEAD_BLOCKS + BLOCKS_PER_STORY * len(sections)
    return blocks <= BLOCK_LIMIT and sum(map(len, sections)) <= MESSAGE_TEXT_LIMIT


def _fallback(lines: list[str]) -> str:
    """The plain text of a message (notifications, clients without blocks)."""
    return fit("\n".join(one_line(line) for line in lines), FALLBACK_LIMIT, keep_lines=True)


def digest_messages(digest: Digest, *, heading: str) -> list[SlackMessage]:
    """The digest as one or more messages, to be posted in order: the first opens with the
    heading and the counts, each later one with the heading and its part number."""
    if digest.empty:
        return [
            SlackMessage(
                _fallback([heading, EMPTY_DIGEST]),
                [header_block(heading), section_block(EMPTY_DIGEST)],
            )
        ]
    sections = [(story, story_section(story)) for story in story_views(digest)]
    pages = paginate(sections, lambda page: _fits([text for _, text in page]))
    messages = []
    for index, page in enumerate(pages, 1):
        part = f" · {shown}" if (shown := part_of(index, len(pages))) else ""
        if index == 1:
            top = [header_block(heading), context_block([escape(counts_line(digest)) + part])]
            lead = [heading, counts_line(digest) + part]
        else:
            top = [context_block([fit(heading, CONTEXT_LIMIT - len(part)) + part])]
            lead = [heading + part]
        blocks: list[dict[str, Any]] = top
        for _, text in page:
            blocks += [{"type": "divider"}, section_block(text)]
        headlines = [f"{story.number}. {story.headline}" for story, _ in page]
        messages.append(SlackMessage(_fallback(lead + headlines), blocks))
    return messages
