"""Every way reading a link can fail, each with one plain sentence for the person who pasted it.

The chat user gets `user_message`; the log gets `str(error)`, which carries the detail (the
address refused, the status, the byte count). Catching `FetchError` covers them all.
"""

from __future__ import annotations


class FetchError(Exception):
    """A link could not be read; `user_message` is safe to show in a channel."""

    user_message: str = "The page could not be read."

    def __init__(self, detail: str, user_message: str | None = None) -> None:
        super().__init__(detail)
        if user_message is not None:
            self.user_message = user_message


class NotAWebLink(FetchError):
    user_message = "That is not a web link Briefbot can open (only http and https links are read)."


class MalformedLink(NotAWebLink):
    """A link whose host no resolver could take (`a..b`, a 64-letter label, a bare `xn--`)."""

    user_message = "That link's address is malformed, so it cannot be opened."

    def __init__(self, detail: str, *, redirected: bool = False) -> None:
        super().__init__(
            detail, "The link redirects to a malformed address." if redirected else None
        )


class RefusedAddress(FetchError):
    user_message = "That link points to a private network address, so it will not be opened."


class FetchTimeout(FetchError):
    user_message = "The page took too long to answer."


class Unreachable(FetchError):
    user_message = "The page could not be reached."


class BrokenResponse(FetchError):
    user_message = "The page sent a broken answer that could not be read."


class HttpStatusError(FetchError):
    """The server answered, but not with the page (4xx, 5xx, a redirect without a target)."""

    def __init__(self, detail: str, status: int) -> None:
        super().__init__(detail, f"The page answered with an error (HTTP {status}).")
        self.status = status


class TooManyRedirects(FetchError):
    user_message = "The link redirects too many times."


class BodyTooLarge(FetchError):
    user_message = "The page is too large to read (over 5 MB)."


class UnsupportedContent(FetchError):
    """Not HTML or plain text; the sentence names what it is when that is known."""

    def __init__(self, detail: str, what: str) -> None:
        super().__init__(detail, f"That link is not a web page Briefbot can read (it is {what}).")
        self.what = what


class NoReadableArticle(FetchError):
    """The page was fetched, but holds too little article text to brief (a banner, a wall)."""

    user_message = (
        "The page has no readable article (it may be behind a paywall or need JavaScript)."
    )
