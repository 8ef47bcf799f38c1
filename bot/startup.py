"""The one error a chat platform's failure to start becomes: a refused or missing token, a
setting its mode needs, a server that cannot be reached (tried again with backoff first).

Each adapter translates its own platform's exceptions into it, so whatever starts the
platforms knows no platform's exceptions. It imports nothing from bot, so every layer can
raise it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class StartupError(Exception):
    """A platform (or what it stands on) could not start; str() is the sentence for the user.

    `expected` failures are the user's to fix (a token, a setting, the network) and need no
    traceback; an unexpected one is a bug, whose traceback belongs in the debug log.
    """

    def __init__(self, message: str, *, expected: bool = True) -> None:
        super().__init__(message)
        self.expected = expected


def unreachable(error: Exception) -> StartupError:
    """The failure of a platform that could not be reached (refused, unresolved, timed out)."""
    return StartupError(f"the platform could not be reached ({type(error).__name__}).")


@dataclass(frozen=True, slots=True)
class Backoff:
    """How a platform that cannot be reached at start is tried again: after `first` seconds,
    then `factor` times longer each time up to `cap`; `attempts` bounds the tries (None: until
    it answers or the bot is stopped). `sleep` is injected so tests never wait."""

    first: float = 1.0
    factor: float = 2.0
    cap: float = 60.0
    attempts: int | None = None
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def delay(self, failed: int) -> float:
        """Seconds to wait after the `failed`-th failed attempt."""
        return min(self.first * self.factor ** min(failed - 1, 32), self.cap)


async def reach(
    name: str,
    attempt: Callable[[], Awaitable[T]],
    backoff: Backoff,
    *,
    errors: tuple[type[Exception], ...] = (OSError,),
) -> T:
    """`attempt()`, tried again with backoff while it fails with one of `errors` (the platform
    cannot be reached): one warning line per failure, no traceback. Past `backoff.attempts`,
    raises the StartupError saying so."""
    failed = 0
    while True:
        try:
            return await attempt()
        except errors as e:
            failed += 1
            await retry_later(name, e, failed, backoff)


async def retry_later(name: str, error: Exception, failed: int, backoff: Backoff) -> None:
    """After the `failed`-th failure to reach `name`: one warning line, then the backoff's
    wait; or, once its attempts are used up, the StartupError saying so."""
    if backoff.attempts is not None and failed >= backoff.attempts:
        raise unreachable(error) from error
    delay = backoff.delay(failed)
    log.warning(
        "%s could not be reached (%s); trying again in %.0f s (attempt %d).",
        name,
        _reason(error),
        delay,
        failed + 1,
    )
    await backoff.sleep(delay)


def _reason(error: Exception) -> str:
    """The error's kind, and its first line when short (it names the host, never a token)."""
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text and len(text) < 200 else type(error).__name__
