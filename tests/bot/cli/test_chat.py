"""`briefbot chat` driven through its input, and `briefbot digest` reading the same store.

Each test runs the real command as a subprocess in an empty folder, so the embedded SQLite
store is new for each; several sessions in one test share it, as a restarted bot would.
"""

from __future__ import annotations

import json

from command_line import assert_plain_error, briefbot
from locations import SEED

ARTICLE = SEED.read_text(encoding="utf-8")
HEADLINE_WORDS = "Hezbollah"  # the seed is about Israel's strikes on Hezbollah


def chat(*lines: str, channel: str | None = None) -> str:
    args = ["chat"] + (["--channel", channel] if channel else [])
    result = briefbot(*args, stdin="".join(lines).encode())
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_a_pasted_article_is_briefed_and_the_digest_holds_it() -> None:
    out = chat(ARTICLE, "\n", "/digest now\n", "/quit\n", "never read\n")
    assert "Benjamin Netanyahu" in out  # the brief: a key quote's speaker
    assert out.index("Benjamin Netanyahu") < out.index("Digest of what was shared since")
    assert "1 article in 1 story" in out
    assert "never read" not in out


def test_the_end_of_input_ends_the_session_and_sends_the_last_message() -> None:
    out = chat(ARTICLE)  # no empty line, no /quit
    assert "Benjamin Netanyahu" in out


def test_a_paste_with_blank_lines_is_one_message_and_brief_takes_it_whole() -> None:
    paragraphs = "\n\n".join(ARTICLE.splitlines()) + "\n"  # as people paste: blank lines between
    out = chat(paragraphs, "/send\n", "/brief\n", paragraphs, "/brief\n", "/digest now\n")
    assert "Nothing to brief" not in out
    assert out.count("Key quotes") == 2  # the paste, then /brief with the same article
    assert "/brief what? Put a link or an article's text after /brief." in out
    assert "1 article in 1 story" in out and "shared 2 times" in out


def test_small_talk_unknown_commands_and_help_get_plain_answers() -> None:
    out = chat("hello there\n", "\n", "/frobnicate\n", "/help\n", "/digest at noon\n")
    assert "Nothing to brief there" in out
    assert "There is no /frobnicate here" in out
    assert "/digest on HH:MM" in out
    assert "I don't know “/digest at”" in out  # the digest parser's own sentence


def test_a_schedule_set_in_chat_is_kept_for_the_next_session() -> None:
    out = chat("/digest on 09:00 Europe/Paris mon-fri quiet\n")
    assert "09:00" in out and "Europe/Paris" in out
    status = chat("/digest status\n")
    assert "Monday to Friday at 09:00 (Europe/Paris)" in status
    off = chat("/digest off\n", "/digest status\n")
    assert "no more digests" in off


def test_sources_fold_another_terminal_channel_into_the_digest() -> None:
    chat(ARTICLE, "\n", channel="desk")
    chat("/digest sources add #desk\n")
    result = briefbot("digest", "--channel", "chat", "--platform", "console", "--format", "json")
    assert result.returncode == 0, result.stderr
    digest = json.loads(result.stdout)
    assert (digest["article_count"], digest["story_count"]) == (1, 1)
    alone = briefbot("digest", "--channel", "desk", "--format", "json")
    assert json.loads(alone.stdout)["story_count"] == 1


def test_digest_prints_the_design_object_and_text() -> None:
    chat(ARTICLE, "\n", "/brief " + ARTICLE.replace("\n", " ") + "\n")  # shared twice
    result = briefbot("digest", "--channel", "chat", "--format", "json")
    assert result.returncode == 0, result.stderr
    digest = json.loads(result.stdout)
    assert set(digest) == {"article_count", "story_count", "stories"}
    (story,) = digest["stories"]
    assert {"headline", "bullets", "quote", "urls", "titles", "articles"} <= set(story)
    assert story["articles"] == 1 and story["shares"] == 2
    assert 2 <= len(story["bullets"]) <= 3
    assert story["quote"]["speaker"]
    text = briefbot("digest", "--channel", "chat", "--since", "2d")
    assert text.returncode == 0 and "1 article in 1 story" in text.stdout
    assert "shared 2 times" in text.stdout


def test_digest_of_a_channel_nobody_used_or_a_bad_since_is_one_sentence() -> None:
    assert_plain_error(
        briefbot("digest", "--channel", "nowhere"),
        "Nothing was shared in a channel called 'nowhere' yet.",
    )
    chat(ARTICLE)
    bad = briefbot("digest", "--channel", "chat", "--since", "yesterday")
    assert_plain_error(bad)
    assert "The start of the period must be a date" in bad.stderr


def test_demo_ends_with_a_digest_that_groups_the_samples() -> None:
    for _ in range(2):  # the second run's digest holds its own shares, not the first run's too
        result = briefbot("demo")
        assert result.returncode == 0, result.stderr
        briefs, tail = result.stdout.split("Digest of the sample articles")
        assert briefs.count("Untitled article") == 1  # the old seed only: the samples are titled
        assert "The Harbour Courier · 30 November 2026" in briefs  # site and date
        assert "NORTHGATE (Northgate Post)" not in briefs  # the dateline left the bullet
        assert tail.count("2 outlets") >= 2  # two stories told by two outlets each
        assert "Port Aldwin council votes to close the old ferry terminal" in tail
        assert HEADLINE_WORDS in tail and "shared 2 times" not in tail


def test_digest_without_a_channel_name_is_one_sentence() -> None:
    assert_plain_error(
        briefbot("digest", "--channel", " "), "Give --channel a channel's id or name."
    )
