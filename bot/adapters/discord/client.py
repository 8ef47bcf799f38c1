"""Briefbot on Discord: a discord.py client that parses, calls the service, renders and posts.

Pasted links and article texts (and Discord's `message.txt` for long pastes) in a channel where
auto-brief is on get a reply with the brief; `/brief`, `/briefbot auto on|off` and
`/briefbot help` are app commands. Rate limits, reconnects and heartbeats are discord.py's own.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import discord
from discord import app_commands

from bot.adapters.discord.endpoints import point_discord_at
from bot.adapters.discord.render import content, problem_line, render_brief
from bot.config import Settings
from bot.ingest import Fetcher, FetchError, find_links
from bot.service import MIN_PASTED_WORDS, UNEXPECTED, BriefService, Origin, Outcome
from bot.store import Store

log = logging.getLogger(__name__)

PLATFORM = "discord"
MAX_ATTACHMENT_BYTES = 1024 * 1024
NO_MESSAGE_CONTENT = (
    "Discord refused the Message Content intent: Briefbot cannot read pasted links and texts, "
    "so it only answers its slash commands (/brief, /briefbot). Turn on 'Message Content "
    "Intent' under Bot in the Discord developer portal and restart to brief pasted messages."
)
NOTHING_TO_BRIEF = (
    f"Give me an article's link, or its text ({MIN_PASTED_WORDS} words or more), to brief."
)
HELP = (
    "**Briefbot** turns news articles into briefs: the main points, the key quotes with who "
    "said them, and where each main actor stands.\n"
    "• Paste a link (up to 5 per message) or an article's text "
    f"({MIN_PASTED_WORDS}+ words) in a channel where auto-brief is on, and I reply with a brief.\n"
    "• `/brief source:` a link or a text: a brief on request, in any channel.\n"
    "• `/briefbot auto on` or `off`: brief pasted articles unasked in this channel, or not "
    "(needs the Manage Channels permission; on by default).\n"
    "• `/briefbot help`: this message."
)


def wanted_intents() -> discord.Intents:
    """Servers and their channels, guild messages, and (privileged) their text."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = True
    return intents


def _worth_briefing(text: str) -> bool:
    """A cheap look before touching the store: a link, or enough words to be an article."""
    return bool(find_links(text, limit=1)) or len(text.split()) >= MIN_PASTED_WORDS


def _is_text_file(attachment: discord.Attachment) -> bool:
    kind = (attachment.content_type or "").split(";", 1)[0].strip().lower()
    if kind:
        return kind == "text/plain"
    return attachment.filename.lower().endswith(".txt")


def _workspace(guild_id: int | None) -> str | None:
    return str(guild_id) if guild_id is not None else None


def _can_manage(interaction: discord.Interaction[Any]) -> bool:
    if interaction.guild_id is None:
        return True  # a direct message: the channel is the user's own
    perms = interaction.permissions
    return perms.administrator or perms.manage_channels


def _reply_kwargs(outcome: Outcome) -> dict[str, Any]:
    if outcome.briefed is not None:
        return {"embeds": render_brief(outcome.briefed.brief)}
    return {"content": problem_line(outcome.source, outcome.problem or UNEXPECTED)}


