"""How the terminal's input becomes what a chat channel receives: messages and commands.

An article is pasted with blank lines between its paragraphs, so a blank line never ends a
message: a message is everything up to the next command line (a line starting with "/") or
the end of the input, and a line holding only `/send` ends one without being a command, so a
pipe can carry several. `/brief` takes the lines after it as its text ("/brief" then a pasted
article). On a terminal each submitted prompt is read the same way, on its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field

# The terminal channel a chat session opens unless told another.
DEFAULT_CHANNEL = "chat"
# The command whose text goes on past its own line, and the line that only ends a message.
BODY_COMMAND = "brief"
SEPARATOR = "send"


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """Something pasted into the channel: links, or an article's text."""

    text: str


@dataclass(frozen=True, slots=True)
class ChatCommand:
    """A slash command: `/digest now` is name "digest", text "now"."""

    name: str
    text: str


Entry = ChatMessage | ChatCommand


def is_command(line: str) -> bool:
    return line.lstrip().startswith("/")


@dataclass
class LineReader:
    """Feed it lines one by one; it hands back each message or command as soon as it is whole
    (a message, and `/brief`'s text, at the next command line or the end)."""

    _pending: list[str] = field(default_factory=list)
    _command: str | None = None

    def feed(self, line: str) -> list[Entry]:
        line = line.rstrip("\r\n")
        if not is_command(line):
            self._pending.append(line)
            return []
        done = self.end()  # a command ends the message in progress
        name, _, text = line.strip()[1:].partition(" ")
        name = name.lower()
        if name == SEPARATOR and not text.strip():
            return done
        if name == BODY_COMMAND:
            self._command, self._pending = name, [text]
            return done
        return [*done, ChatCommand(name, text.strip())]

    def end(self) -> list[Entry]:
        """The message or `/brief` in progress, if any (at a command line or the end)."""
        text = "\n".join(self._pending).strip()
        command, self._command = self._command, None
        self._pending = []
        if command is not None:
            return [ChatCommand(command, text)]
        return [ChatMessage(text)] if text else []


def read_entries(lines: Iterable[str]) -> list[Entry]:
    """Everything in a whole text at once (one submitted prompt, a test's input)."""
    reader = LineReader()
    entries = [entry for line in lines for entry in reader.feed(line)]
    return entries + reader.end()


ReadLine = Callable[[], Awaitable[str | None]]


async def piped_entries(read_line: ReadLine) -> AsyncIterator[Entry]:
    """The entries of input read line by line (a pipe), each as soon as it is whole."""
    reader = LineReader()
    while (line := await read_line()) is not None:
        for entry in reader.feed(line):
            yield entry
    for entry in reader.end():
        yield entry
