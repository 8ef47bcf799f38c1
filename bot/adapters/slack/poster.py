"""Posting a scheduled digest to Slack, and telling a failure worth retrying from a final one.

The Web API client already waits out a few 429s itself (Retry-After honoured) and retries a
dropped connection; what still fails comes here as a SlackApiError or a network error and is
mapped onto the service's kinds: retry later (rate limits, Slack's own troubles, the
network), give up on this channel and turn its schedule off (channel gone, bot removed from
it, archived), or fail this run only, loudly, when Slack refuses Briefbot itself (a wrong,
revoked or expired token, a missing scope): that would refuse every channel alike, and one bad
token must not turn off every schedule as each comes due. A failure part-way through a long
digest says how many of its messages went out, so the retry starts after them and nothing is
posted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.digest import digest_messages
from bot.channels import ChannelRef
from bot.digests.posting import PermanentPostError, PostError, RetryablePostError
from summarizer import Digest

log = logging.getLogger(__name__)

PLATFORM = "slack"

# Slack's refusals of this one channel, which no retry can fix: the schedule is turned off with
# the plain reason (shown by /digest status). Only what is about the channel belongs here.
PERMANENT_ERRORS: Mapping[str, str] = {
    "channel_not_found": "the channel was not found",
    "not_in_channel": "Briefbot is not in the channel",
    "is_archived": "the channel was archived",
    "channel_is_archived": "the channel was archived",
    # Who may post in a channel is a channel setting (#general, announcement channels).
    "restricted_action": "a workspace setting prevents Briefbot from posting in the channel",
    "restricted_action_read_only_channel": "the channel is read-only",
    "restricted_action_thread_only_channel": "the channel accepts replies in threads only",
}
# Slack refusing Briefbot itself rather than the channel: the token, the app's scopes or its
# access to the workspace. Every channel would be refused alike, so the run fails (logged, and
# shown by /digest status) but the schedule stays on, to work again once the token or the app
# is fixed. Codes that may or may not be about the channel (no_permission, access_denied,
# ekm_access_denied, which administrators can apply to a whole organisation) are here too:
# failing a run in vain costs a log line, turning a schedule off in vain costs a digest a day.
APP_ERRORS: Mapping[str, str] = {
    "invalid_auth": "Slack does not accept Briefbot's token",
    "not_authed": "Slack received no token from Briefbot",
    "token_revoked": "Briefbot's token was revoked (the app may have been removed)",
    "token_expired": "Briefbot's token expired",
    "account_inactive": "the Slack workspace or Briefbot's account is no longer active",
    "not_allowed_token_type": "Briefbot's token is not a bot token",
    "missing_scope": "Briefbot lacks the permission to post messages (chat:write)",
    "no_permission": "Briefbot's token lacks the permission to post",
    "access_denied": "Slack denied Briefbot access",
    "ekm_access_denied": "the workspace's administrators suspended posting",
    "team_access_not_granted": "Briefbot was not granted access to the workspace",
    "enterprise_is_restricted": "the organisation does not allow Briefbot to post",
}
# Slack's own transient troubles, worth another try a little later (a 5xx status is too).
TRANSIENT_ERRORS: Mapping[str, str] = {
    "internal_error": "Slack had an internal error",
    "fatal_error": "Slack had a server error",
    "service_unavailable": "Slack was unavailable",
    "request_timeout": "Slack timed out reading the request",
    "team_added_to_org": "the workspace is migrating to an organisation",
    "org_login_required": "the workspace is migrating to an organisation",
}
RATE_LIMITED = frozenset({"ratelimited", "rate_limited"})
NOT_INSTALLED = "Briefbot is no longer installed in the workspace"
# A workspace's client (install.py's SlackWorkspaces.client_for), None where not installed.
ClientFor = Callable[[str | None], Awaitable[AsyncWebClient | None]]


class SlackDigestPoster:
    """DigestPoster for Slack: the digest as Block Kit messages, posted in order."""

    def __init__(
        self, client: AsyncWebClient | None = None, *, client_for: ClientFor | None = None
    ) -> None:
        """One `client` (a single workspace), or each channel's workspace's by `client_for`."""
        if (client is None) == (client_for is None):
            raise ValueError("give a client or a way to find one, not both")
        self.client = client
        self.client_for = client_for

    async def _client(self, target: ChannelRef) -> AsyncWebClient:
        if self.client is not None:
            return self.client
        assert self.client_for is not None
        client = await self.client_for(target.workspace)
        if client is None:  # uninstalled: no token will ever post there again
            raise PermanentPostError(NOT_INSTALLED)
        return client

    async def post_digest(
        self, target: ChannelRef, digest: Digest, *, heading: str, skip: int = 0
    ) -> str | None:
        """Post the digest's messages after the first `skip` in order; the first one's ts."""
        if target.platform != PLATFORM:
            raise ValueError(f"not a Slack channel: {target.platform}:{target.channel}")
        client = await self._client(target)
        first: str | None = None
        # `posted`: how many of this call's messages went out before the current one.
        for posted, message in enumerate(digest_messages(digest, heading=heading)[skip:]):
            try:
                response = await client.chat_postMessage(
                    channel=target.channel,
                    unfurl_links=False,
                    unfurl_media=False,
                    **message.as_kwargs(),
                )
            except SlackApiError as e:
                mapped = post_error(e, posted=posted)
                if mapped is None:
                    raise  # a request of ours Slack found wrong: a bug for the log, not a retry
                raise mapped from e
            except (aiohttp.ClientError, TimeoutError, OSError) as e:
                raise RetryablePostError(
                    f"could not reach Slack ({type(e).__name__})", posted=posted
                ) from e
            if first is None:
                ts = response.get("ts")
                first = ts if isinstance(ts, str) else None
        return first


def post_error(error: SlackApiError, *, posted: int = 0) -> PostError | None:
    """The service's kind of failure for a Web API refusal, or None for a request of ours
    Slack found wrong. A plain PostError (Slack refusing Briefbot itself) fails the run and
    leaves the schedule on."""
    code = error_code(error)
    status = _status(error.response)
    if code in RATE_LIMITED or status == 429:
        return RetryablePostError(
            "Slack is rate limiting Briefbot",
            retry_after=retry_after(error.response),
            posted=posted,
        )
    if code in PERMANENT_ERRORS:
        log.warning("Slack refused the digest for good: %s", code)
        return PermanentPostError(PERMANENT_ERRORS[code])
    if code in APP_ERRORS:
        log.error(
            "Slack refused Briefbot itself (%s): every Slack digest fails until the token or "
            "the app is fixed; the schedules stay on.",
            code,
        )
        return PostError(f"{APP_ERRORS[code]} ({code})")
    if code in TRANSIENT_ERRORS:
        return RetryablePostError(f"{TRANSIENT_ERRORS[code]} ({code})", posted=posted)
    if status is not None and status >= 500:
        return RetryablePostError(f"Slack answered HTTP {status}", posted=posted)
    return None


def error_code(error: SlackApiError) -> str | None:
    """Slack's error code ("channel_not_found"), when the response carried one."""
    data = getattr(error.response, "data", None)
    if isinstance(data, Mapping):
        code = data.get("error")
        return code if isinstance(code, str) else None
    return None


def _status(response: Any) -> int | None:
    # An AsyncSlackResponse has status_code; a body Slack could not parse leaves aiohttp's.
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    return status if isinstance(status, int) else None


def retry_after(response: Any) -> float | None:
    """The Retry-After header in seconds, when Slack sent one that is a number."""
    headers = getattr(response, "headers", None) or {}
    for name in headers:
        if isinstance(name, str) and name.lower() == "retry-after":
            value = headers[name]
            if isinstance(value, list | tuple):
                value = value[0] if value else None
            try:
                seconds = float(value)
            except (TypeError, ValueError):
                return None
            return max(seconds, 0.0)
    return None
