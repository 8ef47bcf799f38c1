"""Finding links in chat messages as Slack, Discord and people write them."""

from __future__ import annotations

import pytest

from bot.ingest.links import MAX_LINKS, find_links


def test_plain_url_in_a_sentence() -> None:
    msg = "Have you seen https://news.example/2024/09/03/port-vote?"
    assert find_links(msg) == ["https://news.example/2024/09/03/port-vote"]


def test_slack_link_with_label_and_without() -> None:
    msg = (
        "Read <https://harbor.example/story?id=7&amp;page=2|Port board vote> "
        "and <http://valley.example/clinics>"
    )
    assert find_links(msg) == [
        "https://harbor.example/story?id=7&page=2",
        "http://valley.example/clinics",
    ]


def test_discord_suppressed_embed() -> None:
    assert find_links("no preview please <https://north.example/levy>") == [
        "https://north.example/levy"
    ]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("see https://a.example/x.", "https://a.example/x"),
        ("(https://a.example/x)", "https://a.example/x"),
        ("https://a.example/x, https://b.example/y!", "https://a.example/x"),
        ('"https://a.example/x"', "https://a.example/x"),
        (
            "https://en.wikipedia.example/wiki/Pier_(dock)",
            "https://en.wikipedia.example/wiki/Pier_(dock)",
        ),
        ("https://a.example/x...", "https://a.example/x"),
        ("*https://a.example/bold*", "https://a.example/bold"),
    ],
)
def test_trailing_punctuation_is_not_part_of_the_link(message: str, expected: str) -> None:
    assert find_links(message)[0] == expected


def test_duplicates_once_in_order() -> None:
    msg = (
        "https://b.example/2 then <https://a.example/1|one> and again https://b.example/2 "
        "and <https://a.example/1>"
    )
    assert find_links(msg) == ["https://b.example/2", "https://a.example/1"]


def test_at_most_five_by_default_and_limit_respected() -> None:
    msg = " ".join(f"https://site{i}.example/story" for i in range(8))
    assert MAX_LINKS == 5
    assert find_links(msg) == [f"https://site{i}.example/story" for i in range(5)]
    assert find_links(msg, limit=2) == [
        "https://site0.example/story",
        "https://site1.example/story",
    ]


@pytest.mark.parametrize(
    "message",
    [
        "ftp://files.example/report.pdf",
        "<mailto:desk@news.example|desk>",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "<#C024BE91L|general> and <@U024BE7LH>",
        "http:// nothing here",
        "just words, no links at all",
    ],
)
def test_only_http_and_https_links(message: str) -> None:
    assert find_links(message) == []


def test_mixed_schemes_keep_only_web_links() -> None:
    msg = "ftp://x.example/a <https://ok.example/b> gopher://y.example HTTP://UPPER.example/c"
    assert find_links(msg) == ["https://ok.example/b", "HTTP://UPPER.example/c"]
