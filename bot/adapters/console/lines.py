"""How the terminal's lines become what a chat channel receives: messages and commands.

A message is one or more lines ended by an empty line (or the end of input), as a paste of an
article arrives; a line starting with "/" is a command on its own, as in Slack or Discord.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass
class LineReader:
    """Feed it lines one by one; it hands back each message or command as soon as it is whole."""

    _pending: list[str] = field(default_factory=list)

    def feed(self, line: str) -> list[Entry]:
        line = line.rstrip("\r\n")
        if line.lstrip().startswith("/"):  # a command ends any message in progress
            name, _, text = line.strip()[1:].partition(" ")
            return [*self.end(), ChatCommand(name.lower(), text.strip())]
        if line.strip():
            self._pending.append(line)
            return []
        return self.end()

    def end(self) -> list[Entry]:
        """The message in progress, if any (at an empty line or the end of input)."""
        if not self._pending:
            return []
        text = "\n".join(self._pending)
        self._pending.clear()
        return [ChatMessage(text)]
