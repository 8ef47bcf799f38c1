"""What Slack delivers, accepted in the store before it is acknowledged: each event is claimed
by its event id (so a redelivery, to this instance or another, or after a restart, is dropped),
and the requests the bot answers (a message or mention to brief, a `/brief`) are kept until
answered, so another instance answers them should this one die (bot/intake.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt.response import BoltResponse

from bot.intake import Accepted, Intake

log = logging.getLogger(__name__)

EVENT = "slack.event"
BRIEF = "slack.brief"
# Message subtypes that are people posting: a plain message, a reply shown in the channel
# too, a message with a file. Edits (message_changed), deletes and joins are not.
POSTED_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})
# Where the middleware leaves the accepted request for the handler, in Bolt's context.
WORK = "briefbot_work"
# Fields of Slack's payloads that are credentials (the legacy verification token): never kept.
_NOT_KEPT = frozenset({"token"})


def is_from_a_bot(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """Our own replies and other bots' messages are never briefed."""
    return bool(
        event.get("bot_id")
        or event.get("subtype") == "bot_message"
        or (bot_user_id and event.get("user") == bot_user_id)
    )


def answered(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """Whether the bot may answer the event: a mention, or a person's message. Bolt drops
    the bot's own messages before any handler, so those are never kept as work."""
    if event.get("type") == "app_mention":
        return True
    return (
        event.get("type") == "message"
        and event.get("subtype") in POSTED_SUBTYPES
        and not is_from_a_bot(event, bot_user_id)
    )


def kept(payload: dict[str, Any]) -> dict[str, Any]:
    """A payload as it may be stored: without the verification token."""
    return {k: v for k, v in payload.items() if k not in _NOT_KEPT}


def accepted(context: Any) -> Accepted | None:
    """The request the middleware accepted for this handler (None: nothing was kept)."""
    work = context.get(WORK) if context is not None else None
    return work if isinstance(work, Accepted) else None


class Delivery:
    """Bolt middleware accepting Slack's deliveries in the store before they are handled."""

    def __init__(self, intake: Intake) -> None:
        self.intake = intake

    async def middleware(
        self, body: dict[str, Any], request: Any, context: Any, next: Callable[..., Any]
    ) -> Any:
        """An event delivered before is acknowledged and dropped; an event or `/brief` the
        bot answers is kept (its request is put in the context) before the acknowledgement.
        With the database away, the delivery is still handled, as one instance would."""
        try:
            if body.get("type") == "event_callback" and body.get("event_id"):
                if not await self._claim_event(body, request, context):
                    return BoltResponse(status=200, body="")
            elif body.get("command") == "/brief" and (body.get("text") or "").strip():
                context[WORK] = await self.intake.accept(BRIEF, {"command": kept(body)})
        except Exception as e:
            log.warning("Could not keep a Slack delivery in the store (%s)", type(e).__name__)
        return await next()

    async def _claim_event(self, body: dict[str, Any], request: Any, context: Any) -> bool:
        """Claim the event by its id; False when it was claimed before."""
        event_id = str(body["event_id"])
        payload = {"body": kept(body), "bot_user_id": context.get("bot_user_id")}
        work = await self.intake.accept(EVENT, payload, key=event_id)
        if work is None:
            retry = request.headers.get("x-slack-retry-num", ["?"])
            log.info("Event %s redelivered (retry %s): already handled", event_id, retry[0])
            return False
        if answered(body.get("event") or {}, context.get("bot_user_id")):
            context[WORK] = work
        else:
            await self.intake.finish(work)
        return True
