"""The presentation every platform shares: one rule each for how much a brief shows and in which
words, checked on its own and through the Slack, Discord and terminal renderers together."""

from __future__ import annotations

import json
from dataclasses import replace

from bot.adapters.console import chat
from bot.adapters.console.digest import render_digest_text
from bot.adapters.console.render import render_markdown
from bot.adapters.discord import requests as discord_requests
from bot.adapters.discord.digest import digest_messages as discord_digest
from bot.adapters.discord.render import HELP as discord_help
from bot.adapters.discord.render import problem_line
from bot.adapters.discord.render import render_brief as discord_brief
from bot.adapters.presentation.briefs import (
    MAX_ACTORS,
    MAX_POSITIONS,
    MAX_QUOTES,
    UNTITLED,
    actor_detail,
    could_not_brief,
    cue_shown,
    mentions_of,
    position_text,
    source_facts,
    title_of,
)
from bot.adapters.presentation.help import (
    HELP_FACTS,
    auto_brief_reply,
    auto_brief_state,
    help_facts,
)
from bot.adapters.presentation.stories import (
    StoryLink,
    StoryMarkup,
    StorySaid,
    part_of,
    story_body,
    story_view,
)
from bot.adapters.presentation.text import clip_words
from bot.adapters.slack import app as slack_app
from bot.adapters.slack.digest import digest_messages as slack_digest
from bot.adapters.slack.render import render_brief as slack_brief
from bot.adapters.slack.render import render_help, render_problem
from bot.service import MAX_LINKS, MIN_PASTED_WORDS
from summarizer import Actor, Brief, Bullet, Digest, Position, Quote, Story, StoryQuote


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
        assert "25 August 2024" in text and "T10:00" not in text, platform
        assert "(said)" not in text and "_(said)_" not in text, platform
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


# --- a digest's stories ----------------------------------------------------------------------


def story(**changes: object) -> Story:
    fields: dict[str, object] = {
        "headline": "Council votes\non the bridge",
        "bullets": ["One.", " ", "Two.", "Three.", "Four."],
        "quote": StoryQuote("We will build it,", " \n "),
        "urls": ["https://www.a.example/1", "mailto:desk@b.example"],
        "titles": ["Council votes"],
        "articles": 2,
        "shares": 1,
    }
    fields.update(changes)
    return Story(**fields)  # type: ignore[arg-type]


def test_a_story_is_the_same_pieces_on_every_platform() -> None:
    view = story_view(4, story())
    assert (view.number, view.headline) == (4, "Council votes on the bridge")
    assert view.url == "https://www.a.example/1"
    assert view.bullets == ("One.", "Two.", "Three.")  # blank ones skipped, then the first three
    assert view.quote == StorySaid("We will build it", None)  # no name: unattributed
    assert view.links == (
        StoryLink("https://www.a.example/1", "a.example"),
        StoryLink("mailto:desk@b.example", "mailto:desk@b.example"),  # no site: the address
    )
    assert view.reach == "2 outlets"
    assert story_view(1, story(headline=" ")).headline == UNTITLED
    assert (part_of(1, 1), part_of(2, 3)) == (None, "part 2 of 3")


def test_every_platform_shows_a_digest_story_in_the_same_words() -> None:
    digest = Digest(article_count=2, story_count=1, stories=[story(headline="")])
    shown = {
        "slack": json.dumps(slack_digest(digest, heading="D")[0].blocks, ensure_ascii=False),
        "discord": json.dumps(
            [e.to_dict() for e in discord_digest(digest, heading="D")[0].embeds],
            ensure_ascii=False,
        ),
        "console": render_digest_text(digest, heading="D"),
    }
    for platform, text in shown.items():
        assert UNTITLED in text, platform
        assert "unattributed" in text and "mailto:desk@b.example" in text, platform
        assert "2 outlets" in text and "Four." not in text, platform
    assert "|link>" not in shown["slack"]


