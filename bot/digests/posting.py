"""What a chat platform must offer to receive a scheduled digest, and how it may fail.

Adapters (Slack, Discord, the console) implement DigestPoster; the service decides when to post
and what to do about a failure, so the two kinds of failure are told apart here: one worth
retrying a little later, and one that no retry can fix.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bot.channels import ChannelRef
from summarizer import Digest


class PostError(Exception):
    """Posting a digest failed; str() is a short description for the log and the status."""


class RetryablePostError(PostError):
    """Worth trying again: rate limited (429), a network error, a 5xx from the platform.

    `retry_after` is the wait in seconds the platform asked for, when it said.
    """

    def __init__(self, message: str, retry_after: float | None = None, *, posted: int = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        # Messages of this digest that did go out before the failure: the retry starts after
        # them, so a long digest cut short by a 429 is never posted twice in part.
        self.posted = posted


class PermanentPostError(PostError):
    """No retry will help: the channel is gone, the bot was removed or may not post there."""


@runtime_checkable
class DigestPoster(Protocol):
    async def post_digest(
        self, target: ChannelRef, digest: Digest, *, heading: str, skip: int = 0
    ) -> str | None:
        """Post the digest under `heading` (an empty one as its one line) to `target`, leaving
        out its first `skip` messages (already posted by an earlier attempt); return the id of
        the first message posted, or None when the platform gives none.

        The service decides about quiet schedules: it never asks to post an empty digest then.
        """
        ...


# Waits between attempts: 5 s, 15 s, 45 s, 135 s, 405 s, then every 10 minutes.
FIRST_DELAY = 5.0
DELAY_FACTOR = 3.0
MAX_DELAY = 600.0


def backoff_delay(failed_attempts: int, retry_after: float | None = None) -> float:
    """Seconds to wait after the n-th failed attempt; never less than the platform asked."""
    exponent = min(max(failed_attempts, 1) - 1, 10)  # 5 * 3**10 is far past the cap
    delay = min(FIRST_DELAY * DELAY_FACTOR**exponent, MAX_DELAY)
    return max(delay, retry_after or 0.0)
