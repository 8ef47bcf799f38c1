"""A Digest as Slack messages: Block Kit within Slack's limits, as many messages as it takes.

Each story is one section (headline linked to its first article, bullets, key quote, links by
site, reach), so a story is never split across messages; a story too long for a section has
its longest pieces trimmed at a sentence or word end. Stories fill a message in order until
its blocks or its text budget run out, then the next message goes on. Article text is escaped
(& < >) everywhere, so `<!channel>` in an article never pings. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
from bot.adapters.slack.render import (
    BLOCK_LIMIT,
    BULLET_LIMIT,
    CONTEXT_LIMIT,
    FALLBACK_LIMIT,
    NAME_LIMIT,
    QUOTE_LIMIT,
    SECTION_LIMIT,
    SlackMessage,
    context_block,
    escape,
    fit,
    header_block,
    link_target,
    section_block,
)
from summarizer.digest_types import Digest, Story

HEADLINE_LIMIT = 300  # the linked headline's label
LINKED_URL_LIMIT = 1000  # a longer address is not linked from the headline: it would eat the room
# Our own budget of section text per message: a message a reader can take in, and far below
# the size at which Slack refuses a message. Each story is one section, so at least 4 fit.
MESSAGE_TEXT_LIMIT = 12_000
HEAD_BLOCKS = 2  # header + counts in the first message; a context line in the others
BLOCKS_PER_STORY = 2  # divider + section


def _link(url: str) -> str:
    return f"<{link_target(url)}|{escape(site_of(url) or 'link')}>"


def _headline(number: int, story: Story) -> str:
    label = fit(headline_of(story), HEADLINE_LIMIT, hard=False)
    target = link_target(story.urls[0]) if story.urls else ""
    if target and len(target) <= LINKED_URL_LIMIT:
        return f"*{number}. <{target}|{label}>*"
    return f"*{number}. {label}*"


def _fitting(text: str, own_limit: int) -> tuple[str, Callable[[int], str]]:
    """A piece of article text at its own limit, and how to make it shorter still."""
    return fit(text, own_limit, hard=False), lambda limit: fit(text, limit, hard=False)


def story_section(number: int, story: Story) -> str:
    """A story as one section text within SECTION_LIMIT."""
    fixed = [_headline(number, story)]
    pieces = [_fitting(bullet, BULLET_LIMIT) for bullet in story_bullets(story)]
    decor = [("• ", "")] * len(pieces)
    if story.quote is not None:
        pieces.append(_fitting(quote_text(story.quote.text), QUOTE_LIMIT))
        speaker = story.quote.speaker and one_line(story.quote.speaker)
        who = f"*{fit(speaker, NAME_LIMIT, hard=False)}*" if speaker else "_unattributed_"
        decor.append(("> “", f"” — {who}"))
    if story.urls:
        links = [_link(url) for url in story.urls]
        pieces.append((join_within(links, SECTION_LIMIT), lambda n: join_within(links, n)))
        decor.append(("", ""))
    reach = reach_line(story)
    tail = [f"_{reach}_"] if reach else []
    lines = len(fixed) + len(pieces) + len(tail)
    used = sum(map(len, fixed + tail)) + sum(len(a) + len(b) for a, b in decor) + lines - 1
    texts = share_room(pieces, SECTION_LIMIT - used)
    body = [f"{a}{text}{b}" for (a, b), text in zip(decor, texts, strict=True)]
    return "\n".join(fixed + body + tail)


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
    sections = [(n, s, story_section(n, s)) for n, s in enumerate(digest.stories, 1)]
    pages = paginate(sections, lambda page: _fits([text for _, _, text in page]))
    messages = []
    for index, page in enumerate(pages, 1):
        part = f" · part {index} of {len(pages)}" if len(pages) > 1 else ""
        if index == 1:
            top = [header_block(heading), context_block([escape(counts_line(digest)) + part])]
            lead = [heading, counts_line(digest) + part]
        else:
            top = [context_block([fit(heading, CONTEXT_LIMIT - len(part)) + part])]
            lead = [heading + part]
        blocks: list[dict[str, Any]] = top
        for _, _, text in page:
            blocks += [{"type": "divider"}, section_block(text)]
        headlines = [f"{n}. {headline_of(story)}" for n, story, _ in page]
        messages.append(SlackMessage(_fallback(lead + headlines), blocks))
    return messages
