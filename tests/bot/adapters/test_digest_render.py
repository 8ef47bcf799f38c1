"""Digest renderers without a network: counts, links, quotes, escaping, splitting and trimming
on Slack, Discord and the terminal, from Digest objects built by hand."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import discord
import pytest
from rich.console import Console, Group
from rich.style import Style
from rich.text import Text

from bot.adapters.console.digest import render_digest_rich, render_digest_text
from bot.adapters.discord.digest import DiscordMessage
from bot.adapters.discord.digest import digest_messages as discord_messages
from bot.adapters.presentation.stories import EMPTY_DIGEST, counts_line, reach_line
from bot.adapters.presentation.text import (
    clip_words,
    fair_share,
    join_within,
    paginate,
    share_room,
)
from bot.adapters.slack.digest import MESSAGE_TEXT_LIMIT
from bot.adapters.slack.digest import digest_messages as slack_messages
from bot.adapters.slack.render import SlackMessage
from summarizer.digest_types import Digest, Story, StoryQuote

HEADING = "Daily digest · Tue 24 Nov"
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
WORDS += ["golf", "hotel", "india", "juliet", "kilo", "lima"]
NASTY = "<!channel> @everyone <@U123> <@123456789012345678> **bold** [link](x) [red]x[/red] &"


def sentences(n: int, seed: int = 0) -> str:
    """n sentences of ten words each, every word from WORDS."""
    out = []
    for i in range(n):
        words = [WORDS[(seed + i + j) % len(WORDS)] for j in range(10)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def story(n: int = 1, **changes: object) -> Story:
    fields: dict[str, object] = {
        "headline": f"Story {n} headline",
        "bullets": [f"Story {n} first point.", f"Story {n} second point."],
        "quote": StoryQuote("We will build it,", "Ann Lee"),
        "urls": [f"https://www.a.example/{n}", f"https://b.example/{n}?x=1&y=2"],
        "titles": [f"Story {n}"],
        "articles": 2,
        "shares": 3,
    }
    fields.update(changes)
    return Story(**fields)  # type: ignore[arg-type]


def digest_of(stories: list[Story]) -> Digest:
    return Digest(sum(s.articles for s in stories), len(stories), stories)


def long_story(n: int) -> Story:
    return story(
        n,
        headline=f"Story {n} " + sentences(3, n),
        bullets=[f"Story {n} point {i}. " + sentences(9, n + i) for i in range(3)],
        quote=StoryQuote(sentences(6, n), f"Speaker {n}"),
        urls=[f"https://site{i}.example/story/{n}/{'path/' * 8}" for i in range(4)],
    )


def huge_story() -> Story:
    """One story longer than any message allows, in every part."""
    return story(
        1,
        headline=sentences(40),
        bullets=[sentences(200, i) for i in range(5)],
        quote=StoryQuote(sentences(100), "Ann Lee"),
        urls=[f"https://outlet{i}.example/{'long/' * 20}" for i in range(60)],
    )


# --- helpers to read what was rendered ---------------------------------------------------------


def slack_texts(message: SlackMessage) -> list[str]:
    out = []
    for block in message.blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [e["text"] for e in block.get("elements", [])]
    return out


def sections(message: SlackMessage) -> list[str]:
    return [b["text"]["text"] for b in message.blocks if b["type"] == "section"]


def assert_slack_limits(message: SlackMessage) -> None:
    assert len(message.blocks) <= 50
    assert len(message.text) <= 3000
    for block in message.blocks:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    assert all(len(t) <= 3000 for t in slack_texts(message))
    assert sum(len(s) for s in sections(message)) <= MESSAGE_TEXT_LIMIT


def assert_discord_limits(message: DiscordMessage) -> None:
    assert len(message.content) <= 2000
    assert len(message.embeds) <= 10
    assert sum(len(e) for e in message.embeds) <= 6000
    for embed in message.embeds:
        assert len(embed.title or "") <= 256
        assert len(embed.description or "") <= 4096
        assert len(embed.fields) <= 25
        assert all(len(f.value or "") <= 1024 for f in embed.fields)


def rich_text(digest: Digest, heading: str = HEADING) -> str:
    console = Console(record=True, width=400, color_system=None)
    console.print(render_digest_rich(digest, heading=heading))
    return console.export_text()


def rich_story(digest: Digest, number: int) -> Text:
    group = render_digest_rich(digest, heading=HEADING)
    assert isinstance(group, Group)
    texts = [r for r in group.renderables if isinstance(r, Text)]
    return next(t for t in texts if t.plain.startswith(f"{number}. "))


def assert_whole_words_before_ellipses(text: str, *, at_least: int) -> None:
    """Every "…" follows a whole word of WORDS: nothing was cut mid-word."""
    marks = re.findall(r"(\S+) ?…", text)
    assert len(marks) >= at_least
    for piece in marks:
        word = piece.strip("“”*_•.>\\").lower()
        assert word in WORDS, f"cut mid-word: {piece!r}"


# --- counts, reach, links, quotes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("articles", "stories", "expected"),
    [
        (1, 1, "1 article in 1 story"),
        (2, 1, "2 articles in 1 story"),
        (12, 9, "12 articles in 9 stories"),
    ],
)
def test_the_counts_line_agrees_in_number_on_every_platform(
    articles: int, stories: int, expected: str
) -> None:
    digest = Digest(articles, stories, [story(n) for n in range(1, stories + 1)])
    assert counts_line(digest) == expected
    assert render_digest_text(digest, heading=HEADING).splitlines()[:2] == [HEADING, expected]
    assert rich_text(digest).splitlines()[:2] == [HEADING, expected]
    slack = slack_messages(digest, heading=HEADING)[0]
    assert slack.blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": HEADING, "emoji": False},
    }
    assert slack.blocks[1]["elements"][0]["text"] == expected
    assert slack.text.splitlines()[:2] == [HEADING, expected]
    assert discord_messages(digest, heading=HEADING)[0].content == f"**{HEADING}**\n{expected}"


def test_reach_is_shown_only_beyond_one_article_or_one_share() -> None:
    assert reach_line(story(articles=1, shares=1)) is None
    assert reach_line(story(articles=2, shares=2)) == "2 outlets"  # each posted once
    assert reach_line(story(articles=2, shares=3)) == "2 outlets · shared 3 times"
    assert reach_line(story(articles=1, shares=3)) == "shared 3 times"
    assert reach_line(story(articles=3, shares=1)) == "2 outlets"  # by site: three on two
    one_site = ["https://a.example/1", "https://www.a.example/1?ref=x", "https://a.example/1"]
    assert reach_line(story(urls=one_site, articles=3, shares=4)) == "3 articles · shared 4 times"
    assert reach_line(story(urls=one_site[:1], articles=1, shares=3)) == "shared 3 times"
    once = digest_of([story(1, articles=1, shares=1)])
    assert "outlet" not in render_digest_text(once, heading=HEADING)
    assert "shared" not in json.dumps(slack_messages(once, heading=HEADING)[0].blocks)
    assert "shared" not in (discord_messages(once, heading=HEADING)[0].embeds[0].description or "")
    spread = digest_of([story(1, articles=2, shares=3)])
    assert "_2 outlets · shared 3 times_" in sections(slack_messages(spread, heading=HEADING)[0])[0]
    embed = discord_messages(spread, heading=HEADING)[0].embeds[0]
    assert (embed.description or "").endswith("*2 outlets · shared 3 times*")
    assert "   2 outlets · shared 3 times" in render_digest_text(spread, heading=HEADING)


def test_headlines_link_to_the_first_url_and_every_url_is_shown_by_site() -> None:
    digest = digest_of([story(1), story(2, urls=[])])
    first, second = sections(slack_messages(digest, heading=HEADING)[0])
    assert first.startswith("*1. <https://www.a.example/1|Story 1 headline>*\n")
    assert "<https://www.a.example/1|a.example> · <https://b.example/1?x=1&amp;y=2|b.example>" in (
        first
    )
    assert second.startswith("*2. Story 2 headline*\n")  # nothing to link to

    one, two = discord_messages(digest, heading=HEADING)[0].embeds
    assert (one.title, one.url) == ("1. Story 1 headline", "https://www.a.example/1")
    assert "[a.example](https://www.a.example/1) · [b.example](https://b.example/1?x=1&y=2)" in (
        one.description or ""
    )
    assert (two.title, two.url) == ("2. Story 2 headline", None)

    headline = rich_story(digest, 1)
    links = {
        headline.plain[span.start : span.end]: span.style.link
        for span in headline.spans
        if isinstance(span.style, Style)
    }
    assert links["Story 1 headline"] == "https://www.a.example/1"
    assert links["b.example"] == "https://b.example/1?x=1&y=2"
    text = render_digest_text(digest, heading=HEADING)
    assert (
        "   a.example: https://www.a.example/1\n   b.example: https://b.example/1?x=1&y=2" in text
    )


def test_a_url_that_would_break_discord_markdown_or_embeds_stays_inert() -> None:
    digest = digest_of([story(1, urls=["https://c.example/a_(b)", "ftp://files.example/x"])])
    embed = discord_messages(digest, heading=HEADING)[0].embeds[0]
    assert "[c.example](https://c.example/a_%28b%29)" in (embed.description or "")
    assert "ftp://files.example/x" in (embed.description or "")
    assert "(ftp://" not in (embed.description or "")  # not a link Discord would refuse
    only_ftp = digest_of([story(1, urls=["ftp://files.example/x"])])
    assert discord_messages(only_ftp, heading=HEADING)[0].embeds[0].url is None


def test_the_key_quote_shows_its_speaker_or_says_unattributed() -> None:
    digest = digest_of(
        [story(1), story(2, quote=StoryQuote("No comment", None)), story(3, quote=None)]
    )
    said, anonymous, silent = sections(slack_messages(digest, heading=HEADING)[0])
    assert "\n> “We will build it” — *Ann Lee*\n" in said  # the lead-in comma is dropped
    assert "\n> “No comment” — _unattributed_\n" in anonymous
    assert "“" not in silent

    embeds = discord_messages(digest, heading=HEADING)[0].embeds
    assert "\n> “We will build it” — **Ann Lee**\n" in (embeds[0].description or "")
    assert "\n> “No comment” — *unattributed*\n" in (embeds[1].description or "")
    assert "“" not in (embeds[2].description or "")

    text = render_digest_text(digest, heading=HEADING)
    assert "   “We will build it” — Ann Lee\n" in text
    assert "   “No comment” — unattributed\n" in text
    shown = rich_text(digest)
    assert "   “We will build it” — Ann Lee\n" in shown
    assert "   “No comment” — unattributed\n" in shown


# --- escaping ----------------------------------------------------------------------------------


def nasty_digest() -> Digest:
    return digest_of(
        [
            story(
                1,
                headline=NASTY,
                bullets=[f"Bullet {NASTY}"],
                quote=StoryQuote(f"Quote {NASTY}", f"Speaker {NASTY}"),
            )
        ]
    )


def test_slack_escapes_article_text_so_nothing_pings() -> None:
    message = slack_messages(nasty_digest(), heading=f"Digest {NASTY}")[0]
    everything = message.text + "\n" + "\n".join(slack_texts(message))
    for raw in ("<!channel>", "<@U123>", "<@123456789012345678>"):
        assert raw not in everything
    assert "&lt;!channel&gt; @everyone &lt;@U123&gt;" in everything
    assert re.search(r"&(?!amp;|lt;|gt;)", everything) is None  # every & is an entity
    assert all(m.group(1).startswith("https://") for m in re.finditer(r"<([^>]*)>", everything))
    assert all(b["text"]["verbatim"] for b in message.blocks if b["type"] == "section")


def test_discord_escapes_markdown_and_breaks_mentions() -> None:
    message = discord_messages(nasty_digest(), heading=f"Digest {NASTY}")[0]
    embed = message.embeds[0]
    shown = "\n".join([message.content, embed.title or "", embed.description or ""])
    assert "@everyone" not in shown and "<@123456789012345678>" not in shown
    assert shown.count("@\u200beveryone") == 5  # heading, title, bullet, quote, speaker
    assert "<@\u200b123456789012345678>" in shown
    assert re.search(r"(?<!\\)\*\*bold", shown) is None and shown.count("\\*\\*bold\\*\\*") == 5
    assert re.search(r"(?<!\\)\[link\]", shown) is None and shown.count("\\[link](x)") == 5
    assert (embed.title or "").startswith("1. <!channel> @\u200beveryone")


def test_the_terminal_shows_markup_in_articles_as_written() -> None:
    shown = rich_text(nasty_digest(), heading=f"Digest {NASTY} :smile:")
    assert f"Digest {NASTY} :smile:" in shown
    assert f"1. {NASTY}" in shown
    assert f"• Bullet {NASTY}" in shown
    assert f"“Quote {NASTY}” — Speaker {NASTY}" in shown
    text = render_digest_text(nasty_digest(), heading=HEADING)
    assert f"   “Quote {NASTY}” — Speaker {NASTY}" in text


def test_article_text_cannot_add_lines_to_the_text_form() -> None:
    digest = digest_of([story(1, headline="One\n\n2. Fake story", bullets=["a\nb"])])
    lines = render_digest_text(digest, heading=HEADING).splitlines()
    assert "1. One 2. Fake story" in lines
    assert "   • a b" in lines


def test_terminal_escape_sequences_in_articles_never_reach_the_terminal() -> None:
    hostile = "Quake\x1b]0;owned\x07 hits\x1b[2J coast\x9b31m"
    digest = digest_of([story(1, headline=hostile, bullets=[hostile])])
    text = render_digest_text(digest, heading=HEADING)
    console = Console(record=True, width=200, force_terminal=True)
    console.print(render_digest_rich(digest, heading=HEADING))
    for shown in (text, console.export_text()):
        assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
        assert "Quake]0;owned hits[2J coast31m" in shown


# --- splitting and trimming ------------------------------------------------------------------


@pytest.mark.parametrize("make", [long_story, story], ids=["long", "short"])
def test_a_long_slack_digest_is_several_messages_within_limits_in_order(
    make: Callable[[int], Story],
) -> None:
    stories = [make(n) for n in range(1, 41)]
    messages = slack_messages(digest_of(stories), heading=HEADING)
    assert len(messages) >= 2
    numbers: list[int] = []
    for index, message in enumerate(messages, 1):
        assert_slack_limits(message)
        assert slack_texts(message)[1 if index == 1 else 0].endswith(
            f"part {index} of {len(messages)}"
        )
        for text in sections(message):
            number = int(re.match(r"\*(\d+)\. <", text).group(1))  # type: ignore[union-attr]
            numbers.append(number)
            for url in stories[number - 1].urls:  # the whole story is in this one section
                assert f"<{url.replace('&', '&amp;')}|" in text
            assert f"Speaker {number}*" in text or "Ann Lee*" in text
    assert numbers == list(range(1, 41))
    assert messages[0].blocks[0]["type"] == "header"
    assert all(m.blocks[0]["type"] == "context" for m in messages[1:])


@pytest.mark.parametrize("make", [long_story, story], ids=["long", "short"])
def test_a_long_discord_digest_is_several_messages_within_limits_in_order(
    make: Callable[[int], Story],
) -> None:
    stories = [make(n) for n in range(1, 41)]
    messages = discord_messages(digest_of(stories), heading=HEADING)
    assert len(messages) >= 2
    titles: list[str] = []
    for index, message in enumerate(messages, 1):
        assert_discord_limits(message)
        assert message.content.startswith(f"**{HEADING}**\n")
        assert message.content.endswith(f"part {index} of {len(messages)}")
        assert "http" not in message.content  # nothing in content unfurls
        for embed in message.embeds:
            titles.append(embed.title or "")
            number = int((embed.title or "").split(".")[0])
            assert embed.url == stories[number - 1].urls[0]
            for url in stories[number - 1].urls:
                assert f"]({url})" in (embed.description or "")
    assert [int(t.split(".")[0]) for t in titles] == list(range(1, 41))
    assert all(t.startswith(f"{n}. Story {n} ") for n, t in enumerate(titles, 1))


def test_one_huge_story_is_trimmed_at_word_ends_to_fit_one_slack_message() -> None:
    messages = slack_messages(digest_of([huge_story()]), heading=HEADING)
    assert len(messages) == 1
    assert_slack_limits(messages[0])
    (text,) = sections(messages[0])
    assert len(text) > 2500  # trimmed to the room, not emptied
    lines = text.splitlines()
    assert lines[0].startswith("*1. <https://outlet0.example/")
    assert sum(line.startswith("• ") for line in lines) == 3
    assert any(line.startswith("> “") and line.endswith("” — *Ann Lee*") for line in lines)
    assert lines[-1] == "_2 outlets · shared 3 times_"
    assert lines[-2].startswith("<https://outlet0.example/")
    assert re.fullmatch(
        r"(<https://outlet\d+\.example/[a-z/]+\|outlet\d+\.example> · )+\+\d+ more", lines[-2]
    )
    assert_whole_words_before_ellipses("\n".join(lines[:-2]), at_least=5)


def test_one_huge_story_is_trimmed_at_word_ends_to_fit_one_discord_embed() -> None:
    messages = discord_messages(digest_of([huge_story()]), heading=HEADING)
    assert len(messages) == 1
    assert_discord_limits(messages[0])
    (embed,) = messages[0].embeds
    assert len(embed.description or "") > 3500
    assert (embed.title or "").endswith(" …")
    assert_whole_words_before_ellipses(embed.title or "", at_least=1)
    lines = (embed.description or "").splitlines()
    assert sum(line.startswith("• ") for line in lines) == 3
    assert any(line.endswith("” — **Ann Lee**") for line in lines)
    assert lines[-1] == "*2 outlets · shared 3 times*"
    assert lines[-2].startswith("[outlet0.example](")
    assert re.fullmatch(r"(\[outlet\d+\.example\]\(https://[a-z0-9./]+\) · )+\+\d+ more", lines[-2])
    assert_whole_words_before_ellipses("\n".join(lines[:-2]), at_least=4)


def test_the_terminal_never_trims() -> None:
    big = huge_story()
    text = render_digest_text(digest_of([big]), heading=HEADING)
    assert "…" not in text
    assert all(url in text for url in big.urls)


# --- empty, and the console text -------------------------------------------------------------


def test_an_empty_digest_is_one_line_under_the_heading() -> None:
    empty = Digest(0, 0, [])
    heading = "Digest preview"
    assert render_digest_text(empty, heading=heading) == f"{heading}\n{EMPTY_DIGEST}"
    assert rich_text(empty, heading).splitlines() == [heading, EMPTY_DIGEST]
    (slack,) = slack_messages(empty, heading=heading)
    assert [b["type"] for b in slack.blocks] == ["header", "section"]
    assert slack_texts(slack) == [heading, EMPTY_DIGEST]
    assert slack.text == f"{heading}\n{EMPTY_DIGEST}"
    (message,) = discord_messages(empty, heading=heading)
    assert message == DiscordMessage(f"**{heading}**\n{EMPTY_DIGEST}", [])
    assert message.as_kwargs() == {"content": message.content, "embeds": []}


def test_the_text_form_reads_like_the_console_channel_shows_it() -> None:
    digest = Digest(
        3,
        2,
        [
            story(
                1,
                headline="Council   votes on the bridge",
                bullets=["The vote passed.", "", "Work starts in May.", "Cost is $4m.", "Unused."],
            ),
            story(
                2,
                headline="",
                quote=StoryQuote("No comment", None),
                urls=["not a url"],
                articles=1,
                shares=1,
            ),
        ],
    )
    assert render_digest_text(digest, heading=HEADING) == "\n".join(
        [
            HEADING,
            "3 articles in 2 stories",
            "",
            "1. Council votes on the bridge",
            "   • The vote passed.",
            "   • Work starts in May.",
            "   • Cost is $4m.",
            "   “We will build it” — Ann Lee",
            "   a.example: https://www.a.example/1",
            "   b.example: https://b.example/1?x=1&y=2",
            "   2 outlets · shared 3 times",
            "",
            "2. Untitled article",
            "   • Story 2 first point.",
            "   • Story 2 second point.",
            "   “No comment” — unattributed",
            "   not a url",
        ]
    )


# --- the shared text helpers -----------------------------------------------------------------


def test_clip_words_prefers_a_sentence_then_a_word_and_never_cuts_mid_word() -> None:
    text = "The first sentence is here. The second one is much longer than the room left."
    assert clip_words(text, 50) == "The first sentence is here. …"
    assert clip_words("alpha, bravo charlie", 12) == "alpha…"  # no dangling comma
    assert clip_words("alpha bravo charlie", 14, spaced=True) == "alpha bravo …"
    assert clip_words("x" * 80, 40) == "…"
    assert clip_words("x" * 80, 40, hard=True) == "x" * 39 + "…"
    # No backslash is left before the mark to escape it.
    assert clip_words("alpha bravo\\ charlie delta", 15) == "alpha bravo…"
    assert clip_words("short", 5) == "short"
    for limit in range(4, len(text)):
        cut = clip_words(text, limit)
        kept = cut.removesuffix("…").rstrip()
        assert len(cut) <= limit and text.startswith(kept)
        assert not kept or text[len(kept) : len(kept) + 1] in (" ", "")


def test_the_room_is_shared_fairly_and_pages_keep_order() -> None:
    assert fair_share([10, 100, 100], 150) == 70
    assert fair_share([10, 20], 100) == 20  # everything fits
    pieces = [("short", lambda n: "x" * n), ("l" * 100, lambda n: "y" * n)]
    assert share_room(pieces, 50) == ["short", "y" * 45]
    assert join_within(["aa", "bb", "cc"], 12) == "aa · bb · cc"
    assert join_within(["aaaaa", "b" * 50, "c"], 20) == "aaaaa · +2 more"  # whole items only
    assert join_within(["aa", "bb", "cc"], 11) == "+3 more"
    assert join_within(["aa"], 1) == ""
    pages = paginate(list(range(7)), lambda page: sum(page) <= 6)
    assert pages == [[0, 1, 2, 3], [4], [5], [6]]
    assert paginate([], lambda page: True) == []


def test_discord_message_is_frozen_data() -> None:
    message = DiscordMessage("hi", [discord.Embed(title="t")])
    with pytest.raises(AttributeError):
        message.content = "changed"  # type: ignore[misc]
