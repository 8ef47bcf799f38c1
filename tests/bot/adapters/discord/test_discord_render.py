"""The Discord renderer without a network: limits, trimming, escaping; and the endpoints switch."""

from __future__ import annotations

import discord.gateway
import discord.http
import discord.webhook.async_
import pytest
import yarl

from bot.adapters.discord import point_discord_at
from bot.adapters.discord.render import (
    CONTENT_LIMIT,
    clip,
    problem_line,
    render_brief,
)
from bot.config import Settings
from summarizer import Actor, Brief, Bullet, Position, Quote

WORDS = "Officials said the talks would resume next week after a pause. " * 40


def long_brief() -> Brief:
    """Everything too long: title, bullets past 4096, quotes and positions past 1024."""
    return Brief(
        title="A very long headline about the ceasefire talks " * 12,
        url="https://news.example.com/world/long",
        byline="Jane Reporter",
        published="2024-08-25T10:00:00+00:00",
        word_count=9000,
        reading_minutes=41.0,
        bullets=[Bullet(f"Point {i}. " + WORDS[: 300 + 7 * i], i) for i in range(30)],
        quotes=[
            Quote(WORDS * 2, 0, 10, f"Speaker {i}", "Minister of Things", "said", i)
            for i in range(8)
        ],
        actors=[
            Actor(
                f"Actor {i}",
                "person",
                "official",
                [],
                3,
                [Position(WORDS, "insists", 1, False), Position(WORDS, "warns", 2, True)],
            )
            for i in range(8)
        ],
    )


def embed_size(embed: discord.Embed) -> int:
    return len(embed)


def test_a_long_brief_stays_within_every_discord_limit() -> None:
    embeds = render_brief(long_brief())
    assert 1 <= len(embeds) <= 2
    assert sum(len(e) for e in embeds) <= 6000
    for e in embeds:
        assert len(e.title or "") <= 256
        assert len(e.description or "") <= 4096
        assert len(e.fields) <= 25
        for f in e.fields:
            assert len(f.name or "") <= 256 and len(f.value or "") <= 1024
        assert len(e.footer.text or "") <= 2048
    main = embeds[0]
    assert main.url == "https://news.example.com/world/long"
    assert main.title is not None and main.title.endswith(" …")
    assert main.description is not None and main.description.startswith("• Point 0.")
    assert "41 min read" in (embeds[-1].footer.text or "")
    assert any(f.name.startswith("💬 Speaker 0") for e in embeds for f in e.fields)


def test_bullets_past_4096_go_on_in_a_second_embed() -> None:
    brief = long_brief()
    brief = Brief(**{**brief.to_dict(), "title": "Short", "quotes": [], "actors": []})
    brief = Brief.from_dict(brief.to_dict())
    embeds = render_brief(brief)
    assert len(embeds) == 2
    first, second = embeds
    assert len(first.description or "") > 3500
    assert (second.description or "").startswith("• Point ")
    shown = (first.description or "") + "\n" + (second.description or "")
    assert shown.count("• Point") > first.description.count("• Point")  # type: ignore[union-attr]
    assert sum(len(e) for e in embeds) <= 6000


@pytest.mark.parametrize("limit", [20, 57, 100, 333, 1024])
def test_clip_cuts_at_a_sentence_or_word_end_never_mid_word(limit: int) -> None:
    text = WORDS.strip()
    cut = clip(text, limit)
    assert len(cut) <= limit and cut.endswith(" …")
    kept = cut.removesuffix(" …")
    assert text.startswith(kept)
    assert text[len(kept)] == " "  # the next character was a space: a whole word was kept
    if limit >= 100:
        assert kept.endswith("pause.")  # a whole sentence


def test_clip_leaves_short_text_alone_and_never_splits_one_long_word() -> None:
    assert clip("Short enough.", 50) == "Short enough."
    assert clip("x" * 80, 40) == "…"


def test_article_text_cannot_format_or_ping() -> None:
    brief = Brief(
        title="**Big** news for @everyone",
        url=None,
        byline="<@123456789012345678>",
        published=None,
        word_count=130,
        reading_minutes=0.5,
        bullets=[Bullet("The _plan_ pleased @here and <@&123456789012345678> alike.", 0)],
        quotes=[Quote("Ping `everyone` now", 0, 5, "@everyone", None, "said", 0)],
        actors=[],
    )
    (embed,) = render_brief(brief)
    assert embed.title == "\\*\\*Big\\*\\* news for @\u200beveryone"
    assert embed.description == (
        "• The \\_plan\\_ pleased @\u200bhere and <@\u200b&123456789012345678> alike."
    )
    assert embed.fields[0].name == "💬 @\u200beveryone"
    assert embed.fields[0].value == "“Ping \\`everyone\\` now”"
    assert "<@\u200b123456789012345678>" in (embed.footer.text or "")
    assert embed.url is None


def test_a_problem_is_one_short_line_naming_the_link() -> None:
    line = problem_line("https://x.example/a", "The site answered 404 (not found).")
    assert line == "Could not brief <https://x.example/a>: The site answered 404 (not found)."
    assert len(problem_line("pasted text", "word " * 1000)) <= CONTENT_LIMIT


def test_pointing_discord_py_elsewhere_and_back() -> None:
    before = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    settings = Settings(
        discord_api_url="http://127.0.0.1:9/api/v10/",
        discord_gateway_url="ws://127.0.0.1:9/gateway",
    )
    restore = point_discord_at(settings)
    try:
        assert discord.http.Route.BASE == "http://127.0.0.1:9/api/v10"
        assert discord.webhook.async_.Route.BASE == "http://127.0.0.1:9/api/v10"
        route = discord.http.Route("GET", "/users/@me")
        assert route.url == "http://127.0.0.1:9/api/v10/users/@me"
        gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        assert gateway == yarl.URL("ws://127.0.0.1:9/gateway")
    finally:
        restore()
    after = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    assert after == before
