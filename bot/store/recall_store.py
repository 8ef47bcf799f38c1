"""The store's calls for who said what and text search (recall_queries.py); Store inherits
them. Every call answers only with what the asker's channel may see."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from bot.channels import ChannelRef
from bot.store import recall_queries
from bot.store.recall_records import ActorFacts, Found, NameMatch, Said
from bot.store.schema.types import require_aware
from bot.store.sessions import Sessions


class RecallStore(Sessions):
    async def names_for(self, keys: Collection[str], asker: ChannelRef) -> list[NameMatch]:
        """The canonical names these lookup keys (bot/store/names.py) find, most briefs first."""
        return await self._read(recall_queries.names_for, keys, asker)

    async def actor_facts(self, name_key: str, asker: ChannelRef) -> ActorFacts | None:
        """How the briefs name the actor, its kind and latest role."""
        return await self._read(recall_queries.actor_facts, name_key, asker)

    async def said_by(
        self,
        name_keys: Collection[str],
        asker: ChannelRef,
        *,
        since: datetime | None = None,
        limit: int = 50,
    ) -> list[Said]:
        """The quotes and positions of these canonical names, newest shared first."""
        since = None if since is None else require_aware(since, "since")
        return await self._read(recall_queries.said_by, name_keys, asker, since=since, limit=limit)

    async def known_names(self, asker: ChannelRef) -> list[str]:
        """Every actor's canonical name the asker may see."""
        return await self._read(recall_queries.known_names, asker)

    async def search_briefs(self, words: str, asker: ChannelRef, *, limit: int = 10) -> list[Found]:
        """Briefs whose title, bullets or quotes hold every word of `words`, best first."""
        found = recall_queries.search_words(words)
        return await self._read(recall_queries.search, found, asker, limit=limit)
