"""Briefbot on Discord: a discord.py client that parses, calls the service, renders and posts.

Pasted links and article texts (and Discord's `message.txt` for long pastes) in a channel where
auto-brief is on get a reply with the brief; `/brief`, `/briefbot auto on|off`, `/briefbot help`
and `/digest …` are app commands. The /digest options are put back together into the text the
other platforms type, so one parser (bot.digests.commands) reads them all. Rate limits,
reconnects and heartbeats are discord.py's own.
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Any, Literal

import discord
from discord import app_commands

from bot.adapters.discord.digest import digest_messages
from bot.adapters.discord.render import HELP, content, problem_line, render_brief
from bot.adapters.presentation.help import HELP_FACTS, auto_brief_reply
from bot.channels import ChannelRef
from bot.digests import DigestReply, DigestService
from bot.digests.commands import (
    CommandError,
    DigestCommand,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestSources,
    parse_digest_command,
)
from bot.health import Readiness
from bot.service import UNEXPECTED, BriefService, Origin, Outcome
from bot.stopping import Stopping

log = logging.getLogger(__name__)

PLATFORM = "discord"
NOTHING_TO_BRIEF = f"Give me an article's link, or its text ({HELP_FACTS.enough_words}), to brief."
NEEDS_MANAGE = "Only members who can manage this channel can change auto-brief."
DIGEST_NEEDS_MANAGE = "Only members who can manage this channel can change its digest."
DIGEST_UNEXPECTED = (
    "Something went wrong with that digest command; the team has the details in the log."
)
SOURCE_UNREADABLE = (
    "You can only fold in a channel you can read yourself: its articles would be shown to "
    "everyone who reads this one."
)
SOURCE_ELSEWHERE = "You can only fold in a channel of this server."
# A channel named in an option: Discord's partial channel (with the invoker's permissions in
# it, as Discord resolved them) or the channel from discord.py's cache.
SourceChannel = (
    app_commands.AppCommandChannel
    | app_commands.AppCommandThread
    | discord.abc.GuildChannel
    | discord.Thread
)
# "#123": how the digest replies name a channel; shown as a mention, which never pings.
_CHANNEL_NAME = re.compile(r"(?<![<\w])#(\d+)\b")


def wanted_intents() -> discord.Intents:
    """Servers and their channels, guild messages, and (privileged) their text."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = True
    return intents


def _is_text_file(attachment: discord.Attachment) -> bool:
    kind = (attachment.content_type or "").split(";", 1)[0].strip().lower()
    if kind:
        return kind == "text/plain"
    return attachment.filename.lower().endswith(".txt")


def _workspace(guild_id: int | None) -> str | None:
    return str(guild_id) if guild_id is not None else None


def _public(channel: object) -> bool:
    """Whether everyone in the server may read the channel (@everyone can view it): what is
    shared there may feed What's new in the server's other channels. A direct message, a
    thread or a channel not known here counts as private."""
    if not isinstance(channel, discord.TextChannel):
        return False
    return channel.permissions_for(channel.guild.default_role).view_channel


def _can_manage(interaction: discord.Interaction[Any]) -> bool:
    if interaction.guild_id is None:
        return True  # a direct message: the channel is the user's own
    perms = interaction.permissions
    return perms.administrator or perms.manage_channels


def source_refusal(
    guild_id: int | None, member: discord.Member | discord.User, channel: SourceChannel
) -> str | None:
    """Why `member`, asking in server `guild_id`, may not fold `channel` into a digest there,
    or None when they may: it must be a channel of the same server that they can read
    (view it and its history), else its articles would reach people who cannot read it.

    Discord's own reckoning of the member's permissions comes with a partial channel; for a
    channel from the cache it is worked out from the member's roles and the overwrites."""
    if isinstance(channel, app_commands.AppCommandChannel | app_commands.AppCommandThread):
        where, permissions = channel.guild_id, channel.permissions
    elif isinstance(member, discord.Member):
        where, permissions = channel.guild.id, channel.permissions_for(member)
    else:  # a user outside any server (a direct message)
        return SOURCE_ELSEWHERE
    if guild_id is None or where != guild_id:
        return SOURCE_ELSEWHERE
    if not (permissions.view_channel and permissions.read_message_history):
        return SOURCE_UNREADABLE
    return None