def _make_commands() -> list[app_commands.Command[Any, ..., Any] | app_commands.Group]:
    """Fresh command objects for one client's tree."""

    @app_commands.command(name="brief", description="Brief a news article: its link or its text.")
    @app_commands.describe(source="The article's link, or its text")
    async def brief(interaction: discord.Interaction[BriefClient], source: str) -> None:
        await interaction.client.answer_brief(interaction, source)

    group = app_commands.Group(name="briefbot", description="Briefbot's settings and help.")

    @group.command(name="auto", description="Brief pasted links and texts in this channel unasked.")
    @app_commands.describe(state="on: brief pasted articles; off: only on /brief")
    async def auto(
        interaction: discord.Interaction[BriefClient], state: Literal["on", "off"]
    ) -> None:
        await interaction.client.answer_auto(interaction, state == "on")

    @group.command(name="help", description="What Briefbot does and how to ask it.")
    async def help_(interaction: discord.Interaction[BriefClient]) -> None:
        await interaction.response.send_message(
            content(HELP), ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    return [brief, group]


class BriefClient(discord.Client):
    """The bot: replies to pasted articles and answers the app commands."""

    def __init__(
        self,
        *,
        service: BriefService,
        store: Store,
        fetcher: Fetcher,
        guild_id: int | None = None,
        intents: discord.Intents | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            intents=intents or wanted_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.service = service
        self.store = store
        self.fetcher = fetcher
        self.guild_id = guild_id
        self.tree: app_commands.CommandTree[BriefClient] = app_commands.CommandTree(self)
        for command in _make_commands():
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        """Register the app commands: in one server when configured (shown at once), else
        globally. A refusal is logged; the bot still runs."""
        try:
            if self.guild_id is not None:
                guild = discord.Object(id=self.guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("Synced %d Discord commands to server %s.", len(synced), self.guild_id)
            else:
                synced = await self.tree.sync()
                log.info("Synced %d Discord commands globally.", len(synced))
        except discord.HTTPException as e:
            log.warning("Could not sync Discord's slash commands: %s", e)

    async def on_ready(self) -> None:
        log.info("Connected to Discord as %s in %d servers.", self.user, len(self.guilds))

    # Pasted links and texts

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or (self.user is not None and message.author.id == self.user.id):
            return
        files = [a for a in message.attachments if _is_text_file(a)]
        text = message.content or ""
        worth = _worth_briefing(text)
        if not worth and not files:
            return
        guild_id = message.guild.id if message.guild else None
        channel = str(message.channel.id)
        if not await self.store.auto_brief(PLATFORM, channel, workspace=_workspace(guild_id)):
            return
        origin = Origin(
            platform=PLATFORM,
            channel=channel,
            workspace=_workspace(guild_id),
            message_id=str(message.id),
            user_id=str(message.author.id),
        )
        outcomes = await self.service.brief_message(text, origin=origin) if worth else []
        for attachment in files:
            outcomes += await self._brief_attachment(attachment, origin)
        reference = message.to_reference(fail_if_not_exists=False)
        for outcome in outcomes:
            try:
                await message.channel.send(
                    reference=reference,
                    mention_author=False,
                    allowed_mentions=discord.AllowedMentions.none(),
                    **_reply_kwargs(outcome),
                )
            except discord.HTTPException as e:
                log.warning("Could not reply in Discord channel %s: %s", channel, e)

    async def _brief_attachment(
        self, attachment: discord.Attachment, origin: Origin
    ) -> list[Outcome]:
        """A text file (Discord's message.txt for a long paste), read through the safe fetcher
        and briefed as pasted text."""
        name = attachment.filename
        too_large = Outcome(name, problem="The file is too large to read (over 1 MB).")
        if attachment.size > MAX_ATTACHMENT_BYTES:
            return [too_large]
        try:
            page = await self.fetcher.fetch(attachment.url)
        except FetchError as e:
            log.info("Could not read the attachment %s: %s", name, e)
            return [Outcome(name, problem=e.user_message)]
        if page.content_type != "text/plain":
            return [Outcome(name, problem="The file is not plain text.")]
        if len(page.text.encode("utf-8")) > MAX_ATTACHMENT_BYTES:
            return [too_large]
        return await self.service.brief_pasted(page.text, source=name, origin=origin)

    # App commands

    async def answer_brief(self, interaction: discord.Interaction[Any], source: str) -> None:
        """Defer at once (Discord allows 3 s), then follow up with one message per source."""
        await interaction.response.defer(thinking=True)
        origin = Origin(
            platform=PLATFORM,
            channel=str(interaction.channel_id),
            workspace=_workspace(interaction.guild_id),
            user_id=str(interaction.user.id),
        )
        outcomes = await self.service.brief_message(source, origin=origin)
        replies = [_reply_kwargs(o) for o in outcomes] or [{"content": content(NOTHING_TO_BRIEF)}]
        for reply in replies:
            try:
                await interaction.followup.send(
                    allowed_mentions=discord.AllowedMentions.none(), **reply
                )
            except discord.HTTPException as e:
                log.warning("Could not send a /brief follow-up: %s", e)

    async def answer_auto(self, interaction: discord.Interaction[Any], on: bool) -> None:
        if not _can_manage(interaction):
            await interaction.response.send_message(
                "Only members who can manage this channel can change auto-brief.",
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        await self.store.set_auto_brief(
            PLATFORM,
            str(interaction.channel_id),
            on,
            workspace=_workspace(interaction.guild_id),
            updated_at=self.service.now(),
        )
        said = (
            "Auto-brief is on: I brief links and article texts pasted in this channel."
            if on
            else "Auto-brief is off: in this channel I brief only on /brief."
        )
        await interaction.response.send_message(
            said, allowed_mentions=discord.AllowedMentions.none()
        )


async def run_discord(
    settings: Settings, service: BriefService, store: Store, fetcher: Fetcher
) -> None:
    """Serve Discord until cancelled. Without the Message Content intent (Discord closes the
    gateway with 4014), say so once and serve the slash commands without it."""
    if settings.discord_token is None:
        raise ValueError("DISCORD_TOKEN is not set.")
    point_discord_at(settings)  # for the life of the process
    token = settings.discord_token.get_secret_value()
    intents = wanted_intents()
    while True:
        client = BriefClient(
            service=service,
            store=store,
            fetcher=fetcher,
            guild_id=settings.discord_guild_id,
            intents=intents,
        )
        try:
            await client.start(token)
            return
        except discord.PrivilegedIntentsRequired:
            if not intents.message_content:
                raise
            log.warning(NO_MESSAGE_CONTENT)
            intents.message_content = False
        finally:
            await client.close()
