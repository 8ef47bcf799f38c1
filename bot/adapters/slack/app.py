"""Briefbot as a Slack app: parse Slack's events and commands, call the service, post the result.

Everything platform-neutral (finding links, fetching, briefing, storing) is the service's; this
module only knows Slack. Events are acknowledged at once by Bolt and worked on afterwards;
slash commands call ack() first, then work, so Slack's three-second limit is never at risk.
/digest is answered from the platform-neutral DigestService; this module renders its replies.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.presentation.help import HELP_FACTS, auto_brief_reply, auto_brief_state
from bot.adapters.slack.client import PLATFORM, make_client
from bot.adapters.slack.delivery import (
    BRIEF,
    EVENT,
    POSTED_SUBTYPES,
    WORK,
    Delivery,
    accepted,
    is_from_a_bot,
)
from bot.adapters.slack.digest import digest_messages
from bot.adapters.slack.files import download
from bot.adapters.slack.install import SlackInstalls, SlackWorkspaces, oauth_options
from bot.adapters.slack.logs import bolt_logger
from bot.adapters.slack.memory import MemoryCommands
from bot.adapters.slack.render import (
    SlackMessage,
    escape,
    render_brief,
    render_help,
    render_problem,
)
from bot.channels import ChannelRef
from bot.config import Settings
from bot.digests import DigestReply, DigestService
from bot.digests.commands import (
    CommandError,
    DigestCommand,
    DigestSources,
    parse_digest_command,
)
from bot.intake import Accepted, Handler
from bot.memory import MemoryService
from bot.metrics import Metrics
from bot.service import UNEXPECTED, BriefService, Origin, Outcome, utc_now
from bot.stopping import Stopping

log = logging.getLogger(__name__)

READING = "Reading…"
DIGEST_HEADING = "Digest"
NOT_A_CHANNEL = (
    "I can't tell which channel “#{name}” is: pick it from the list Slack shows as you type #, "
    "so that it becomes a link to the channel."
)
NOTHING_TO_BRIEF = (
    "Give me a link or an article's text to brief, for example `/brief https://example.com/story`."
)
MENTION_HINT = (
    f"Mention me with a link (or paste an article of {HELP_FACTS.enough_words}) and I'll brief it."
)
# A message event's channel_type for a public channel ("group", "im", "mpim" are not).
PUBLIC_CHANNEL = "channel"
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
# A Slack conversation id: public (C) or private (G) channel, or a DM (D). Channel names are
# lower case, so a name typed without Slack turning it into a link never looks like one.
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]+")
# A channel as Slack escapes it in a command's text: <#C123|name> or <#C123>.
_CHANNEL_ENTITY = re.compile(r"<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>")
# "#C123" as our replies name channels (bot.digests.wording.channel), not inside an entity.
_NAMED_CHANNEL = re.compile(r"(?<![\w&;])#([CGD][A-Z0-9]+)\b")


def _origin(channel: str, team: str | None, event: dict[str, Any], work: Accepted | None) -> Origin:
    request = work.request if work is not None else None
    # Slack says a channel is public only in message events; anything else counts as private.
    private = event.get("channel_type") != PUBLIC_CHANNEL
    return Origin(PLATFORM, channel, team, event.get("ts"), event.get("user"), request, private)


def _strip_mentions(text: str) -> str:
    return _MENTION.sub(" ", text).strip()


def reply_text(text: str) -> str:
    """A reply of ours as Slack text: escaped, with the channels it names ("#C123") shown as
    Slack channel mentions, which Slack displays with the channel's current name."""
    return _NAMED_CHANNEL.sub(r"<#\1>", escape(text))


# A workspace's Web API client, for work resumed outside Slack's request (after a crash).
ClientFor = Callable[[str | None], Awaitable[AsyncWebClient | None]]


