"""The one error a chat platform's failure to start becomes: a refused or missing token, a
setting its mode needs, a server that cannot be reached.

Each adapter translates its own platform's exceptions into it, so whatever starts the
platforms knows no platform's exceptions. It imports nothing from bot, so every layer can
raise it.
"""

from __future__ import annotations


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