def _named_source(
    interaction: discord.Interaction[Any], channel: discord.TextChannel
) -> SourceChannel:
    """The `channel` option as Discord resolved it for this interaction (carrying the invoker's
    permissions there), else as discord.py's cache has it."""
    raw = interaction.namespace.channel
    if (
        isinstance(raw, app_commands.AppCommandChannel | app_commands.AppCommandThread)
        and raw.id == channel.id
    ):
        return raw
    return channel


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

    digest = app_commands.Group(
        name="digest", description="A digest of what was shared in this channel."
    )

    @digest.command(name="on", description="Post a digest here at a time of day.")
    @app_commands.describe(
        time="When, on the 24-hour clock: HH:MM",
        timezone="A time zone such as Europe/Paris (default: the bot's)",
        days="Which days: daily, weekdays, weekends, mon-fri or mon,wed,fri (default: daily)",
        quiet="Post nothing when nothing new was shared",
    )
    async def on(
        interaction: discord.Interaction[BriefClient],
        time: str,
        timezone: str | None = None,
        days: str | None = None,
        quiet: bool = False,
    ) -> None:
        text = " ".join(w for w in ("on", time, timezone, days, "quiet" if quiet else "") if w)
        await interaction.client.answer_digest(interaction, text, manage=True)

    @digest.command(name="off", description="Stop the digest in this channel.")
    async def off(interaction: discord.Interaction[BriefClient]) -> None:
        await interaction.client.answer_digest(interaction, "off", manage=True)

    @digest.command(name="now", description="Post the digest of what was shared since the last.")
    async def now(interaction: discord.Interaction[BriefClient]) -> None:
        await interaction.client.answer_digest(interaction, "now")

    @digest.command(name="preview", description="Show the digest so far, only to you.")
    async def preview(interaction: discord.Interaction[BriefClient]) -> None:
        await interaction.client.answer_digest(interaction, "preview")

    @digest.command(name="status", description="When the next digest comes, what is waiting.")
    async def status(interaction: discord.Interaction[BriefClient]) -> None:
        await interaction.client.answer_digest(interaction, "status")

    @digest.command(name="sources", description="Fold another channel into this one's digest.")
    @app_commands.describe(
        action="add or remove a channel, or list those folded in",
        channel="The other channel (for add and remove)",
    )
    async def sources(
        interaction: discord.Interaction[BriefClient],
        action: Literal["add", "remove", "list"],
        channel: discord.TextChannel | None = None,
    ) -> None:
        if action == "list":
            text = "sources"
        else:
            text = f"sources {action}" + (f" <#{channel.id}>" if channel is not None else "")
        # Removing one can only narrow the digest: only an added channel must be readable.
        source = _named_source(interaction, channel) if action == "add" and channel else None
        await interaction.client.answer_digest(
            interaction, text, manage=action != "list", source=source
        )

    @digest.command(name="help", description="What /digest can do.")
    async def digest_help(interaction: discord.Interaction[BriefClient]) -> None:
        await interaction.client.answer_digest(interaction, "help")

    return [brief, group, digest]


def _announced(command: DigestCommand | CommandError) -> bool:
    """Whether the answer to `command` is for the whole channel: a digest posted now and the
    confirmation of a change. The others (preview, status, help, errors) go to the asker."""
    if isinstance(command, DigestSources):
        return command.action != "list"
    return isinstance(command, DigestOn | DigestOff | DigestNow)


def _shown(text: str) -> str:
    """A reply text as message content, "#123" shown as the channel it names."""
    return content(_CHANNEL_NAME.sub(r"<#\1>", text))


def _digest_reply_messages(reply: DigestReply) -> list[dict[str, Any]]:
    """A reply as message kwargs, to be sent in order: a digest is one message per part."""
    if reply.digest is not None:
        heading = reply.text or "Digest"
        return [m.as_kwargs() for m in digest_messages(reply.digest, heading=heading)]
    return [{"content": _shown(reply.text or "Done.")}]


