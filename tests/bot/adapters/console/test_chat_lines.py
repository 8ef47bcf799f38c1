"""The terminal channel's input: lines become messages and commands as a chat would send them."""

from __future__ import annotations

from bot.adapters.console.lines import ChatCommand, ChatMessage, LineReader


def read_all(lines: list[str]) -> list[object]:
    reader = LineReader()
    entries: list[object] = []
    for line in lines:
        entries += reader.feed(line)
    return entries + reader.end()


def test_a_message_is_the_lines_up_to_an_empty_line() -> None:
    entries = read_all(["First line,\n", "second line.\n", "\n", "Another.\n", "\n"])
    assert entries == [ChatMessage("First line,\nsecond line."), ChatMessage("Another.")]


def test_the_end_of_input_ends_the_last_message() -> None:
    assert read_all(["no empty line after this"]) == [ChatMessage("no empty line after this")]


def test_blank_lines_alone_send_nothing() -> None:
    assert read_all(["\n", "   \n", "\r\n"]) == []


def test_a_slash_line_is_a_command_on_its_own() -> None:
    entries = read_all(["/Digest  on 09:00 Europe/Paris\n", "/quit"])
    assert entries == [ChatCommand("digest", "on 09:00 Europe/Paris"), ChatCommand("quit", "")]


def test_a_command_ends_the_message_in_progress() -> None:
    entries = read_all(["Pasted text\n", "/brief https://example.com/a\n", "after\n"])
    assert entries == [
        ChatMessage("Pasted text"),
        ChatCommand("brief", "https://example.com/a"),
        ChatMessage("after"),
    ]
