"""The presentation every platform shares: one rule each for how much a brief shows and in which
words, checked on its own and through the Slack, Discord and terminal renderers together."""

from __future__ import annotations

import json

from bot.adapters.console.render import render_markdown
from bot.adapters.discord.render import problem_line
from bot.adapters.discord.render import render_brief as discord_brief
from bot.adapters.presentation.briefs import (
    MAX_ACTORS,
    MAX_POSITIONS,
    MAX_QUOTES,
    UNTITLED,
    actor_detail,
    could_not_brief,
    mentions_of,
    position_text,
    source_facts,
    title_of,
)
from bot.adapters.slack.render import render_brief as slack_brief
from bot.adapters.slack.render import render_problem
from summarizer import Actor, Brief, Bullet, Position, Quote


def brief(**changes: object) -> Brief:
    fields: dict[str, object] = {
        "title": None,
        "url": "https://www.news.example/a",
        "byline": "Jane Reporter",
        "published": "2024-08-25T10:00:00+00:00",
        "word_count": 1234,
        "reading_minutes": 5.5,
        "bullets": [Bullet("The council approved the bridge.", 0)],
        "quotes": [
            Quote(f"quote number {i}", 0, 5, f"Speaker {i}", None, "said", i) for i in range(9)
        ],
        "actors": [
            Actor(
                f"Actor {i}",
                "organization",
                None,
                [],
                1,
                [Position(f"stance {i}.{j}", "said", j, j == 0) for j in range(3)],
            )
            for i in range(9)
        ],
        "notices": [],
    }
    fields.update(changes)
    return Brief(**fields)  # type: ignore[arg-type]


def shown_on_every_platform(b: Brief) -> dict[str, str]:
    return {
        "slack": json.dumps(slack_brief(b).blocks, ensure_ascii=False),
        "discord": json.dumps([e.to_dict() for e in discord_brief(b)], ensure_ascii=False),
        "console": render_markdown(b),
    }


def test_every_platform_shows_the_same_share_of_a_brief_in_the_same_words() -> None:
    for platform, text in shown_on_every_platform(brief()).items():
        assert UNTITLED in text, platform
        assert "2024-08-25" in text and "T10:00" not in text, platform
        assert "1,234 words, 5.5 min read" in text, platform
        quotes = [i for i in range(9) if f"quote number {i}" in text]
        actors = [i for i in range(9) if f"Actor {i}" in text]
        stances = [j for j in range(3) if f"stance 0.{j}" in text]
        assert quotes == list(range(MAX_QUOTES)), platform
        assert actors == list(range(MAX_ACTORS)), platform
        assert stances == list(range(MAX_POSITIONS)), platform
        assert "“stance 0.0”" in text and "“stance 0.1”" not in text, platform  # own words quoted
        assert "Actor 0 (organization" in text.replace("*", ""), platform


def test_an_actor_is_named_by_role_else_by_kind_and_mentions_are_counted() -> None:
    minister = Actor("Ann Lee", "person", " Prime\nMinister ", [], 1, [])
    assert actor_detail(minister) == "Prime Minister"
    assert actor_detail(Actor("Hezbollah", "organization", None, [], 4, [])) == "organization"
    assert mentions_of(minister) == "1 mention"
    assert mentions_of(Actor("Hezbollah", "organization", None, [], 4, [])) == "4 mentions"


def test_titles_sources_and_positions_read_the_same_everywhere() -> None:
    assert title_of(brief(title=" \n ")) == UNTITLED == "Untitled article"
    assert title_of(brief(title="Bridge\nvote")) == "Bridge vote"
    assert source_facts(brief(byline=None, published=None, word_count=87)) == [
        "87 words, 5.5 min read"
    ]
    said = Position("we <will> build it", "said", 0, True)
    assert position_text(said, str.upper) == "“WE <WILL> BUILD IT”"
    assert position_text(Position("backs it", "backs", 0, False), str.upper) == "BACKS IT"


def test_a_failure_names_a_pasted_text_the_same_on_every_platform() -> None:
    assert could_not_brief("pasted text", "Too short.", str.upper) == (
        "Could not brief the pasted text: Too short."
    )
    assert could_not_brief("notes.txt", "Empty.", str.upper) == "Could not brief NOTES.TXT: Empty."
    assert render_problem("pasted text", "Too short.").text == problem_line(
        "pasted text", "Too short."
    )
