"""Console renderers: untrusted article text is shown as written, never as markup."""

from __future__ import annotations

import io

from rich.console import Console

from bot.adapters.console.render import md_escape, render_markdown, render_rich
from bot.adapters.presentation.briefs import MAX_ACTORS, MAX_QUOTES
from summarizer import Actor, Brief, Bullet, Position, Quote


def make_brief(**changes: object) -> Brief:
    fields: dict[str, object] = {
        "title": "Strikes [bold]hit[/bold] *the* border",
        "url": "https://news.example/a?x=[red]1",
        "byline": "Jane Reporter",
        "published": "2024-08-25",
        "word_count": 523,
        "reading_minutes": 2.5,
        "bullets": [
            Bullet("Israel said it struck [link=https://evil.example]here[/link] first.", 0),
            Bullet("# Not a heading, **not bold** and [a](https://evil.example) no link.", 3),
        ],
        "quotes": [
            Quote(
                "This is [blink]not[/blink] the end",
                10,
                28,
                "Benjamin Netanyahu",
                "Israeli Prime Minister",
                "said",
                1,
            ),
            Quote("We will respond,", 40, 56, None, None, None, 5),
        ],
        "actors": [
            Actor(
                "Benjamin Netanyahu",
                "person",
                "Israeli Prime Minister",
                ["Netanyahu"],
                4,
                [
                    Position("Israel will keep striking", "insists", 16, False),
                    Position("not the end of the story", "said", 1, True),
                    Position("third position", "warns", 20, False),
                ],
            ),
            Actor("Hezbollah", "organization", None, [], 3, []),
        ],
        "notices": ["Only the first 5000 words were read."],
    }
    fields.update(changes)
    return Brief(**fields)  # type: ignore[arg-type]


def rich_text(brief: Brief, width: int = 200) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, highlight=False).print(render_rich(brief))
    return out.getvalue()


def test_rich_shows_markup_in_article_text_literally() -> None:
    text = rich_text(make_brief())
    assert "Strikes [bold]hit[/bold] *the* border" in text
    assert "[link=https://evil.example]here[/link]" in text
    assert "This is [blink]not[/blink] the end" in text
    assert "https://news.example/a?x=[red]1" in text


def test_rich_escape_survives_backslashes_and_emoji_codes() -> None:
    brief = make_brief(title="C:\\path\\[bold]x :smile: end\\", bullets=[Bullet("ok \\", 0)])
    text = rich_text(brief)
    assert "C:\\path\\[bold]x :smile: end\\" in text
    assert "ok \\" in text


def test_rich_shows_source_notices_bullets_quotes_and_actors() -> None:
    text = rich_text(make_brief())
    assert "news.example · by Jane Reporter · 25 August 2024 · 523 words, 2.5 min read" in text
    assert "Note: Only the first 5000 words were read." in text
    assert "1. Israel said it struck" in text and "2. # Not a heading" in text
    assert "“This is [blink]not[/blink] the end” — Benjamin Netanyahu (Israeli Prime Minister)" in (
        text
    )
    assert "“We will respond” — unattributed" in text
    assert "Benjamin Netanyahu Israeli Prime Minister · 4 mentions" in text
    assert "Israel will keep striking (insists)" in text
    assert "“not the end of the story”" in text and "(said)" not in text  # no cue that says nothing
    assert "third position" not in text  # at most two positions per actor
    assert "Hezbollah organization · 3 mentions" in text


def test_the_site_name_a_human_date_and_each_quotation_once() -> None:
    said = Position("This is [blink]not[/blink] the end,", "said", 1, True)  # a key quote too
    netanyahu = Actor("Benjamin Netanyahu", "person", None, [], 4, [said])
    brief = make_brief(
        site="The Daily Example", published="2024-08-05T09:30:00+02:00", actors=[netanyahu]
    )
    for text in (rich_text(brief), render_markdown(brief)):
        assert "The Daily Example" in text and "5 August 2024" in text
        assert "news.example ·" not in text and "T09:30" not in text
        assert text.count("the end") == 1  # under Key quotes, not again under Who's who


def test_renderers_cap_quotes_and_actors() -> None:
    quotes = [
        Quote(f"quote number {i:02d}", 0, 5, f"Speaker {i}", None, "said", i) for i in range(9)
    ]
    actors = [Actor(f"Actor {i:02d}", "person", None, [], 1, []) for i in range(9)]
    brief = make_brief(quotes=quotes, actors=actors)
    for text in (rich_text(brief), render_markdown(brief)):
        shown_quotes = [i for i in range(9) if f"quote number {i:02d}" in text]
        shown_actors = [i for i in range(9) if f"Actor {i:02d}" in text]
        assert shown_quotes == list(range(MAX_QUOTES))  # the first ones: most important first
        assert shown_actors == list(range(MAX_ACTORS))


def test_markdown_escapes_article_text() -> None:
    md = render_markdown(make_brief())
    assert md.startswith("# Strikes \\[bold\\]hit\\[/bold\\] \\*the\\* border\n")
    assert "2. \\# Not a heading, \\*\\*not bold\\*\\* and \\[a\\](https://evil.example)" in md
    assert "[a](https://evil.example)" not in md
    assert "**not bold**" not in md


def test_markdown_shows_quotes_with_speakers_and_notices() -> None:
    md = render_markdown(make_brief())
    assert "> **Note:** Only the first 5000 words were read." in md
    assert (
        "- “This is \\[blink\\]not\\[/blink\\] the end” — **Benjamin Netanyahu** (Israeli Prime"
        " Minister)\n" in md
    )
    assert "- “We will respond” — _unattributed_" in md
    assert "- **Benjamin Netanyahu** (Israeli Prime Minister · 4 mentions)" in md
    assert "  - Israel will keep striking (insists)" in md
    assert "third position" not in md


def test_md_escape_neutralises_line_start_and_inline_syntax() -> None:
    assert md_escape("1. first") == "1\\. first"
    assert md_escape("- item") == "\\- item"
    assert md_escape("<script>&amp;") == "\\<script\\>\\&amp;"
    assert md_escape("a_b `c` ~d~ e|f") == "a\\_b \\`c\\` \\~d\\~ e\\|f"
    assert md_escape("two\nlines") == "two lines"
    assert md_escape("all-out war. Mr. Smith") == "all-out war. Mr. Smith"


def test_empty_brief_renders_without_sections() -> None:
    brief = make_brief(title=None, bullets=[], quotes=[], actors=[], notices=[])
    text, md = rich_text(brief), render_markdown(brief)
    assert "Untitled article" in text and md.startswith("# Untitled article")
    for heading in ("Summary", "Key quotes", "Who's who", "Note:"):
        assert heading not in text and heading not in md