class SlackBot:
    """The handlers, holding what they need: the services, the clock, the way to a client."""

    def __init__(
        self,
        service: BriefService,
        digests: DigestService,
        *,
        api_url: str,
        client_for: ClientFor,
        now: Callable[[], datetime] = utc_now,
        stopping: Stopping | None = None,
    ) -> None:
        self.service = service
        self.digests = digests
        self.api_url = api_url
        self.client_for = client_for
        self.now = now
        self.stopping = stopping if stopping is not None else Stopping()

    def register(self, app: AsyncApp) -> None:
        """Each handler's run is work the bot finishes before it stops, and refuses after."""
        app.middleware(Delivery(self.service.intake).middleware)
        tracked = self.stopping.tracked
        app.event("message")(tracked(self.on_message, what="Slack message"))
        app.event("app_mention")(tracked(self.on_mention, what="Slack mention"))
        app.command("/brief")(tracked(self.on_brief, what="/brief"))
        app.command("/briefbot")(tracked(self.on_briefbot, what="/briefbot"))
        app.command("/digest")(tracked(self.on_digest, what="/digest"))

    def resumers(self) -> dict[str, Handler]:
        """What answers a request this or another instance accepted and did not finish."""
        tracked = self.stopping.tracked
        return {
            EVENT: tracked(self._resume_event, what="resumed Slack event"),
            BRIEF: tracked(self._resume_brief, what="resumed /brief"),
        }

    async def _resume_event(self, work: Accepted) -> None:
        body = work.payload["body"]
        event = body.get("event") or {}
        client = await self.client_for(event.get("team") or body.get("team_id"))
        if client is None:  # the workspace uninstalled the app meanwhile
            await self.service.intake.finish(work)
            return
        context = {"bot_user_id": work.payload.get("bot_user_id"), WORK: work}
        handler = self.on_mention if event.get("type") == "app_mention" else self.on_message
        await handler(event, body, context, client)

    async def _resume_brief(self, work: Accepted) -> None:
        command = work.payload["command"]
        client = await self.client_for(command.get("team_id"))
        respond = AsyncRespond(response_url=command.get("response_url"))
        if client is None:
            await self.service.intake.finish(work)
            return
        await self._answer_brief(command, respond, client, work)

    async def _post(
        self,
        client: AsyncWebClient,
        channel: str,
        message: SlackMessage,
        *,
        thread_ts: str | None = None,
        event_id: str | None = None,
    ) -> bool:
        """chat.postMessage without unfurls; a refusal is logged, never raised."""
        extra = {"thread_ts": thread_ts} if thread_ts else {}
        try:
            await client.chat_postMessage(
                channel=channel,
                unfurl_links=False,
                unfurl_media=False,
                **extra,
                **message.as_kwargs(),
            )
            return True
        except SlackApiError as e:
            log.warning(
                "Slack refused a post to %s (event %s): %s",
                channel,
                event_id,
                e.response.get("error") if e.response is not None else e,
            )
            return False
        except Exception:  # a network failure after retries: the other briefs still go out
            log.exception("Could not post to %s (event %s)", channel, event_id)
            return False

    async def _reply_outcomes(
        self,
        client: AsyncWebClient,
        channel: str,
        thread_ts: str,
        outcomes: list[Outcome],
        event_id: str | None,
    ) -> None:
        for outcome in outcomes:
            message = (
                render_brief(outcome.briefed.brief)
                if outcome.briefed is not None
                else render_problem(outcome.source, outcome.problem or UNEXPECTED)
            )
            await self._post(client, channel, message, thread_ts=thread_ts, event_id=event_id)

    # --- events -----------------------------------------------------------------------------

    async def on_message(
        self, event: dict[str, Any], body: dict[str, Any], context: Any, client: AsyncWebClient
    ) -> None:
        event_id = body.get("event_id")
        work = accepted(context)
        try:
            if event.get("subtype") not in POSTED_SUBTYPES:
                return  # edits, deletes, joins, bot messages
            bot_user_id = context.get("bot_user_id")
            if is_from_a_bot(event, bot_user_id):
                return
            text = event.get("text") or ""
            if bot_user_id and f"<@{bot_user_id}" in text:
                return  # the app_mention event for the same message answers it
            channel = event.get("channel")
            team = event.get("team") or body.get("team_id")
            if not channel:
                return
            if not await self.service.auto_brief(ChannelRef(PLATFORM, channel, team)):
                log.debug("Auto-brief is off in %s; event %s ignored", channel, event_id)
                return
            origin = _origin(channel, team, event, work)
            outcomes = await self.service.brief_message(text, origin=origin)
            outcomes += await self._file_outcomes(event, client, origin)
            if outcomes:
                log.info("Event %s: %d source(s) to answer in %s", event_id, len(outcomes), channel)
            thread = event.get("thread_ts") or event.get("ts")
            await self._reply_outcomes(client, channel, thread, outcomes, event_id)
        except Exception:
            log.exception("Failed to handle message event %s", event_id)
        finally:
            await self._finish(work)

    async def on_mention(
        self, event: dict[str, Any], body: dict[str, Any], context: Any, client: AsyncWebClient
    ) -> None:
        event_id = body.get("event_id")
        work = accepted(context)
        try:
            if is_from_a_bot(event, context.get("bot_user_id")):
                return
            channel = event["channel"]
            team = event.get("team") or body.get("team_id")
            text = _strip_mentions(event.get("text") or "")
            origin = _origin(channel, team, event, work)
            outcomes = await self.service.brief_message(text, origin=origin)
            outcomes += await self._file_outcomes(event, client, origin)
            thread = event.get("thread_ts") or event.get("ts")
            if not outcomes:
                await self._post(
                    client, channel, SlackMessage(MENTION_HINT), thread_ts=thread, event_id=event_id
                )
                return
            log.info("Event %s: mention with %d source(s) in %s", event_id, len(outcomes), channel)
            await self._reply_outcomes(client, channel, thread, outcomes, event_id)
        except Exception:
            log.exception("Failed to handle app_mention event %s", event_id)
        finally:
            await self._finish(work)

    async def _finish(self, work: Accepted | None) -> None:
        """The request is answered (or could not be): no instance takes it over."""
        try:
            await self.service.intake.finish(work)
        except Exception as e:  # the database away: the request may be answered once more
            log.warning("Could not mark a Slack request answered (%s)", type(e).__name__)

    async def _file_outcomes(
        self, event: dict[str, Any], client: AsyncWebClient, origin: Origin
    ) -> list[Outcome]:
        """Plain-text files and snippets shared with the message, briefed like pasted text."""
        outcomes: list[Outcome] = []
        for file in event.get("files") or []:
            if file.get("mimetype") != "text/plain":
                continue
            name = file.get("title") or file.get("name") or "a text file"
            text = await download(file, client, api_url=self.api_url)
            if text is not None:
                outcomes += await self.service.brief_pasted(text, source=name, origin=origin)
        return outcomes

    # --- commands ---------------------------------------------------------------------------

    async def on_brief(
        self,
        ack: Any,
        command: dict[str, Any],
        respond: Any,
        client: AsyncWebClient,
        context: Any,
    ) -> None:
        text = (command.get("text") or "").strip()
        if not text:
            await ack(response_type="ephemeral", text=NOTHING_TO_BRIEF)
            return
        # Kept in the store (by the middleware) before this acknowledgement; the work after.
        await ack(response_type="ephemeral", text=READING)
        await self._answer_brief(command, respond, client, accepted(context))

    async def _answer_brief(
        self, command: dict[str, Any], respond: Any, client: AsyncWebClient, work: Accepted | None
    ) -> None:
        text = (command.get("text") or "").strip()
        channel = command.get("channel_id") or ""
        try:
            origin = Origin(
                PLATFORM,
                channel,
                command.get("team_id"),
                None,
                command.get("user_id"),
                work.request if work is not None else None,
            )
            outcomes = await self.service.brief_request(text, origin=origin)
            for outcome in outcomes:
                if outcome.briefed is None:
                    sentence = render_problem(outcome.source, outcome.problem or UNEXPECTED)
                    await respond(text=sentence.text, response_type="ephemeral")
                    continue
                message = render_brief(outcome.briefed.brief)
                if not await self._post(client, channel, message):
                    # Not in the channel (or a DM): answer through the command's response_url.
                    await respond(
                        response_type="in_channel",
                        unfurl_links=False,
                        unfurl_media=False,
                        **message.as_kwargs(),
                    )
        except Exception:
            log.exception("Failed to handle /brief in %s", channel)
            try:
                await respond(text=UNEXPECTED, response_type="ephemeral")
            except Exception:
                log.exception("Could not answer /brief in %s", channel)
        finally:
            await self._finish(work)

    async def on_briefbot(self, ack: Any, command: dict[str, Any], respond: Any) -> None:
        words = (command.get("text") or "").lower().split()
        channel = command.get("channel_id") or ""
        team = command.get("team_id")
        if words in ([], ["help"]):
            await ack(response_type="ephemeral", **render_help().as_kwargs())
            return
        if words[:1] != ["auto"] or words[1:] not in ([], ["on"], ["off"]):
            unknown = escape(" ".join(words))
            await ack(
                response_type="ephemeral", text=f"I don't know `{unknown}`.\n" + render_help().text
            )
            return
        await ack()  # Slack's three seconds never wait on the database: the answer follows
        try:
            if words[1:]:
                on = words[1] == "on"
                await self.service.set_auto_brief(ChannelRef(PLATFORM, channel, team), on)
                log.info("Auto-brief turned %s in %s", "on" if on else "off", channel)
                answer = auto_brief_reply(on, asked_by="`/brief` or a mention")
            else:
                on = await self.service.auto_brief(ChannelRef(PLATFORM, channel, team))
                answer = auto_brief_state(on)
            await respond(response_type="ephemeral", text=answer)
        except Exception:
            log.exception("Failed to handle /briefbot in %s", channel)
            try:
                await respond(response_type="ephemeral", text=UNEXPECTED)
            except Exception:
                log.exception("Could not answer /briefbot in %s", channel)

    async def on_digest(
        self, ack: Any, command: dict[str, Any], respond: Any, client: AsyncWebClient
    ) -> None:
        """`/digest …`: acknowledged at once (building a digest can take a while), then answered
        through the channel (public replies) or the command's response_url (the others)."""
        await ack()
        channel = command.get("channel_id") or ""
        text = command.get("text") or ""
        try:
            target = ChannelRef(PLATFORM, channel, command.get("team_id"))
            asked = parse_digest_command(text, default_timezone=self.digests.default_timezone)
            reply = self._not_a_channel(asked, text) or await self.digests.handle(
                target, asked, user=command.get("user_id")
            )
            await self._answer_digest(reply, channel, respond, client)
        except Exception:
            log.exception("Failed to handle /digest in %s", channel)
            try:
                await respond(text=UNEXPECTED, response_type="ephemeral")
            except Exception:
                log.exception("Could not answer /digest in %s", channel)

    def _not_a_channel(
        self, command: DigestCommand | CommandError, text: str
    ) -> DigestReply | None:
        """A source named as plain text: Slack turns a channel picked after # into a link
        (<#C123|name>), so a bare name is not a channel Slack knows, and is refused here
        rather than stored as an id that never matches.

        A source to add must be such a link in the raw text, never a typed id ("#G0SECRET1"):
        Slack offers only the channels the asker can see, while a typed id could fold a
        private channel's articles into a digest read by people who are not in it. Removing
        by a typed id stays allowed: it can only narrow a digest.
        """
        if not isinstance(command, DigestSources) or command.channel is None:
            return None
        if command.action == "add":
            picked = {m.group(1) for m in _CHANNEL_ENTITY.finditer(text)}
            if command.channel in picked:
                return None
        elif _CHANNEL_ID.fullmatch(command.channel):
            return None
        return DigestReply(NOT_A_CHANNEL.format(name=command.channel))

    async def _answer_digest(
        self, reply: DigestReply, channel: str, respond: Any, client: AsyncWebClient
    ) -> None:
        """Render a reply of the digest service and send it, one message after the other."""
        if reply.digest is not None:
            messages = digest_messages(reply.digest, heading=reply.text or DIGEST_HEADING)
        elif reply.text:
            messages = [SlackMessage(reply_text(reply.text))]
        else:
            return
        unfurls = {"unfurl_links": False, "unfurl_media": False}
        if not reply.public:
            for message in messages:
                await respond(response_type="ephemeral", **unfurls, **message.as_kwargs())
            return
        in_channel = True
        for message in messages:
            if in_channel and await self._post(client, channel, message):
                continue
            # Not in the channel (or a DM): the command's response_url still reaches it.
            in_channel = False
            await respond(response_type="in_channel", **unfurls, **message.as_kwargs())


