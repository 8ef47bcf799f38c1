"""The Slack renderers are pure: Block Kit within Slack's limits, and nothing in an article can
act as Slack markup."""

from __future__ import annotations

import json
import re

from bot.adapters.slack.render import (
    BLOCK_LIMIT,
    HEADER_LIMIT,
    SECTION_LIMIT,
    escape,
    fit,
    render_brief,
    render_help,
    render_problem,
    trim,
)
from summarizer import Actor, Brief, Bullet, Position, Quote

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
WORDS += ["golf", "hotel", "india", "juliet", "kilo", "lima"]


def long_sentences(n: int, seed: int = 0) -> str:
    """n sentences of ten words each, every word from WORDS."""
    out = []
    for i in range(n):
        words = [WORDS[(seed + i + j) % len(WORDS)] for j in range(10)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def brief(**changes: object) -> Brief:
    base = {
        "title": "Council votes on the bridge",
        "url": "https://news.example.com/city/bridge?id=1&ref=2",
        "byline": "Jane Reporter",
        "published": "2024-08-25T10:00:00+00:00",
        "word_count": 1234,
        "reading_minutes": 5.5,
        "bullets": [Bullet("The council approved the bridge.", 0)],
        "quotes": [Quote("We will build it", 0, 16, "Ann Lee", "Mayor", "said", 1)],
        "actors": [
            Actor(
                "Ann Lee",
                "person",
                "Mayor",
                ["Lee"],
                3,
                [Position("the bridge must be built", "backs", 2, False)],
            )
        ],
        "notices": [],
    }
    base.update(changes)
    return Brief(**base)  # type: ignore[arg-type]


def texts(blocks: list[dict]) -> list[str]:
    out = []
    for b in blocks:
        if "text" in b:
            out.append(b["text"]["text"])
        out += [e["text"] for e in b.get("elements", [])]
    return out


def test_a_brief_has_header_linked_site_context_bullets_quotes_and_actors(
    seed_brief: Brief,
) -> None:
    message = render_brief(brief())
    kinds = [b["type"] for b in message.blocks]
    assert kinds[:3] == ["header", "context", "section"]
    all_text = "\n".join(texts(message.blocks))
    assert message.blocks[0]["text"]["text"] == "Council votes on the bridge"
    assert all_text.count("Council votes on the bridge") == 1  # the headline once
    assert (
        "<https://news.example.com/city/bridge?id=1&amp;ref=2|news.example.com> · by Jane "
        "Reporter · 25 August 2024 · 1,234 words, 5.5 min read" in all_text
    )
    named = render_brief(brief(site="The Bridge Gazette"))
    assert "|The Bridge Gazette> · by Jane" in json.dumps(named.blocks, ensure_ascii=False)
    assert "• The council approved the bridge." in all_text
    assert "“We will build it” — *Ann Lee* (Mayor)" in all_text
    assert "• *Ann Lee* (Mayor): the bridge must be built _(backs)_" in all_text
    assert message.text.startswith("Council votes on the bridge\nhttps://news.example.com")
    seed = render_brief(seed_brief)
    assert seed.blocks[0]["text"]["text"] == "Untitled article"  # no title
    assert "Pasted text" in json.dumps(seed.blocks)
    assert "*Benjamin Netanyahu* (Israeli Prime Minister)" in json.dumps(
        seed.blocks, ensure_ascii=False
    )


def test_article_text_is_escaped_everywhere() -> None:
    nasty = brief(
        title="<!here> & <@U1>",
        url="https://x.example/a|b>c",
        byline="<!everyone>",
        bullets=[Bullet("Say <!channel> & <@U123> now.", 0)],
        quotes=[Quote("<!here>", 0, 7, "<@U9>", "<!subteam^S1>", "said", 0)],
        actors=[Actor("<@U2>", "person", None, [], 1, [Position("<!here>", "said", 0, True)])],
        notices=["<!channel> notice"],
    )
    message = render_brief(nasty)
    everything = message.text + json.dumps(message.blocks)
    for raw in ("<!here>", "<!channel>", "<@U1>", "<@U123>", "<@U9>", "<@U2>", "<!everyone>",
                "<!subteam"):  # fmt: skip
        assert raw not in everything
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in everything
    assert "<https://x.example/a%7Cb&gt;c|" in everything  # the link cannot end early
    assert all(b["text"].get("verbatim") is True for b in message.blocks if b["type"] == "section")


def test_a_huge_brief_stays_within_slack_limits_and_never_cuts_mid_word() -> None:
    huge = brief(
        title=long_sentences(30),
        bullets=[Bullet(long_sentences(80, i), i) for i in range(200)],
        quotes=[Quote(long_sentences(50, i), 0, 1, "A B", "Mayor", "said", i) for i in range(20)],
        actors=[
            Actor(
                f"P {i}", "person", "Mayor", [], 2, [Position(long_sentences(40), "said", 0, False)]
            )
            for i in range(20)
        ],
    )
    message = render_brief(huge)
    assert len(message.blocks) <= BLOCK_LIMIT
    assert len(message.blocks[0]["text"]["text"]) <= HEADER_LIMIT
    assert all(len(t) <= SECTION_LIMIT for t in texts(message.blocks))
    assert len(message.text) <= 3000
    assert "more than fits" in message.blocks[-1]["text"]["text"]
    marks = 0
    for text in texts(message.blocks):
        for piece in re.findall(r"(\S+) ?…", text):
            marks += 1
            word = piece.strip("“”*_•.").lower()
            assert word in WORDS, f"cut mid-word: {piece!r}"
    assert marks > 10


def test_trim_prefers_a_sentence_end_then_a_word_end() -> None:
    text = "The first sentence is here. The second one is much longer than the room left."
    assert trim(text, 50) == "The first sentence is here. …"
    assert trim("word " * 20, 23) == "word word word word…"
    assert trim("short", 10) == "short"
    assert len(trim("x" * 100, 10)) == 10  # one endless word is cut hard, still within limit
    for limit in range(5, len(text)):
        cut = trim(text, limit)
        assert len(cut) <= limit
        assert cut.removesuffix("…").rstrip(" .") in text
        before = cut.removesuffix("…").rstrip()
        assert text[len(before) : len(before) + 1] in (" ", "")  # ends on a word boundary


def test_fit_counts_the_escaped_length() -> None:
    text = "Tom & Jerry " * 300
    out = fit(text, 3000)
    assert len(out) <= 3000 and out.endswith("…")
    assert "&amp;" in out and not re.search(r"&(?!amp;|lt;|gt;)", out)


def test_a_problem_is_one_escaped_sentence_and_help_lists_the_commands() -> None:
    problem = render_problem("https://x.example/<a>", "The page could not be reached.")
    assert problem.blocks == []
    assert problem.text == (
        "Could not brief https://x.example/&lt;a&gt;: The page could not be reached."
    )
    assert render_problem("pasted text", "The text is empty.").text.startswith(
        "Could not brief the pasted text:"
    )
    help_text = render_help().text
    for command in ("/brief &lt;link or text&gt;", "/briefbot auto on", "/briefbot help"):
        assert command in help_text
    assert "/digest" in help_text
    assert escape("<&>") == "&lt;&amp;&gt;"
