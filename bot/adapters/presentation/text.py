"""Text shaping every renderer shares: a brief or a digest is read line by line, whatever the
platform, and trimmed the same way everywhere when a platform's limit says it must be."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")

ELLIPSIS = "…"

_SPACES = re.compile(r"\s+")
# Control characters other than white space: ESC starts terminal escape sequences (retitling
# the window, clearing the screen), C1's CSI does too; article text must never send them.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f]")
_SPACE = re.compile(r"\s")
# The end of a sentence inside a longer text: . ! ? … (and a closing quote or bracket), then space.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
# What a cut at a word end should not leave dangling before the ellipsis; the backslash of a
# Markdown escape would escape the ellipsis itself.
_LOOSE_END = " \t\r\n,;:—–-·\\"


def one_line(text: str) -> str:
    """Newlines and runs of white space collapsed to single spaces, control characters gone."""
    return _SPACES.sub(" ", _CONTROLS.sub("", text)).strip()


def quote_text(text: str) -> str:
    """The quotation as displayed: the comma that led into "he said" has nothing to lead to."""
    return one_line(text).rstrip(",;:").rstrip()


def clip_words(
    text: str, limit: int, *, ellipsis: str = ELLIPSIS, spaced: bool = False, hard: bool = False
) -> str:
    """`text` within `limit` characters: cut after the last whole sentence that fits (unless that
    wastes more than half the room), else after the last whole word, and marked with `ellipsis`.

    The mark follows a sentence after a space, and a word directly unless `spaced`. A single
    word longer than the room is cut hard when `hard`, else only the mark is left: never
    mid-word. Cuts happen only at white space, so entities and escapes stay whole.
    """
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis) - 1  # the space that may go before the mark
    if room < 1:
        return ellipsis if len(ellipsis) <= limit else ""
    # One character past the room shows whether the room ends exactly at a word end.
    window = text[: room + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] >= room // 2:
        return text[: ends[-1]] + " " + ellipsis
    spaces = [m.start() for m in _SPACE.finditer(window)]
    kept = text[: spaces[-1]].rstrip(_LOOSE_END) if spaces else ""
    if kept:
        return kept + (" " if spaced else "") + ellipsis
    if hard:
        return text[: limit - len(ellipsis)] + ellipsis
    return ellipsis


def fair_share(lengths: Sequence[int], room: int) -> int:
    """The largest cap c with sum(min(n, c)) <= room: pieces shorter than c keep all their text
    and the long ones share what is left equally (so no piece of a story is dropped)."""
    left = max(room, 0)
    pending = sorted(lengths)
    for i, n in enumerate(pending):
        share = left // (len(pending) - i)
        if n > share:
            return share
        left -= n
    return max(pending, default=0)


def share_room(pieces: Sequence[tuple[str, Callable[[int], str]]], room: int) -> list[str]:
    """Every piece within `room` characters together: each piece is (its full text, a function
    giving it within a limit); the longest are trimmed to a fair share, none is dropped."""
    cap = fair_share([len(text) for text, _ in pieces], room)
    return [text if len(text) <= cap else shrink(cap) for text, shrink in pieces]


def join_within(items: Sequence[str], limit: int, *, sep: str = " · ") -> str:
    """Items (links) joined by `sep` within `limit`: as many whole ones as fit, then how many
    more there were; an item is never cut."""
    for keep in range(len(items), -1, -1):
        rest = [f"+{len(items) - keep} more"] if keep < len(items) else []
        text = sep.join([*items[:keep], *rest])
        if len(text) <= limit:
            return text
    return ""


def paginate(items: Sequence[T], fits: Callable[[Sequence[T]], bool]) -> list[list[T]]:
    """Items in order, in as few consecutive pages as `fits` allows; an item that does not fit
    an empty page alone still gets a page of its own (callers trim items to fit first)."""
    pages: list[list[T]] = []
    current: list[T] = []
    for item in items:
        if current and not fits([*current, item]):
            pages.append(current)
            current = []
        current.append(item)
    if current:
        pages.append(current)
    return pages


def site_of(url: str | None) -> str | None:
    """The name a link is shown by: its host without "www."."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed address (bad IPv6 brackets) has no site to show
        return None
    return host.removeprefix("www.") or None
