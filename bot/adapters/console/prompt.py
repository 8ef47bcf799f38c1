"""The terminal's line editor for `briefbot chat`: prompt_toolkit, so a paste is one message.

Terminals wrap a paste in bracketed-paste marks; prompt_toolkit inserts it into the line being
edited whole, newlines and blank lines included, and Enter sends it. Esc then Enter starts a
new line by hand; the arrow keys recall earlier messages. Output printed while the prompt
waits (a scheduled digest) goes above it (`patch_stdout`), never through it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from prompt_toolkit import PromptSession
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.output import Output
from prompt_toolkit.patch_stdout import patch_stdout

from bot.adapters.console.lines import Entry, read_entries

PROMPT = "> "


def _bindings() -> KeyBindings:
    keys = KeyBindings()

    @keys.add("escape", "enter")
    def _new_line(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text("\n")

    return keys


def make_session(input: Input | None = None, output: Output | None = None) -> PromptSession[str]:
    """The editor; tests pass prompt_toolkit's pipe input and a dummy output."""
    return PromptSession(
        history=InMemoryHistory(), key_bindings=_bindings(), input=input, output=output
    )


async def prompted_entries(session: PromptSession[str]) -> AsyncIterator[Entry]:
    """What is sent at each prompt, until Ctrl-D (or Ctrl-C) at an empty prompt."""
    while True:
        try:
            with patch_stdout(raw=True):  # rich's colours pass through as they are
                text = await session.prompt_async(PROMPT)
        except (EOFError, KeyboardInterrupt):
            return
        for entry in read_entries(text.splitlines()):
            yield entry
