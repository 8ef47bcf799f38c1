"""A digest's stories as every platform shows them: headline, bullets, key quote, links and reach,
in that order and in the same words, so a digest reads alike on Slack, Discord and the terminal.

story_view gives the pieces as plain single lines, for the adapter to escape and mark up. Slack
and Discord must fit a story in one section or embed: story_body lays it out and trims it the
same way for both, given the platform's markup (StoryMarkup). Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.adapters.presentation.briefs import NAME_LIMIT, QUOTE_LIMIT, UNATTRIBUTED, UNTITLED
from bot.adapters.presentation.text import join_within, one_line, quote_text, share_room, site_of
from bot.digests.wording import count, tally
from summarizer.digest_types import Digest, Story

EMPTY_DIGEST = "Nothing new was shared since the last digest."
# A story the channel's previous digest told already: its bullets are what is new since.
CONTINUING = "Continuing story: new since the last digest"
CONTINUING_NOTHING_NEW = "Continuing story: nothing new since the last digest"
MAX_STORY_BULLETS = 3


@dataclass(frozen=True, slots=True)
class StoryLink:
    """One of the story's articles: its address, and what it is shown by (its site, else the
    address itself, which says more than a bare "link")."""

    url: str
    label: str


@dataclass(frozen=True, slots=True)
class StorySaid:
    """The story's key quote, and who said it (None when the article names nobody)."""

    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class StoryView:
    """What every platform shows of a story, each piece one line of unescaped text; `url` is
    the first article's, which the headline links to."""

    number: int
    headline: str
    url: str | None
    bullets: tuple[str, ...]
    quote: StorySaid | None
    links: tuple[StoryLink, ...]
    reach: str | None
    # CONTINUING or CONTINUING_NOTHING_NEW when the previous digest told the story already.
    note: str | None = None


def counts_line(digest: Digest) -> str:
    """The digest's top line, e.g. "12 articles in 9 stories"."""
    return tally(digest.article_count, digest.story_count)


def part_of(index: int, total: int) -> str | None:
    """ "part 2 of 3" for a digest that takes several messages; None when one holds it."""
    return f"part {index} of {total}" if total > 1 else None


def reach_line(story: Story) -> str | None:
    """How widely a story travelled ("2 outlets · shared 3 times"), or None when it was one
    article shared once; shares are told when some article was posted more than once. Outlets
    are counted by site, so two links of one site are one outlet;
    articles without links to tell their sites apart are counted as articles."""
    outlets = min(len({site_of(url) or url for url in story.urls}), story.articles)
    parts = []
    if outlets > 1:
        parts.append(count(outlets, "outlet"))
    elif story.articles > 1:
        parts.append(count(story.articles, "article"))
    if story.shares > max(story.articles, 1):  # an article posted more than once
        parts.append(f"shared {count(story.shares, 'time')}")
    return " · ".join(parts) or None


def continuing_note(story: Story) -> str | None:
    if not story.continuing:
        return None
    return CONTINUING if story.bullets or story.quote else CONTINUING_NOTHING_NEW


def story_view(number: int, story: Story) -> StoryView:
    said = None
    if story.quote is not None:
        speaker = one_line(story.quote.speaker or "") or None
        said = StorySaid(quote_text(story.quote.text), speaker)
    links = tuple(StoryLink(one_line(url), site_of(url) or one_line(url)) for url in story.urls)
    return StoryView(
        number=number,
        headline=one_line(story.headline) or UNTITLED,
        url=links[0].url if links else None,
        bullets=tuple(b for b in map(one_line, story.bullets) if b)[:MAX_STORY_BULLETS],
        quote=said,
        links=links,
        reach=reach_line(story),
        note=continuing_note(story),
    )


def story_views(digest: Digest) -> list[StoryView]:
    """The digest's stories in order, numbered from 1."""
    return [story_view(number, story) for number, story in enumerate(digest.stories, 1)]


@dataclass(frozen=True, slots=True)
class StoryMarkup:
    """One platform's share of a story body: how article text is escaped and trimmed to a
    limit, its bold, italics and links, what opens a quotation, and how much room there is."""

    text: Callable[[str, int], str]
    bold: Callable[[str], str]
    italic: Callable[[str], str]
    link: Callable[[StoryLink], str]
    quote_mark: str
    bullet_limit: int
    room: int


@dataclass(frozen=True, slots=True)
class _Piece:
    """One line of article text at its own limit, how to make it shorter, and the markup
    around it (never trimmed)."""

    text: str
    shorter: Callable[[int], str]
    before: str = ""
    after: str = ""


def _piece(markup: StoryMarkup, text: str, limit: int, before: str = "", after: str = "") -> _Piece:
    return _Piece(markup.text(text, limit), lambda n: markup.text(text, n), before, after)


def story_body(view: StoryView, markup: StoryMarkup, *, head: Sequence[str] = ()) -> str:
    """The `head` lines, then bullets, key quote, links and reach, one a line, within
    markup.room: markup, head and reach stay whole and the article text shares what is left
    (share_room), so a story too long for the room loses words, never a piece."""
    if view.note:
        head = [*head, markup.italic(view.note)]
    pieces = [_piece(markup, bullet, markup.bullet_limit, "• ") for bullet in view.bullets]
    if view.quote is not None:
        if view.quote.speaker:
            who = markup.bold(markup.text(view.quote.speaker, NAME_LIMIT))
        else:
            who = markup.italic(UNATTRIBUTED)
        opening = f"{markup.quote_mark}“"
        pieces.append(_piece(markup, view.quote.text, QUOTE_LIMIT, opening, f"” — {who}"))
    if view.links:
        links = [markup.link(link) for link in view.links]
        pieces.append(_Piece(join_within(links, markup.room), lambda n: join_within(links, n)))
    tail = [markup.italic(view.reach)] if view.reach else []
    lines = len(head) + len(pieces) + len(tail)
    fixed = sum(map(len, [*head, *tail])) + sum(len(p.before) + len(p.after) for p in pieces)
    texts = share_room([(p.text, p.shorter) for p in pieces], markup.room - fixed - (lines - 1))
    body = [f"{p.before}{text}{p.after}" for p, text in zip(pieces, texts, strict=True)]
    return "\n".join([*head, *body, *tail])
