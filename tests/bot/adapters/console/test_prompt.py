"""The terminal's line editor, driven through prompt_toolkit's own pipe input: a bracketed
paste with blank lines is one message, as a real terminal sends it."""

from __future__ import annotations

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from bot.adapters.console.lines import ChatCommand, ChatMessage, Entry
from bot.adapters.console.prompt import make_session, prompted_entries

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
ARTICLE = "First paragraph.\r\n\r\nSecond paragraph.\n\n\nThird paragraph."
ONE_MESSAGE = "First paragraph.\n\nSecond paragraph.\n\n\nThird paragraph."
ENTER, ESC_ENTER, CTRL_D = "\r", "\x1b\r", "\x04"


async def typed(*keys: str) -> tuple[list[Entry], list[str]]:
    """What the editor sends for these keys, and the history it keeps."""
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        session = make_session(input=pipe, output=DummyOutput())
        entries = [entry async for entry in prompted_entries(session)]
        return entries, list(session.history.get_strings())


async def test_a_bracketed_paste_with_blank_lines_is_one_message() -> None:
    entries, _ = await typed(PASTE_START, ARTICLE, PASTE_END, ENTER, CTRL_D)
    assert entries == [ChatMessage(ONE_MESSAGE)]


async def test_brief_then_a_paste_briefs_all_of_it() -> None:
    keys = ("/brief ", PASTE_START, ARTICLE, PASTE_END, ENTER, "/quit", ENTER, CTRL_D)
    entries, _ = await typed(*keys)
    assert entries == [ChatCommand("brief", ONE_MESSAGE), ChatCommand("quit", "")]


async def test_esc_enter_starts_a_line_and_messages_are_kept_in_history() -> None:
    entries, history = await typed(
        "one", ESC_ENTER, ESC_ENTER, "two", ENTER, "/help", ENTER, CTRL_D
    )
    assert entries == [ChatMessage("one\n\ntwo"), ChatCommand("help", "")]
    assert history == ["one\n\ntwo", "/help"]
