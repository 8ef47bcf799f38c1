"""Where discord.py talks to: Discord itself, or a stand-in (tests, Discord-compatible servers).

discord.py keeps its endpoints in class attributes, so pointing it elsewhere is global to the
process. `point_discord_at` is called once at start; it returns a function that puts the old
values back, which production never calls and tests always do.
"""

from __future__ import annotations

from collections.abc import Callable

import discord.gateway
import discord.http
import discord.webhook.async_
import yarl

from bot.config import Settings


def point_discord_at(settings: Settings) -> Callable[[], None]:
    """Send discord.py's REST calls (bot and webhook/interaction ones) to
    settings.discord_api_url and its gateway connection to settings.discord_gateway_url
    (when given). Returns a function that restores the previous endpoints."""
    saved_base = discord.http.Route.BASE
    saved_webhook_base = discord.webhook.async_.Route.BASE
    saved_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY

    base = settings.discord_api_url.rstrip("/")
    discord.http.Route.BASE = base
    # The webhook adapter (interaction callbacks, follow-ups) imports the same Route class
    # today; setting it by its own name keeps working if that ever changes.
    discord.webhook.async_.Route.BASE = base
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)

    def restore() -> None:
        discord.http.Route.BASE = saved_base
        discord.webhook.async_.Route.BASE = saved_webhook_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved_gateway

    return restore
