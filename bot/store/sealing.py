"""Tokens sealed at rest with Fernet (the `cryptography` library): whoever reads the database
without the key (a backup, a replica, a leaked dump) cannot use the tokens in it.

Keys come from the environment, comma-separated: the first seals, every one opens, so a key is
rotated by putting the new one first and dropping the old one once every workspace has been
installed again (or its tokens sealed anew).
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, MultiFernet

# How a Fernet token starts (its version byte, base64): a sealed value, never a Slack token.
SEALED_PREFIX = "gAAAAA"


class UnreadableTokenError(Exception):
    """A stored token that the configured keys cannot open (or that needs a key)."""


class TokenSeal:
    """Fernet with one or more keys: the first seals, each opens."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("a token seal needs at least one key")
        self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])

    def seal(self, token: str) -> str:
        return self._fernet.encrypt(token.encode()).decode()

    def open(self, value: str) -> str:
        return self._fernet.decrypt(value.encode()).decode()


def parse_keys(value: str) -> list[str]:
    """Keys as the environment gives them: comma-separated, the sealing one first. Raises
    ValueError (naming no key) when one is not a Fernet key."""
    keys = [k.strip() for k in value.split(",") if k.strip()]
    for key in keys:
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            raise ValueError("not a Fernet key (32 url-safe base64-encoded bytes)") from None
    return keys
