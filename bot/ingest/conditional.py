"""Asking for a page again only if it changed: the validators an answer gave (ETag,
Last-Modified), sent back as If-None-Match and If-Modified-Since (RFC 9110, section 13).

A server that keeps them answers 304 Not Modified with no body; one that does not simply sends
the page again, so a conditional request is never worse than a plain one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Longer values are not kept: no real validator needs more, and each is sent back in a header.
MAX_VALIDATOR_CHARS = 512


def _kept(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    sendable = value.isascii() and value.isprintable()  # a header carries nothing else
    return value if value and sendable and len(value) <= MAX_VALIDATOR_CHARS else None


@dataclass(frozen=True, slots=True)
class Validators:
    """What identifies the version of a page a server sent, exactly as it sent it."""

    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def of(cls, headers: Mapping[str, str]) -> Validators:
        """The validators of an answer's headers; unusable ones (blank, huge) are dropped."""
        return cls(_kept(headers.get("ETag")), _kept(headers.get("Last-Modified")))

    @classmethod
    def kept(cls, etag: str | None, last_modified: str | None) -> Validators:
        """Validators read back from storage, checked as an answer's would be."""
        return cls(_kept(etag), _kept(last_modified))

    def request_headers(self) -> dict[str, str]:
        """The headers that ask for the page only if it is no longer this version."""
        headers: dict[str, str] = {}
        if self.etag is not None:
            headers["If-None-Match"] = self.etag
        if self.last_modified is not None:
            headers["If-Modified-Since"] = self.last_modified
        return headers
