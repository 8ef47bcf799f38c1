"""The terminal channel's input: lines become messages and commands as a chat would send them."""

from __future__ import annotations

from bot.adapters.console.lines import ChatCommand, ChatMessage, read_entries

ARTICLE = ["First paragraph,\n", "still the first.\n", "\n", "\n", "Second paragraph.\n", "\n"]


def test_blank_lines_inside_a_paste_keep_it_one_message() -> None:
    pasted = "First paragraph,\nstill the first.\n\n\nSecond paragraph."
    assert read_entries(ARTICLE) == [ChatMessage(pasted)]


def test_the_end_of_input_ends_the_last_message() -> None:
    assert read_entries(["no empty line after this"]) == [ChatMessage("no empty line after this")]


def test_blank_lines_alone_send_nothing() -> None:
    assert read_entries(["\n", "   \n", "\r\n"]) == []


def test_a_slash_line_is_a_command_on_its_own() -> None:
    entries = read_entries(["/Digest  on 09:00 Europe/Paris\n", "/quit"])
    assert entries == [ChatCommand("digest", "on 09:00 Europe/Paris"), ChatCommand("quit", "")]


def test_a_command_ends_the_message_in_progress() -> None:
    entries = read_entries(["Pasted text\n", "\n", "/digest now\n", "after\n", "\n", "more\n"])
    assert entries == [
        ChatMessage("Pasted text"),
        ChatCommand("digest", "now"),
        ChatMessage("after\n\nmore"),
    ]


def test_send_separates_two_messages_of_one_pipe() -> None:
    entries = read_entries(["One article.\n", "/send\n", "\n", "Another one.\n", "/send"])
    assert entries == [ChatMessage("One article."), ChatMessage("Another one.")]


def test_brief_takes_the_article_pasted_after_it() -> None:
    entries = read_entries(["/brief\n", *ARTICLE, "/digest now\n"])
    body = "First paragraph,\nstill the first.\n\n\nSecond paragraph."
    assert entries == [ChatCommand("brief", body), ChatCommand("digest", "now")]
    assert read_entries(["/brief https://example.com/a"]) == [
        ChatCommand("brief", "https://example.com/a")
    ]
    assert read_entries(["/brief\n"]) == [ChatCommand("brief", "")]