def build_bot(
    settings: Settings,
    service: BriefService,
    digests: DigestService,
    *,
    now: Callable[[], datetime] = utc_now,
    stopping: Stopping | None = None,
    metrics: Metrics | None = None,
    installs: SlackInstalls | None = None,
    memory: MemoryService | None = None,
) -> tuple[AsyncApp, SlackBot]:
    """The Bolt app with Briefbot's handlers (the same app serves Socket Mode and HTTP), and
    the handlers, whose `resumers` answer requests left unfinished.

    `digests` is the DigestService the digest scheduler listens to, so that /digest on and off
    reach it. `metrics` counts the Web API's retries and 429s. With `installs`, any number of
    workspaces add it (install.py), each answered with its own token, removed on uninstall.
    """
    secret = settings.slack_signing_secret
    app = AsyncApp(
        client=make_client(settings, metrics),
        signing_secret=secret.get_secret_value() if secret else "",
        name="briefbot",
        logger=bolt_logger(),
        **oauth_options(settings, installs),
    )
    bot = SlackBot(
        service,
        digests,
        api_url=settings.slack_api_url,
        client_for=SlackWorkspaces(settings, installs, metrics).client_for,
        now=now,
        stopping=stopping,
    )
    bot.register(app)
    memory = memory or MemoryService(service.store, now=now)  # /who and /briefs
    MemoryCommands(memory, bot.stopping).register(app)
    if installs is not None:
        app.enable_token_revocation_listeners()  # app_uninstalled, tokens_revoked
    return app, bot


def build_app(
    settings: Settings, service: BriefService, digests: DigestService, **options: Any
) -> AsyncApp:
    """The Bolt app alone (build_bot's options)."""
    return build_bot(settings, service, digests, **options)[0]
