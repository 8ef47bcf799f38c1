"""Who said what across the briefs of a workspace, and text search over them: the
platform-neutral use cases behind `/who NAME`, `/briefs WORDS`, `briefbot who` and
`briefbot search`.

Names are resolved as the briefs resolve them: an actor is found by its canonical name, its
aliases, its surname or its role ("Netanyahu", "the prime minister", "Benjamin Netanyahu"),
and the briefs that name it by any of its names or aliases are one actor's. An unknown name
gets the closest known ones (rapidfuzz). Every answer holds only what the asker's channel may
see (bot/store/recall_queries.py): a private channel's articles only there, nothing from
another workspace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from bot.channels import ChannelRef
from bot.store import Found, NameMatch, Said, Store
from bot.store.names import name_key, shorter_keys
from summarizer.wordlists import load_set

# What /who lists, newest first, and how many close names an unknown one gets.
MAX_ITEMS = 20
MAX_SUGGESTIONS = 5
# rapidfuzz's WRatio (0-100) a known name needs to be suggested.
SUGGESTION_CUTOFF = 70
MAX_RESULTS = 10
# A search result shows the line of its brief holding most of the words, cut here.
SNIPPET_LIMIT = 240
_WORD = re.compile(r"[^\W_]+")


def utc_now() -> datetime:
    return datetime.now(UTC)


@cache
def _titles() -> frozenset[str]:
    """Titles written before a name (summarizer/data/titles.txt), as lookup keys."""
    return frozenset(name_key(t) for t in load_set("titles.txt"))


def _keys_to_try(asked: str) -> list[str]:
    """The name's key, then (when it starts with a title: "President Joe Biden") the name
    without it. Only titles are dropped: "Jane Doe" never falls back to any Doe."""
    key = name_key(asked)
    if not key:
        return []
    words = key.split()
    tried = [key]
    for i, shorter in enumerate(shorter_keys(key), start=1):
        if " ".join(words[:i]) in _titles():
            tried.append(shorter)
    return tried


@dataclass(frozen=True, slots=True)
class WhoItem:
    """A quote or position, with where it was read."""

    text: str
    kind: str  # "quote" or "position"
    cue: str | None
    title: str | None
    url: str | None
    shared_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "title": self.title,
            "url": self.url,
            "shared_at": self.shared_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class WhoAnswer:
    """What /who found: the actor (None: no brief names it so) and what it said, newest
    first; for an unknown name, the closest known ones."""

    asked: str
    name: str | None
    kind: str | None = None
    role: str | None = None
    items: tuple[WhoItem, ...] = ()
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """`{"name", "kind", "role", "items"}`; an unknown name adds "suggestions"."""
        shape: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "items": [i.to_dict() for i in self.items],
        }
        if self.name is None:
            shape["suggestions"] = list(self.suggestions)
        return shape


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A brief search found: its article, when it was shared, the line that matched best."""

    title: str | None
    url: str | None
    shared_at: datetime
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "shared_at": self.shared_at.isoformat(),
            "snippet": self.snippet,
        }


def _snippet(found: Found, words: set[str]) -> str:
    """The line of the brief (a bullet or a quote) sharing most words with the search."""
    lines = [line for line in found.body.splitlines() if line.strip()]
    if not lines:
        return ""
    best = max(lines, key=lambda line: len(words & set(_WORD.findall(line.casefold()))))
    return best if len(best) <= SNIPPET_LIMIT else best[: SNIPPET_LIMIT - 1].rstrip() + "…"


def _same_actor(best: NameMatch, other: NameMatch) -> bool:
    """Whether two canonical names are one actor: one is a name or alias of the other."""
    return other.name_key in best.aliases or best.name_key in other.aliases


def _items(said: list[Said], limit: int) -> tuple[WhoItem, ...]:
    """Each statement once (an article kept in two versions says it twice), newest first."""
    kept: dict[tuple[str, str], WhoItem] = {}
    for s in said:
        kept.setdefault(
            (s.kind, " ".join(s.text.casefold().split())),
            WhoItem(s.text, s.kind, s.cue, s.title, s.url, s.shared_at),
        )
    return tuple(kept.values())[:limit]


class MemoryService:
    """/who and /briefs on the store, for any platform."""

    def __init__(self, store: Store, *, now: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.now = now

    async def who(
        self,
        name: str,
        asker: ChannelRef,
        *,
        days: int | None = None,
        limit: int = MAX_ITEMS,
    ) -> WhoAnswer:
        """What the actor named so said and where it stands, in the briefs the asker may
        see (shared in the last `days` days, when given), newest first."""
        matches: list[NameMatch] = []
        for key in _keys_to_try(name):
            matches = await self.store.names_for([key], asker)
            if matches:
                break
        if not matches:
            return WhoAnswer(name, None, suggestions=await self.suggestions(name, asker))
        best = matches[0]
        keys = set(best.aliases) | {m.name_key for m in matches if _same_actor(best, m)}
        since = self.now() - timedelta(days=days) if days is not None else None
        # Twice the limit: repeats of one statement (two versions of a page) are dropped.
        said = await self.store.said_by(keys, asker, since=since, limit=2 * limit)
        facts = await self.store.actor_facts(best.name_key, asker)
        if facts is None:  # not seen since the names were looked up (a posting removed)
            return WhoAnswer(name, said[0].speaker if said else None, items=_items(said, limit))
        return WhoAnswer(name, facts.name, facts.kind, facts.role, _items(said, limit))

    async def suggestions(self, name: str, asker: ChannelRef) -> tuple[str, ...]:
        """The known names closest to `name`, closest first."""
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if not key:
            return ()
        known = await self.store.known_names(asker)
        found = process.extract(
            key,
            {n: name_key(n) for n in known},
            scorer=fuzz.WRatio,
            limit=MAX_SUGGESTIONS,
            score_cutoff=SUGGESTION_CUTOFF,
        )
        return tuple(n for _key, _score, n in found)

    async def search(
        self, words: str, asker: ChannelRef, *, limit: int = MAX_RESULTS
    ) -> tuple[SearchHit, ...]:
        """Briefs the asker may see holding every word of `words` (titles, bullets, quotes),
        best first."""
        found = await self.store.search_briefs(words, asker, limit=limit)
        asked = set(_WORD.findall(words.casefold()))
        hits: dict[object, SearchHit] = {}
        for f in found:  # a link's versions (its page changed) are one result, the best
            hits.setdefault(
                f.url or f.article_id, SearchHit(f.title, f.url, f.shared_at, _snippet(f, asked))
            )
        return tuple(hits.values())
