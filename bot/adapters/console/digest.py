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
from bot.adapters.presentation.stories import EMPTY_DIGEST, StoryView, counts_line, story_views
from bot.adapters.presentation.text import one_line
from summarizer.digest_types import Digest

INDENT = "   "


# --- rich -------------------------------------------------------------------------------------


def _rich_story(story: StoryView) -> Text:
    out = Text()
    out.append(f"{story.number}. ", style="bold")
    out.append(story.headline, style=Style(bold=True, link=story.url))
    if story.note:
        out.append(f"\n{INDENT}{story.note}", style="italic")
    for bullet in story.bullets:
        out.append(f"\n{INDENT}• {bullet}")
    if story.quote is not None:
        out.append(f"\n{INDENT}“{story.quote.text}” — ")
        if story.quote.speaker:
            out.append(story.quote.speaker, style="bold")
        else:
            out.append(UNATTRIBUTED, style="italic")
    if story.links:
        out.append(f"\n{INDENT}")
        for i, link in enumerate(story.links):
            if i:
                out.append(" · ", style="dim")
            out.append(link.label, style=Style(underline=True, link=link.url))
    if story.reach:
        out.append(f"\n{INDENT}{story.reach}", style="dim")
    return out


def render_digest_rich(digest: Digest, *, heading: str) -> RenderableType:
    """The digest as a terminal reader sees it: heading, counts, then each story with its
    bullets, key quote, links (by site, clickable where the terminal allows) and reach."""
    parts: list[RenderableType] = [Text(one_line(heading), style="bold underline")]
    if digest.empty:
        parts.append(Text(EMPTY_DIGEST))
        return Group(*parts)
    parts.append(Text(counts_line(digest), style="dim"))
    for story in story_views(digest):
        parts += [Text(), _rich_story(story)]
    return Group(*parts)


# --- plain text -------------------------------------------------------------------------------


def _text_story(story: StoryView) -> list[str]:
    lines = [f"{story.number}. {story.headline}"]
    lines += [f"{INDENT}{story.note}"] if story.note else []
    lines += [f"{INDENT}• {bullet}" for bullet in story.bullets]
    if story.quote is not None:
        who = story.quote.speaker or UNATTRIBUTED
        lines.append(f"{INDENT}“{story.quote.text}” — {who}")
    # No links in plain text: the address itself, after the label it is shown by.
    lines += [
        INDENT + (f"{link.label}: {link.url}" if link.label != link.url else link.url)
        for link in story.links
    ]
    if story.reach:
        lines.append(f"{INDENT}{story.reach}")
    return lines


def render_digest_text(digest: Digest, *, heading: str) -> str:
    """The digest as plain lines, for `briefbot digest --format text` and the console channel."""
    lines = [one_line(heading)]
    if digest.empty:
        return "\n".join([*lines, EMPTY_DIGEST])
    lines.append(counts_line(digest))
    for story in story_views(digest):
        lines += ["", *_text_story(story)]
    return "\n".join(lines)
