"""Story memory for a brief shared in a channel: What's new since the earlier articles of its
story, or what changed since the link's earlier version ("Updated").

The earlier articles are those shared in the same workspace (the channel's own postings and
the public ones: bot/store/stories.py) in the last `window`; "same story" is the digest's own
grouping and the comparison is the pure summarizer.novelty. Both are CPU work on a handful of
briefs, run in a thread so the event loop keeps answering.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.channels import ChannelRef
from bot.store import SharedBrief, Store
from summarizer import VERSION, Brief
from summarizer.novelty import same_story, whats_new
from summarizer.types import Since

DEFAULT_STORY_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier article of the workspace, as its latest share before this one told it."""

    brief: Brief
    share: SharedBrief


def _brief_of(share: SharedBrief) -> Brief:
    return Brief.from_dict(json.loads(share.brief_json)).with_source(
        url=share.url, title=share.title
    )


def earlier_articles(shared: Sequence[SharedBrief], article_id: int) -> list[Earlier]:
    """The other articles shared before `article_id` was first shared (in the order of
    sharing), each once, as its latest share told it; versions of one link are one article.
    An article shared again later in the period does not make the earlier ones news to it."""
    first = next((s.first_version_id for s in shared if s.article_id == article_id), article_id)
    cut = next((i for i, s in enumerate(shared) if s.first_version_id == first), len(shared))
    latest: dict[int, SharedBrief] = {}
    for share in shared[:cut]:
        latest.pop(share.first_version_id, None)  # re-inserted: ordered by latest share
        latest[share.first_version_id] = share
    return [Earlier(_brief_of(s), s) for s in latest.values()]


def story_news(earlier: Sequence[Earlier], brief: Brief) -> Brief:
    """`brief` leading with what it adds to the earlier articles of its story (unchanged when
    none of them is of its story). Pure: the thread's work."""
    if not earlier:
        return brief
    story = same_story([e.brief for e in earlier], brief)
    if not story:
        return brief
    latest = earlier[story[-1]].share  # earlier is in the order of sharing
    since = Since(title=latest.title, url=latest.url, shared_at=latest.shared_at.isoformat())
    novelty = whats_new([earlier[i].brief for i in story], brief, since=since)
    return replace(brief, whats_new=novelty)


class StoryMemory:
    """What's new for the briefs a service makes for a channel."""

    def __init__(
        self,
        store: Store,
        *,
        now: Callable[[], datetime],
        window: timedelta = DEFAULT_STORY_WINDOW,
        version: str = VERSION,
    ) -> None:
        self.store = store
        self.now = now
        self.window = window
        self.version = version

    async def told(
        self, brief: Brief, article_id: int, target: ChannelRef, *, previous_id: int | None
    ) -> Brief:
        """`brief` with its What's new as shared in `target`: against the link's earlier
        version when its page changed (`previous_id`), else against its story's earlier
        articles in the window; unchanged when there is nothing to compare with."""
        if self.window <= timedelta(0):
            return brief
        if previous_id is not None:
            return await self._updated(brief, previous_id, target)
        until = self.now()
        shared = await self.store.shared_in_workspace(
            target, since=until - self.window, until=until, version=self.version
        )
        # Decoding the earlier briefs is the thread's work too: a busy week is many of them.
        return await asyncio.to_thread(
            lambda: story_news(earlier_articles(shared, article_id), brief)
        )

    async def _updated(self, brief: Brief, previous_id: int, target: ChannelRef) -> Brief:
        """What the page's new text adds to its earlier version, since that version."""
        stored = await self.store.brief_for(previous_id, self.version)
        previous = await self.store.article(previous_id)
        if stored is None or previous is None:
            return brief
        when = await self.store.last_shared(previous_id, target) or previous.fetched_at
        since = Since(title=previous.title, url=brief.url, shared_at=when.isoformat())
        old = Brief.from_dict(json.loads(stored))
        novelty = await asyncio.to_thread(whats_new, [old], brief, since=since)
        return replace(brief, whats_new=novelty)
