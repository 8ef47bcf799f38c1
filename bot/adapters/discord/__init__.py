"""Briefbot's Discord adapter: `run_discord(settings, service, store, fetcher)` serves until
cancelled; `render` turns a Brief into embeds within Discord's limits."""

from bot.adapters.discord.client import BriefClient, run_discord
from bot.adapters.discord.endpoints import point_discord_at

__all__ = ["BriefClient", "point_discord_at", "run_discord"]
