"""`/who NAME` and `/briefs WORDS` on Slack: acknowledged at once, then answered only to the
asker (ephemeral) from the MemoryService, with what this channel may see."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.adapters.presentation.memory import (
    BRIEFS_WHAT,
    MAX_SHOWN,
    WHO_WHAT,
    item_text,
    search_heading,
    title_text,
    when,
    who_heading,
    who_nothing,
)
from bot.adapters.slack.client import PLATFORM
from bot.adapters.slack.render import (
    FALLBACK_LIMIT,
    SECTION_LIMIT,
    SlackMessage,
    escape,
    fit,
    link_target,
    pack,
    section_block,
)
from bot.channels import ChannelRef
from bot.memory import MemoryService, SearchHit, WhoAnswer
from bot.service import UNEXPECTED
from bot.stopping import Stopping

log = logging.getLogger(__name__)

# One line of the answer: the statement or snippet, then its article.
TEXT_LIMIT = 600


def _article(title: str | None, url: str | None, shared: str) -> str:
    named = fit(title_text(title), 150)
    linked = f"<{link_target(url)}|{named}>" if url else f"_{named}_"
    return f"{linked} · {escape(shared)}"


def _message(heading: str, lines: list[str]) -> SlackMessage:
    sections = pack(f"*{fit(heading, 300)}*", lines, SECTION_LIMIT)
    return SlackMessage(
        fit(heading, FALLBACK_LIMIT), [section_block(s) for s in sections[:MAX_SHOWN]]
    )


def render_who(answer: WhoAnswer) -> SlackMessage:
    """The actor's quotes and positions, newest first, each with its article's link."""
    nothing = who_nothing(answer)
    if nothing is not None:
        return SlackMessage(escape(nothing))
    lines = [
        f"• {fit(item_text(item), TEXT_LIMIT)}\n      {_article(item.title, item.url, when(item))}"
        for item in answer.items[:MAX_SHOWN]
    ]
    return _message(who_heading(answer), lines)


def render_search(words: str, hits: tuple[SearchHit, ...]) -> SlackMessage:
    """The briefs found, best first, each linked, with the line that matched."""
    heading = search_heading(words, hits)
    if not hits:
        return SlackMessage(escape(heading))
    lines = [
        f"• {_article(hit.title, hit.url, when(hit))}\n      {fit(hit.snippet, TEXT_LIMIT)}"
        for hit in hits
    ]
    return _message(heading, lines)


class MemoryCommands:
    """The /who and /briefs handlers."""

    def __init__(self, memory: MemoryService, stopping: Stopping) -> None:
        self.memory = memory
        self.stopping = stopping

    def register(self, app: AsyncApp) -> None:
        tracked = self.stopping.tracked
        app.command("/who")(tracked(self.on_who, what="/who"))
        app.command("/briefs")(tracked(self.on_briefs, what="/briefs"))

    async def on_who(self, ack: Any, command: dict[str, Any], respond: Any) -> None:
        name = (command.get("text") or "").strip()
        if not name:
            await ack(response_type="ephemeral", text=escape(WHO_WHAT))
            return
        await ack()  # Slack's three seconds never wait on the database

        async def answer(asker: ChannelRef) -> SlackMessage:
            return render_who(await self.memory.who(name, asker))

        await self._respond(command, respond, answer, "/who")

    async def on_briefs(self, ack: Any, command: dict[str, Any], respond: Any) -> None:
        words = (command.get("text") or "").strip()
        if not words:
            await ack(response_type="ephemeral", text=escape(BRIEFS_WHAT))
            return
        await ack()

        async def answer(asker: ChannelRef) -> SlackMessage:
            return render_search(words, await self.memory.search(words, asker))

        await self._respond(command, respond, answer, "/briefs")

    async def _respond(self, command: dict[str, Any], respond: Any, answer: Any, what: str) -> None:
        channel = command.get("channel_id") or ""
        asker = ChannelRef(PLATFORM, channel, command.get("team_id"))
        try:
            message = await answer(asker)
            await respond(
                response_type="ephemeral",
                unfurl_links=False,
                unfurl_media=False,
                **message.as_kwargs(),
            )
        except Exception:
            log.exception("Failed to answer %s in %s", what, channel)
            try:
                await respond(response_type="ephemeral", text=UNEXPECTED)
            except Exception:
                log.exception("Could not answer %s in %s", what, channel)