class BriefClient(discord.Client):
    """The bot: replies to pasted articles and answers the app commands."""

    def __init__(
        self,
        *,
        service: BriefService,
        digests: DigestService,
        guild_id: int | None = None,
        intents: discord.Intents | None = None,
        stopping: Stopping | None = None,
        readiness: Readiness | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            intents=intents or wanted_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.service = service
        self.digests = digests
        self.guild_id = guild_id
        self.readiness = readiness if readiness is not None else Readiness()
        self.tree: app_commands.CommandTree[BriefClient] = app_commands.CommandTree(self)
        for command in _make_commands():
            self.tree.add_command(command)
        # Each message and command is work finished before the bot stops, and refused after.
        tracked = (stopping if stopping is not None else Stopping()).tracked
        self.on_message = tracked(self.on_message, what="Discord message")  # type: ignore[method-assign]
        self.answer_brief = tracked(self.answer_brief, what="/brief")  # type: ignore[method-assign]
        self.answer_auto = tracked(self.answer_auto, what="/briefbot auto")  # type: ignore[method-assign]
        self.answer_digest = tracked(self.answer_digest, what="/digest")  # type: ignore[method-assign]

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
        self.readiness.connected(PLATFORM)

    async def on_resumed(self) -> None:
        self.readiness.connected(PLATFORM)

    async def on_disconnect(self) -> None:
        self.readiness.connected(PLATFORM, False)

    # Pasted links and texts

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or (self.user is not None and message.author.id == self.user.id):
            return
        files = [a for a in message.attachments if _is_text_file(a)]
        text = message.content or ""
        worth = self.service.worth_briefing(text)
        if not worth and not files:
            return
        guild_id = message.guild.id if message.guild else None
        channel = str(message.channel.id)
        if not await self.service.auto_brief(ChannelRef(PLATFORM, channel, _workspace(guild_id))):
            return
        origin = Origin(
            platform=PLATFORM,
            channel=channel,
            workspace=_workspace(guild_id),
            message_id=str(message.id),
            user_id=str(message.author.id),
            private=not _public(message.channel),
        )
        outcomes = await self.service.brief_message(text, origin=origin) if worth else []
        for attachment in files:
            outcomes += await self.service.brief_file(
                attachment.url, name=attachment.filename, size=attachment.size, origin=origin
            )
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

    # App commands

    async def answer_brief(self, interaction: discord.Interaction[Any], source: str) -> None:
        """Defer at once (Discord allows 3 s), then follow up with one message per source."""
        await interaction.response.defer(thinking=True)
        origin = Origin(
            platform=PLATFORM,
            channel=str(interaction.channel_id),
            workspace=_workspace(interaction.guild_id),
            user_id=str(interaction.user.id),
            private=not _public(interaction.channel),
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
                NEEDS_MANAGE,
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        await interaction.response.defer()  # Discord's three seconds never wait on the database
        await self.service.set_auto_brief(
            ChannelRef(PLATFORM, str(interaction.channel_id), _workspace(interaction.guild_id)), on
        )
        said = auto_brief_reply(on, asked_by="/brief")
        await interaction.followup.send(said, allowed_mentions=discord.AllowedMentions.none())

    async def answer_digest(
        self,
        interaction: discord.Interaction[Any],
        text: str,
        *,
        manage: bool = False,
        source: SourceChannel | None = None,
    ) -> None:
        """Answer `/digest <text>`: refuse a change from someone who may not manage the channel,
        or a `source` to fold in that they may not (see source_refusal), then defer (public or
        only to the asker, as the answer will be) before the store is touched, and follow up
        with the text or the digest's messages in order."""
        refusal = DIGEST_NEEDS_MANAGE if manage and not _can_manage(interaction) else None
        if refusal is None and source is not None:
            refusal = source_refusal(interaction.guild_id, interaction.user, source)
        if refusal is not None:
            await interaction.response.send_message(
                refusal,
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        command = parse_digest_command(text, default_timezone=self.digests.default_timezone)
        announced = _announced(command)
        await interaction.response.defer(thinking=True, ephemeral=not announced)
        target = ChannelRef(PLATFORM, str(interaction.channel_id), _workspace(interaction.guild_id))
        try:
            reply = await self.digests.handle(target, command, user=str(interaction.user.id))
        except Exception:
            log.exception("Could not answer /digest %s in Discord channel %s", text, target.channel)
            reply = DigestReply(DIGEST_UNEXPECTED)
        if announced and not reply.public:
            # Nothing changed after all ("digests were not on"): no need for the channel to
            # see it. The deferral's own message would make the first follow-up public.
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
        for kwargs in _digest_reply_messages(reply):
            try:
                await interaction.followup.send(
                    ephemeral=not reply.public,
                    allowed_mentions=discord.AllowedMentions.none(),
                    **kwargs,
                )
            except discord.HTTPException as e:
                log.warning("Could not send a /digest follow-up: %s", e)
                return  # the next part would come out of order
