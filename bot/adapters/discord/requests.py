"""Discord's requests as accepted work (bot/intake.py): a pasted article and a `/brief` are
kept in the store before they are answered, with what answering them needs over REST alone,
so that whichever instance is alive answers them, also after a crash. Each is answered by one
code path from what was kept, live and resumed alike: a reply to the message in its channel,
or follow-ups through the interaction's webhook (its token lasts 15 minutes; the intake gives
up work older than 30).

A message is keyed by its id and an interaction by its own, so two instances that both got it
(two gateway sessions of one shard, during a deploy) answer it once.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

import discord

from bot.adapters.discord.render import content, problem_line, render_brief
from bot.adapters.presentation.help import HELP_FACTS
from bot.intake import Accepted, Handler
from bot.service import UNEXPECTED, BriefService, Origin, Outcome
from bot.stopping import Stopping

log = logging.getLogger(__name__)

PLATFORM = "discord"
MESSAGE = "discord.message"
BRIEF = "discord.brief"
NOTHING_TO_BRIEF = f"Give me an article's link, or its text ({HELP_FACTS.enough_words}), to brief."


def message_key(message_id: int) -> str:
    """The delivery key of a channel message: each message is answered once."""
    return f"discord:message:{message_id}"


def interaction_key(interaction_id: int) -> str:
    """The delivery key of an interaction (a `/brief`)."""
    return f"discord:interaction:{interaction_id}"


def _workspace(guild_id: int | None) -> str | None:
    return str(guild_id) if guild_id is not None else None


def is_text_file(attachment: discord.Attachment) -> bool:
    """A plain-text attachment (Discord turns a long paste into `message.txt`)."""
    kind = (attachment.content_type or "").split(";", 1)[0].strip().lower()
    if kind:
        return kind == "text/plain"
    return attachment.filename.lower().endswith(".txt")


def everyone_reads(guild: discord.Guild | None, channel: Any) -> bool:
    """Whether every member of the server may read the channel (its @everyone role can view
    it): what is shared there may be shown elsewhere in the server. Direct messages, and
    channels whose permissions are not known here, count as private."""
    if guild is None or not hasattr(channel, "permissions_for"):
        return False
    try:
        return bool(channel.permissions_for(guild.default_role).view_channel)
    except Exception:  # a partial channel or role: not known to be public
        return False


@dataclass(frozen=True, slots=True)
class TextFile:
    """A text attachment, as much of it as briefing it needs: read from its CDN link."""

    url: str
    filename: str
    size: int | None = None


@dataclass(frozen=True, slots=True)
class MessageRequest:
    """A pasted link or text in a channel, as kept: enough to brief it and reply to it."""

    channel_id: int
    guild_id: int | None
    message_id: int
    author_id: int
    content: str
    files: tuple[TextFile, ...] = ()
    public: bool = False  # everyone in the server may read the channel

    @classmethod
    def of(cls, message: discord.Message) -> MessageRequest:
        files = tuple(
            TextFile(a.url, a.filename, a.size) for a in message.attachments if is_text_file(a)
        )
        return cls(
            channel_id=message.channel.id,
            guild_id=message.guild.id if message.guild is not None else None,
            message_id=message.id,
            author_id=message.author.id,
            content=message.content or "",
            files=files,
            public=everyone_reads(message.guild, message.channel),
        )

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> MessageRequest:
        files = tuple(TextFile(**f) for f in payload.get("files") or ())
        return cls(**{**payload, "files": files})

    @property
    def key(self) -> str:
        return message_key(self.message_id)

    def origin(self, work: Accepted | None) -> Origin:
        return Origin(
            platform=PLATFORM,
            channel=str(self.channel_id),
            workspace=_workspace(self.guild_id),
            message_id=str(self.message_id),
            user_id=str(self.author_id),
            request=work.request if work is not None else None,
            private=not self.public,
        )


@dataclass(frozen=True, slots=True)
class BriefRequest:
    """A `/brief`, as kept: its source text and the interaction's webhook (id and token)."""

    interaction_id: int
    application_id: int
    token: str
    channel_id: int | None
    guild_id: int | None
    user_id: int
    source: str
    public: bool = False  # everyone in the server may read the channel

    @classmethod
    def of(cls, interaction: discord.Interaction[Any], source: str) -> BriefRequest:
        return cls(
            interaction_id=interaction.id,
            application_id=interaction.application_id,
            token=interaction.token,
            channel_id=interaction.channel_id,
            guild_id=interaction.guild_id,
            user_id=interaction.user.id,
            source=source,
            public=everyone_reads(interaction.guild, interaction.channel),
        )

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> BriefRequest:
        return cls(**payload)

    @property
    def key(self) -> str:
        return interaction_key(self.interaction_id)

    def origin(self, work: Accepted | None) -> Origin:
        return Origin(
            platform=PLATFORM,
            channel=str(self.channel_id),
            workspace=_workspace(self.guild_id),
            user_id=str(self.user_id),
            request=work.request if work is not None else None,
            private=not self.public,
        )