def test_a_story_body_keeps_markup_whole_and_shares_the_room() -> None:
    markup = StoryMarkup(
        text=lambda text, limit: clip_words(text, limit),
        bold=lambda text: f"<b>{text}</b>",
        italic=lambda text: f"<i>{text}</i>",
        link=lambda link: f"<a>{link.label}</a>",
        quote_mark="| ",
        bullet_limit=60,
        room=300,
    )
    long = " ".join(["word"] * 40) + "."
    view = story_view(1, story(bullets=[long, long], quote=StoryQuote(long, "Ann Lee")))
    body = story_body(view, markup, head=["HEAD"])
    lines = body.split("\n")
    assert len(body) <= 300
    assert lines[0] == "HEAD" and lines[-1] == "<i>2 outlets</i>"
    # Short pieces keep all their text (the bullets at their own limit); the long quote is cut
    # to what is left, its markup whole.
    assert lines[1] == lines[2] == "• " + clip_words(long, 60)
    assert lines[3].startswith("| “word") and lines[3].endswith("…” — <b>Ann Lee</b>")
    assert lines[4] == "<a>a.example</a> · <a>mailto:desk@b.example</a>"
    assert len(story_body(view, markup, head=["HEAD"] * 5)) <= 300  # a longer head: still fits
    roomy = story_body(view, replace(markup, room=10_000)).split("\n")
    assert roomy[2].startswith("| “" + long)  # with room to spare, the whole quote


# --- what the bot says about itself -----------------------------------------------------------


def test_the_help_facts_follow_the_services_numbers() -> None:
    facts = help_facts(min_words=80, max_links=3)
    assert facts.enough_words == "80 words or more"
    assert "(up to 3 per message)" in facts.paste and "(80 words or more)" in facts.paste
    assert f"(up to {MAX_LINKS} per message)" in HELP_FACTS.paste
    assert HELP_FACTS.enough_words == f"{MIN_PASTED_WORDS} words or more"


def test_every_help_text_says_the_same_facts() -> None:
    helps = {
        "slack": render_help().text,
        "discord": discord_help,
        "console": chat.HELP,
    }
    for platform, text in helps.items():
        assert HELP_FACTS.about in text, platform
        assert HELP_FACTS.paste in text, platform
        assert HELP_FACTS.digest_help in text and HELP_FACTS.digest_help_says in text, platform
        assert f"{MIN_PASTED_WORDS}+" not in text, platform  # one way to say it
    for hint in (slack_app.MENTION_HINT, discord_requests.NOTHING_TO_BRIEF, chat.NOTHING_TO_BRIEF):
        assert HELP_FACTS.enough_words in hint


def test_auto_brief_is_answered_in_one_wording() -> None:
    on = auto_brief_reply(True, asked_by="/brief")
    assert on == auto_brief_reply(True, asked_by="`/brief` or a mention")
    assert on.startswith("Auto-brief is on: ")
    off = auto_brief_reply(False, asked_by="`/brief` or a mention")
    assert off == "Auto-brief is off: in this channel I brief only on `/brief` or a mention."
    assert auto_brief_state(False) == "Auto-brief is off in this channel."
    assert auto_brief_state(True) == "Auto-brief is on in this channel."


def test_a_position_shows_its_cue_unless_a_name_labels_it_on_every_platform() -> None:
    insists = Position("the vote will wait", "insists", 0, False)
    labelled = Position("the vote will wait", "", 0, False)  # "Roe: the vote will wait"
    assert cue_shown(insists, str.upper) == " (INSISTS)"
    assert cue_shown(insists, str, "_({})_") == " _(insists)_"
    assert cue_shown(labelled, str.upper) == ""
    opens = Position("accuses the mayor of delay", "accuses", 0, False)
    assert cue_shown(opens, str.upper) == ""  # the text says it already
    actor = Actor("Jane Roe", "person", None, [], 2, [labelled])
    for platform, text in shown_on_every_platform(brief(actors=[actor])).items():
        assert "the vote will wait" in text, platform
        assert "()" not in text, platform
