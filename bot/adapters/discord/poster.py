"""Scheduled digests posted to Discord channels through the live discord.py client.

The digest service decides when to post and whether to try again; this module only sends the
messages and says which kind of failure stopped it. A missing channel or a lost permission
will not mend by waiting (PermanentPostError), a rate limit, a Discord outage or a network
error will (RetryablePostError). discord.py already waits out ordinary 429s and retries some
5xx itself; what reaches this module is what it gave up on. The client is attached by
`run_discord`, which makes a new one after a 4014 reconnect, so the poster holds no
connection of its own.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import discord
import discord.abc

from bot.adapters.discord.digest import digest_messages
from bot.channels import ChannelRef
from bot.digests.posting import PermanentPostError, RetryablePostError
from summarizer import Digest

log = logging.getLogger(__name__)

PLATFORM = "discord"
NOT_CONNECTED = "Discord is not connected yet"
# Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013
NETWORK_ERRORS = (aiohttp.ClientError, TimeoutError, OSError, discord.ConnectionClosed)


class DiscordDigestPoster:
    """DigestPoster for Discord: each digest message goes to the channel in order, with no
    mentions allowed, through whichever client is attached now."""

    def __init__(self) -> None:
        self._client: discord.Client | None = None

    def attach(self, client: discord.Client) -> None:
        """Post through `client` from now on (run_discord calls this for each client it makes)."""
        self._client = client

    def detach(self) -> None:
        """No client any more: posts fail as retryable until the next one is attached."""
        self._client = None

    @property
    def connected(self) -> bool:
        """Whether a client is attached, logged in and has had its READY."""
        client = self._client
        return client is not None and client.is_ready() and not client.is_closed()

    async def post_digest(
        self, target: ChannelRef, digest: Digest, *, heading: str, skip: int = 0
    ) -> str | None:
        """Send the digest's messages after the first `skip`; the id of the first one sent."""
        if target.platform != PLATFORM:
            raise ValueError(f"not a Discord channel: {target!r}")
        client = self._client
        if client is None or not self.connected:
            raise RetryablePostError(NOT_CONNECTED)
        messages = digest_messages(digest, heading=heading)[skip:]
        first: str | None = None
        posted = 0
        try:
            channel = await _channel(client, target.channel)
            for message in messages:
                sent = await channel.send(
                    allowed_mentions=discord.AllowedMentions.none(), **message.as_kwargs()
                )
                posted += 1
                first = first or str(sent.id)
        except discord.NotFound as e:
            raise PermanentPostError(_gone(e)) from e
        except discord.Forbidden as e:
            raise PermanentPostError(_refused(e)) from e
        except discord.HTTPException as e:
            if e.status == 429 or e.status >= 500:
                raise RetryablePostError(_said(e), _retry_after(e), posted=posted) from e
            raise
        except discord.RateLimited as e:  # only with Client(max_ratelimit_timeout=...)
            raise RetryablePostError(str(e), e.retry_after, posted=posted) from e
        except NETWORK_ERRORS as e:
            raise RetryablePostError(_network(e), posted=posted) from e
        except Exception as e:
            if client.is_closed():  # closed under us: a reconnect is making a new client
                raise RetryablePostError(_network(e), posted=posted) from e
            raise
        return first


async def _channel(client: discord.Client, channel_id: str) -> discord.abc.Messageable:
    """The channel from the client's cache, else from Discord (a channel made after READY)."""
    try:
        number = int(channel_id)
    except ValueError:
        raise PermanentPostError(f"{channel_id!r} is not a Discord channel id") from None
    channel: Any = client.get_channel(number) or await client.fetch_channel(number)
    if not isinstance(channel, discord.abc.Messageable):
        raise PermanentPostError("that Discord channel cannot take messages")
    return channel


def _gone(error: discord.NotFound) -> str:
    if error.code == UNKNOWN_GUILD:
        return "Briefbot is no longer in that Discord server (Unknown Guild)"
    if error.code == UNKNOWN_CHANNEL:
        return "the Discord channel no longer exists (Unknown Channel)"
    return f"Discord no longer knows that channel ({error.text or 'Not Found'})"


def _refused(error: discord.Forbidden) -> str:
    if error.code == MISSING_ACCESS:
        return (
            "Briefbot can no longer see that Discord channel (Missing Access): it was removed "
            "from the server or shut out of the channel"
        )
    if error.code == MISSING_PERMISSIONS:
        return (
            "Briefbot may not post in that Discord channel (Missing Permissions: it needs Send "
            "Messages and Embed Links)"
        )
    return f"Discord refused the post ({error.text or 'Forbidden'})"


def _said(error: discord.HTTPException) -> str:
    what = "rate limited" if error.status == 429 else "unavailable"
    detail = f": {error.text}" if error.text else ""
    return f"Discord was {what} (HTTP {error.status}{detail})"


def _retry_after(error: discord.HTTPException) -> float | None:
    """The wait Discord asked for in its headers, when it said (seconds)."""
    headers = getattr(error.response, "headers", None) or {}
    for name in ("Retry-After", "X-RateLimit-Reset-After"):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value)
        except ValueError:
            continue
        if seconds >= 0:
            return seconds
    return None


def _network(error: BaseException) -> str:
    detail = str(error)
    return f"could not reach Discord ({type(error).__name__}{': ' + detail if detail else ''})"
