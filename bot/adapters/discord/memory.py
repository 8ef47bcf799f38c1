"""`/who` and `/briefs` on Discord: deferred at once (only the asker sees the answer), then
one embed from the MemoryService, with what this channel may see."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.adapters.discord.render import COLOUR, DESCRIPTION_LIMIT, TITLE_LIMIT, clip, content, safe
from bot.adapters.presentation.memory import (
    MAX_SHOWN,
    item_text,
    search_heading,
    title_text,
    when,
    who_heading,
    who_nothing,
)
from bot.channels import ChannelRef
from bot.memory import MemoryService, SearchHit, WhoAnswer
from bot.service import UNEXPECTED

log = logging.getLogger(__name__)

PLATFORM = "discord"
# One statement or snippet of the answer.
TEXT_LIMIT = 500


def _article(title: str | None, url: str | None, shared: str) -> str:
    named = clip(safe(title_text(title)), 200)
    # <url> inside the link: no preview of the article under the answer.
    linked = f"[{named}](<{url}>)" if url else f"_{named}_"
    return f"{linked} · {shared}"


def _embed(heading: str, entries: list[str]) -> discord.Embed:
    """The entries that fit the description, in order."""
    kept: list[str] = []
    size = 0
    for entry in entries:
        if size + len(entry) + 1 > DESCRIPTION_LIMIT:
            break
        kept.append(entry)
        size += len(entry) + 1
    return discord.Embed(
        title=clip(safe(heading), TITLE_LIMIT), description="\n".join(kept), colour=COLOUR
    )


def render_who(answer: WhoAnswer) -> dict[str, Any]:
    """Message kwargs: the sentence for nothing found, or an embed of the actor's quotes and
    positions, newest first, each with its article's link."""
    nothing = who_nothing(answer)
    if nothing is not None:
        return {"content": content(nothing)}
    entries = [
        f"• {clip(safe(item_text(i)), TEXT_LIMIT)}\n  {_article(i.title, i.url, when(i))}"
        for i in answer.items[:MAX_SHOWN]
    ]
    return {"embed": _embed(who_heading(answer), entries)}


def render_search(words: str, hits: tuple[SearchHit, ...]) -> dict[str, Any]:
    heading = search_heading(words, hits)
    if not hits:
        return {"content": content(heading)}
    entries = [
        f"• {_article(hit.title, hit.url, when(hit))}\n  {clip(safe(hit.snippet), TEXT_LIMIT)}"
        for hit in hits
    ]
    return {"embed": _embed(heading, entries)}


async def answer_memory(
    interaction: discord.Interaction[Any],
    memory: MemoryService,
    *,
    who: str | None = None,
    days: int | None = None,
    words: str | None = None,
) -> None:
    """Defer (only to the asker), then follow up with /who's answer for `who`, else with
    /briefs' for `words`."""
    await interaction.response.defer(thinking=True, ephemeral=True)
    guild = interaction.guild_id
    asker = ChannelRef(
        PLATFORM, str(interaction.channel_id), str(guild) if guild is not None else None
    )
    try:
        if who is not None:
            reply = render_who(await memory.who(who, asker, days=days))
        else:
            asked = words or ""
            reply = render_search(asked, await memory.search(asked, asker))
    except Exception:
        log.exception("Failed to answer /%s in %s", "who" if who else "briefs", asker.label())
        reply = {"content": UNEXPECTED}
    try:
        await interaction.followup.send(
            ephemeral=True, allowed_mentions=discord.AllowedMentions.none(), **reply
        )
    except discord.HTTPException as e:
        log.warning("Could not send a /who or /briefs follow-up: %s", e)
