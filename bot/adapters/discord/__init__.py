"""Briefbot's Discord adapter: `run_discord(settings, service, digests, poster=…)` serves
until cancelled; `render` turns a Brief into embeds within Discord's limits,
`digest` a Digest into messages; `DiscordDigestPoster` posts scheduled digests."""

from bot.adapters.discord.client import BriefClient
from bot.adapters.discord.endpoints import point_discord_at
from bot.adapters.discord.poster import DiscordDigestPoster
from bot.adapters.discord.serve import run_discord

__all__ = ["BriefClient", "DiscordDigestPoster", "point_discord_at", "run_discord"]
