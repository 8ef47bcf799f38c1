"""Pure renderers of a Digest for the terminal: a rich renderable and plain text.

The terminal has no length limits, so nothing is trimmed. Article text is untrusted: the rich
form builds `Text` pieces directly and never parses markup, so "[red]" or ":smile:" in a
headline shows as written; the plain form keeps every piece on one line so an article cannot
fake our layout. Nothing here does I/O.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from bot.adapters.presentation.briefs import UNATTRIBUTED
from bot.adapters.presentation.text import (
    EMPTY_DIGEST,
    counts_line,
    headline_of,
    one_line,
    quote_text,
    reach_line,
    site_of,
    story_bullets,
)
from summarizer.digest_types import Digest, Story

INDENT = "   "


def _links(story: Story) -> list[tuple[str, str]]:
    """(site, url) for every url of the story, the site standing in when it has a name."""
    return [(site_of(url) or one_line(url), one_line(url)) for url in story.urls]


# --- rich -------------------------------------------------------------------------------------


def _rich_story(number: int, story: Story) -> Text:
    out = Text()
    first = story.urls[0] if story.urls else None
    out.append(f"{number}. ", style="bold")
    out.append(headline_of(story), style=Style(bold=True, link=first))
    for bullet in story_bullets(story):
        out.append(f"\n{INDENT}• {bullet}")
    if story.quote is not None:
        out.append(f"\n{INDENT}“{quote_text(story.quote.text)}” — ")
        if story.quote.speaker:
            out.append(one_line(story.quote.speaker), style="bold")
        else:
            out.append(UNATTRIBUTED, style="italic")
    if links := _links(story):
        out.append(f"\n{INDENT}")
        for i, (site, url) in enumerate(links):
            if i:
                out.append(" · ", style="dim")
            out.append(site, style=Style(underline=True, link=url))
    if reach := reach_line(story):
        out.append(f"\n{INDENT}{reach}", style="dim")
    return out


def render_digest_rich(digest: Digest, *, heading: str) -> RenderableType:
    """The digest as a terminal reader sees it: heading, counts, then each story with its
    bullets, key quote, links (by site, clickable where the terminal allows) and reach."""
    parts: list[RenderableType] = [Text(one_line(heading), style="bold underline")]
    if digest.empty:
        parts.append(Text(EMPTY_DIGEST))
        return Group(*parts)
    parts.append(Text(counts_line(digest), style="dim"))
    for number, story in enumerate(digest.stories, 1):
        parts += [Text(), _rich_story(number, story)]
    return Group(*parts)


# --- plain text -------------------------------------------------------------------------------


def _text_story(number: int, story: Story) -> list[str]:
    lines = [f"{number}. {headline_of(story)}"]
    lines += [f"{INDENT}• {bullet}" for bullet in story_bullets(story)]
    if story.quote is not None:
        who = one_line(story.quote.speaker or "") or UNATTRIBUTED
        lines.append(f"{INDENT}“{quote_text(story.quote.text)}” — {who}")
    # No links in plain text: the address itself, after the site it is shown by.
    lines += [
        f"{INDENT}{site}: {url}" if site != url else INDENT + url for site, url in _links(story)
    ]
    if reach := reach_line(story):
        lines.append(f"{INDENT}{reach}")
    return lines


def render_digest_text(digest: Digest, *, heading: str) -> str:
    """The digest as plain lines, for `briefbot digest --format text` and the console channel."""
    lines = [one_line(heading)]
    if digest.empty:
        return "\n".join([*lines, EMPTY_DIGEST])
    lines.append(counts_line(digest))
    for number, story in enumerate(digest.stories, 1):
        lines += ["", *_text_story(number, story)]
    return "\n".join(lines)
