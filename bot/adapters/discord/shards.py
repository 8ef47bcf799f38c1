"""Discord at scale: the client over several gateway connections (shards).

Discord requires shards from 2,500 servers on: each shard carries the servers whose
`(id >> 22) % shard_count` is its number. One instance may run every shard
(discord.py's AutoShardedClient), or only some (`discord_shard_ids`), so that N instances split
the servers between them. Unset, the bot keeps one connection, as it always has.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.adapters.discord.client import PLATFORM, BriefClient
from bot.config import Settings

log = logging.getLogger(__name__)


class ShardedBriefClient(BriefClient, discord.AutoShardedClient):
    """The bot on the shards of this instance: connected for /readyz only while every one of
    them is (discord.py's own ready and resumed events say nothing of the other shards)."""

    def __init__(
        self, *, shard_count: int, shard_ids: tuple[int, ...] | None = None, **options: Any
    ) -> None:
        super().__init__(
            shard_count=shard_count,
            shard_ids=list(shard_ids) if shard_ids is not None else None,
            **options,
        )
        self.own_shards = frozenset(shard_ids if shard_ids is not None else range(shard_count))
        self._up: set[int] = set()

    async def on_ready(self) -> None:
        log.info(
            "Connected to Discord as %s in %d servers on shards %s of %d.",
            self.user,
            len(self.guilds),
            ",".join(map(str, sorted(self.own_shards))),
            self.shard_count,
        )

    async def on_resumed(self) -> None:
        """One shard's: on_shard_resumed tells the readiness."""

    async def on_disconnect(self) -> None:
        """One shard's: on_shard_disconnect tells the readiness."""

    async def on_shard_ready(self, shard_id: int) -> None:
        self._shard(shard_id, up=True)

    async def on_shard_resumed(self, shard_id: int) -> None:
        self._shard(shard_id, up=True)

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self._shard(shard_id, up=False)

    def _shard(self, shard_id: int, *, up: bool) -> None:
        if up:
            self._up.add(shard_id)
        else:
            self._up.discard(shard_id)
            log.info("Discord shard %d disconnected.", shard_id)
        self.readiness.connected(PLATFORM, self._up >= self.own_shards)


def make_client(settings: Settings, **options: Any) -> BriefClient:
    """The client `settings` ask for: one connection, or this instance's shards."""
    if settings.discord_shard_count is None:
        return BriefClient(**options)
    return ShardedBriefClient(
        shard_count=settings.discord_shard_count,
        shard_ids=settings.discord_shard_ids,
        **options,
    )