def reply_kwargs(outcome: Outcome) -> dict[str, Any]:
    """A brief as embeds, or the sentence saying why there is none."""
    if outcome.briefed is not None:
        return {"embeds": render_brief(outcome.briefed.brief)}
    return {"content": problem_line(outcome.source, outcome.problem or UNEXPECTED)}


class Answers:
    """Discord's accepted requests, kept and answered from what was kept, through `client`'s
    REST API (logged in; no gateway needed)."""

    def __init__(self, client: discord.Client, service: BriefService) -> None:
        self.client = client
        self.service = service

    async def accept(
        self, kind: str, payload: dict[str, Any], key: str
    ) -> tuple[bool, Accepted | None]:
        """Keep a request: (whether to answer it, the work kept). A request another instance
        (or this one) took before is not answered; with the database away it is, as one
        instance would, without being kept."""
        try:
            work = await self.service.intake.accept(kind, payload, key=key)
        except Exception as e:
            log.warning("Could not keep a Discord request in the store (%s)", type(e).__name__)
            return True, None
        if work is None:
            log.info("Discord request %s was taken before: not answered again", key)
        return work is not None, work

    async def finish(self, work: Accepted | None) -> None:
        """The request is answered (or could not be): no instance takes it over."""
        try:
            await self.service.intake.finish(work)
        except Exception as e:  # the database away: the request may be answered once more
            log.warning("Could not mark a Discord request answered (%s)", type(e).__name__)

    def resumers(self, stopping: Stopping) -> dict[str, Handler]:
        """What answers a request this or another instance accepted and did not finish."""
        tracked = stopping.tracked
        return {
            MESSAGE: tracked(self._resume_message, what="resumed Discord message"),
            BRIEF: tracked(self._resume_brief, what="resumed /brief"),
        }

    async def _resume_message(self, work: Accepted) -> None:
        await self.message(MessageRequest.from_payload(work.payload), work)

    async def _resume_brief(self, work: Accepted) -> None:
        await self.brief(BriefRequest.from_payload(work.payload), work)

    async def message(self, request: MessageRequest, work: Accepted | None) -> None:
        """Brief the pasted links, text and text files; reply to the message with each."""
        try:
            origin = request.origin(work)
            worth = self.service.worth_briefing(request.content)
            outcomes = (
                await self.service.brief_message(request.content, origin=origin) if worth else []
            )
            for file in request.files:
                outcomes += await self.service.brief_file(
                    file.url, name=file.filename, size=file.size, origin=origin
                )
            channel = self.client.get_partial_messageable(
                request.channel_id, guild_id=request.guild_id
            )
            reference = discord.MessageReference(
                message_id=request.message_id,
                channel_id=request.channel_id,
                guild_id=request.guild_id,
                fail_if_not_exists=False,
            )
            for outcome in outcomes:
                try:
                    await channel.send(
                        reference=reference,
                        mention_author=False,
                        allowed_mentions=discord.AllowedMentions.none(),
                        **reply_kwargs(outcome),
                    )
                except discord.HTTPException as e:
                    log.warning("Could not reply in Discord channel %s: %s", request.channel_id, e)
        except Exception:
            log.exception("Failed to answer Discord message %s", request.message_id)
        finally:
            await self.finish(work)

    async def brief(self, request: BriefRequest, work: Accepted | None) -> None:
        """Follow up on the (deferred) `/brief` with one message per source."""
        try:
            outcomes = await self.service.brief_message(request.source, origin=request.origin(work))
            replies = [reply_kwargs(o) for o in outcomes] or [
                {"content": content(NOTHING_TO_BRIEF)}
            ]
            webhook = discord.Webhook.partial(
                request.application_id, request.token, client=self.client
            )
            for reply in replies:
                try:
                    await webhook.send(
                        wait=True, allowed_mentions=discord.AllowedMentions.none(), **reply
                    )
                except discord.HTTPException as e:
                    log.warning("Could not send a /brief follow-up: %s", e)
        except Exception:
            log.exception("Failed to answer /brief in Discord channel %s", request.channel_id)
        finally:
            await self.finish(work)
