"""Reading an article from a file or stdin, never more than the summarizer would accept.

`/dev/zero` or an endless pipe must not be read into memory before the size check: reading
stops one byte past the cap and the user is told the input is too large.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summarizer.text import MAX_INPUT_CHARS

# The summarizer's limit is in characters; UTF-8 spends at most 4 bytes on one, so no input it
# would accept is cut, and anything longer is refused without reading the rest.
MAX_INPUT_BYTES = MAX_INPUT_CHARS * 4
TOO_LARGE = (
    f"The input is over {MAX_INPUT_BYTES // 1_000_000} MB; Briefbot reads articles of at most "
    f"{MAX_INPUT_CHARS // 1_000_000} MB."
)


class InputError(Exception):
    """A source the user can fix (missing, unreadable, too large); str() is the sentence."""


_URL = re.compile(r"^\s*https?://", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*)://", re.IGNORECASE)
_BARE_WEB = re.compile(r"^\s*www\.[^\s/]+\.[^\s/]+", re.IGNORECASE)


def link_of(source: str) -> str | None:
    """The link `source` is (an address starting www. is read over https), or None for a
    path; a scheme Briefbot does not read is an InputError that names it."""
    if _URL.match(source):
        return source.strip()
    if other := _OTHER_SCHEME.match(source):
        raise InputError(
            f"Briefbot reads http:// and https:// links only, not {other[1].lower()}://."
        )
    if _BARE_WEB.match(source) and not Path(source).exists():
        return "https://" + source.strip()
    return None


def read_capped(stream: BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """At most `limit` bytes of the stream; InputError when there is more."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    if left <= 0:
        raise InputError(TOO_LARGE)
    return b"".join(chunks)


def read_source(source: str) -> bytes:
    """The raw bytes of a file, or of stdin for '-'; file problems become InputErrors."""
    if source == "-":
        if sys.stdin.isatty():
            print("Reading the article from standard input; end it with Ctrl-D.", file=sys.stderr)
        return read_capped(sys.stdin.buffer)
    try:
        with Path(source).open("rb") as file:
            return read_capped(file)
    except FileNotFoundError:
        raise InputError(f"No such file: {source}") from None
    except IsADirectoryError:
        raise InputError(f"That is a folder, not a file: {source}") from None
    except PermissionError:
        raise InputError(f"Permission denied when reading {source}.") from None
    except OSError as e:
        raise InputError(f"Cannot read {source}: {e.strerror or e}.") from None


TOO_LARGE_MESSAGE = (
    f"That message is over {MAX_INPUT_CHARS // 1_000_000} MB; Briefbot reads articles of at "
    f"most {MAX_INPUT_CHARS // 1_000_000} MB, so it stopped reading."
)


@dataclass
class StdinLines:
    """Lines of standard input for `briefbot chat`, read by a daemon thread so the loop is never
    blocked (scheduled digests keep running) and a read still waiting never holds up the exit
    (Ctrl-C). The thread waits while lines are unread, and stops at a message (lines up to the
    next command line, blank ones included) longer than the limit: an endless line or pipe is
    never held in memory."""

    limit: int = MAX_INPUT_CHARS
    backlog: int = 8
    too_large: bool = False

    def start(self, loop: asyncio.AbstractEventLoop) -> Callable[[], Awaitable[str | None]]:
        lines: asyncio.Queue[str | None] = asyncio.Queue(self.backlog)

        def hand_over(line: str | None) -> bool:
            try:
                asyncio.run_coroutine_threadsafe(lines.put(line), loop).result()
            except (RuntimeError, CancelledError):  # the loop has closed: nobody reads any more
                return False
            return True

        def pump() -> None:
            # A message's lines are held here until it ends, so a message cut at the limit is
            # never briefed half-read (the chat acts on a message only at its end anyway).
            message: list[str] = []
            size = 0
            try:
                for line in iter(lambda: sys.stdin.readline(self.limit + 1), ""):
                    if not line.lstrip().startswith("/"):
                        message.append(line)
                        size += len(line)
                        if size > self.limit:
                            self.too_large = True
                            return
                        continue
                    if not all(hand_over(held) for held in [*message, line]):
                        return
                    message, size = [], 0
                for held in message:
                    hand_over(held)
            finally:
                hand_over(None)  # the end of input

        threading.Thread(target=pump, name="briefbot-stdin", daemon=True).start()
        return lines.get
