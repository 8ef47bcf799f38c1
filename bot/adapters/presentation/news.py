"""What's new, worded once for every platform: the line that leads a brief shared after
earlier articles of its story (or after the link's earlier version), and how much of the
novelty is shown. Every function returns plain, unescaped text; the markup is the adapter's.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.adapters.presentation.briefs import UNTITLED, human_date, top_positions
from bot.adapters.presentation.text import one_line
from summarizer import Brief, Position, Quote
from summarizer.types import NewActor, WhatsNew

# What's new is read before the brief: a few lines, the rest is below.
MAX_NEWS_QUOTES = 2
MAX_NEWS_ACTORS = 4
NOTHING_NEW = "Nothing new: it repeats what was shared before."
NOTHING_CHANGED = "The page changed, but not what it says."
WHATS_NEW = "What's new"
UPDATED = "Updated"
# Actors new to the story that take no position yet are named on one line after this.
FIRST_SEEN = "Now in the story"


@dataclass(frozen=True, slots=True)
class NewsLead:
    """The parts of the lead line: the heading word, the earlier article and when it was
    shared. `updated`: the link's own page changed (the earlier article is its old version)."""

    updated: bool
    title: str
    url: str | None
    when: str | None

    @property
    def heading(self) -> str:
        return UPDATED if self.updated else WHATS_NEW

    @property
    def nothing(self) -> str:
        """The one line that says there is nothing new."""
        return NOTHING_CHANGED if self.updated else NOTHING_NEW

    def says(self, title: str) -> str:
        """The lead after the heading, with the earlier article's title as the platform shows
        it (linked, escaped): "since “Dock strike” (shared 2 March 2026)"."""
        when = f" (shared {self.when})" if self.when else ""
        if self.updated:
            return f"since the version shared {self.when}" if self.when else "since last read"
        return f"since {title}{when}"


def lead_of(brief: Brief) -> NewsLead | None:
    news = brief.whats_new
    if news is None:
        return None
    since = news.since
    return NewsLead(
        updated=since.url is not None and since.url == brief.url,
        title=one_line(since.title or "") or UNTITLED,
        url=since.url,
        when=human_date(since.shared_at) if since.shared_at else None,
    )


def news_quotes(news: WhatsNew) -> list[Quote]:
    return news.quotes[:MAX_NEWS_QUOTES]


def news_actors(news: WhatsNew) -> list[tuple[NewActor, list[Position]]]:
    """Actors with new positions (a quotation shown among the new quotes left out), first."""
    shown = news_quotes(news)
    told = [(a, top_positions(a, shown)) for a in news.actors]
    return [(a, p) for a, p in told if p][:MAX_NEWS_ACTORS]


def first_seen(news: WhatsNew) -> list[str]:
    """Names new to the story that take no position in it yet."""
    return [one_line(a.name) for a in news.actors if not a.positions]
