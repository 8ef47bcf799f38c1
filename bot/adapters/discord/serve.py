"""Serving Discord: the client (one connection, or this instance's shards) started and made
again when Discord turns down the Message Content intent; what its failures to start mean."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
import discord

from bot.adapters.discord.client import PLATFORM, BriefClient, wanted_intents
from bot.adapters.discord.endpoints import point_discord_at
from bot.adapters.discord.poster import DiscordDigestPoster
from bot.adapters.discord.shards import make_client
from bot.config import Settings
from bot.digests import DigestService
from bot.health import Readiness
from bot.service import BriefService
from bot.startup import Backoff, StartupError, retry_later
from bot.stopping import Stopping

log = logging.getLogger(__name__)

NO_MESSAGE_CONTENT = (
    "Discord refused the Message Content intent: Briefbot cannot read pasted links and texts, "
    "so it only answers its slash commands (/brief, /briefbot). Turn on 'Message Content "
    "Intent' under Bot in the Discord developer portal and restart to brief pasted messages."
)
# Gateway close codes that settings must fix, and the sentence for each.
SHARDING_REFUSED = {
    4010: "Discord refused the shard settings (discord_shard_ids, discord_shard_count).",
    4011: (
        "Discord requires sharding for this bot's number of servers: set "
        'BRIEFBOT_DISCORD_SHARD_COUNT (README, "Sharding").'
    ),
}


async def run_discord(
    settings: Settings,
    service: BriefService,
    digests: DigestService,
    *,
    poster: DiscordDigestPoster | None = None,
    stopping: Stopping | None = None,
    backoff: Backoff | None = None,
    readiness: Readiness | None = None,
) -> None:
    """Serve Discord until cancelled, on one connection or on the shards `settings` name
    (bot.adapters.discord.shards). Without the Message Content intent (Discord closes the
    gateway with 4014), say so once and serve the slash commands without it. `poster`, when
    given, posts scheduled digests through whichever client is connected. Raises StartupError
    (a plain sentence) when the token is missing or refused, or Discord refuses the sharding
    (close codes 4010, 4011); Discord out of reach is tried
    again with `backoff`. Once `stopping`, no new message or command is taken on. `readiness`
    is told whether Discord is connected."""
    if settings.discord_token is None:
        raise StartupError("Discord needs DISCORD_TOKEN in the environment.")
    point_discord_at(settings)  # for the life of the process
    token = settings.discord_token.get_secret_value()
    intents = wanted_intents()
    failed = 0
    while True:
        away: Exception | None = None
        client = make_client(
            settings,
            service=service,
            digests=digests,
            guild_id=settings.discord_guild_id,
            intents=intents,
            stopping=stopping,
            readiness=readiness,
        )
        if readiness is not None:
            readiness.expect([PLATFORM])
        if poster is not None:
            poster.attach(client)
        try:
            await _serve(client, token, service)
            return
        except discord.PrivilegedIntentsRequired:
            if not intents.message_content:
                raise
            log.warning(NO_MESSAGE_CONTENT)
            intents.message_content = False
        except discord.LoginFailure as e:
            raise StartupError("Discord refused the token in DISCORD_TOKEN.") from e
        except discord.ConnectionClosed as e:
            if e.code not in SHARDING_REFUSED:
                raise
            raise StartupError(SHARDING_REFUSED[e.code]) from e
        except (aiohttp.ClientError, OSError) as e:
            away = e
        finally:
            if poster is not None:
                poster.detach()
            await client.close()
        if away is not None:  # a fresh client for each try: a failed login leaves a session
            failed += 1
            await retry_later("Discord", away, failed, backoff or Backoff())


async def _serve(client: BriefClient, token: str, service: BriefService) -> None:
    """Serve the gateway and, from the first READY on, answer the requests left unfinished
    (here before a crash, or by an instance that died). Their answers go over REST alone,
    which works from the login on; waiting for READY keeps them off a client that Discord
    turns away at IDENTIFY (4014), which run_discord closes and makes again."""

    async def resume() -> None:
        await client.wait_until_ready()
        await service.intake.serve(client.resumers())

    await client.login(token)
    resuming = asyncio.ensure_future(resume())
    try:
        await client.connect()
    finally:
        resuming.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await resuming
