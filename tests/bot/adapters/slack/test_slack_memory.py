"""/who and /briefs through the Slack stand-in: articles shared by link in public channels and
a private one, then asked about from several channels and another workspace."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import harbour
import pytest
from slack_standin import SITE_HOST, Bot, SlackStandIn, message, running_bot, until

from bot.service import BriefService

# The articles' links on the site of this test run (a page whose canonical link names
# another site is linked where it was read).
FIRST = SECOND = SECRET = ""


@pytest.fixture
async def bot(slack: SlackStandIn, service: BriefService) -> AsyncIterator[Bot]:
    async with running_bot(slack, service) as running:
        yield running


@pytest.fixture
async def shared(bot: Bot) -> AsyncIterator[Bot]:
    """The bot, once the three articles were shared; their links stand for the site's."""
    async with harbour.harbour_site(SITE_HOST) as site:
        # One after another: "newest first" means the second was shared after the first
        # (shared at once, either could be kept first).
        await bot.event(message(f"{site}/first", channel_type="channel"), event_id="EvA")
        await until(lambda: len(bot.slack.posts()) == 1)
        await bot.event(message(f"{site}/second", ts="2.0", channel_type="channel"), event_id="EvB")
        await until(lambda: len(bot.slack.posts()) == 2)
        secret = message(f"{site}/secret", ts="3.0", channel="GSECRET", channel_type="group")
        await bot.event(secret, event_id="EvC")
        await until(lambda: len(bot.slack.posts()) == 3)
        assert not any(p["text"].startswith("Could not") for p in bot.slack.posts())
        global FIRST, SECOND, SECRET
        FIRST, SECOND, SECRET = (f"{site}/{page}" for page in ("first", "second", "secret"))
        yield bot


async def ask(bot: Bot, command: str, text: str, **where: str) -> dict:
    before = len(bot.slack.hooks())
    status, ack, _ = await bot.command(command, text, **where)
    assert status == 200 and ack.get("text", "") == ""  # acknowledged at once, answer after
    await until(lambda: len(bot.slack.hooks()) > before)
    answer = bot.slack.hooks()[before]
    assert answer["response_type"] == "ephemeral"
    return answer


def shown(answer: dict) -> str:
    return answer["text"] + json.dumps(answer.get("blocks", []), ensure_ascii=False)


async def test_who_lists_a_speakers_quotes_from_both_articles_with_their_links(
    shared: Bot,
) -> None:
    answer = shown(await ask(shared, "/who", "Tom Varga"))
    assert "This council is writing a cheque" in answer
    assert "The numbers keep moving" in answer
    assert f"<{FIRST}|{harbour.FIRST_TITLE}>" in answer
    assert f"<{SECOND}|{harbour.SECOND_TITLE}>" in answer
    assert answer.index("The numbers keep moving") < answer.index("writing a cheque")


async def test_a_role_finds_the_same_person_and_an_unknown_name_gets_suggestions(
    shared: Bot,
) -> None:
    answer = shown(await ask(shared, "/who", "the mayor"))
    assert "Clara Oswin" in answer and "Every month of delay" in answer
    unknown = shown(await ask(shared, "/who", "Clara Oswald"))
    assert "Did you mean: Clara Oswin?" in unknown


async def test_briefs_finds_an_article_by_a_word_of_its_quote(shared: Bot) -> None:
    answer = shown(await ask(shared, "/briefs", harbour.SECOND_QUOTE_WORD))
    assert f"<{SECOND}|" in answer and FIRST not in answer


async def test_a_private_channels_article_is_only_shown_back_there(shared: Bot) -> None:
    word = harbour.SECRET_QUOTE_WORD
    assert SECRET not in shown(await ask(shared, "/briefs", word))
    assert SECRET not in shown(await ask(shared, "/who", "Clara Oswin"))
    there = shown(await ask(shared, "/briefs", word, channel="GSECRET"))
    assert SECRET in there
    assert SECRET in shown(await ask(shared, "/who", "Clara Oswin", channel="GSECRET"))


async def test_nothing_crosses_workspaces(shared: Bot) -> None:
    answer = shown(await ask(shared, "/who", "Tom Varga", team="T2"))
    assert FIRST not in answer and "No one called" in answer


async def test_who_and_briefs_without_words_say_how_to_ask(bot: Bot) -> None:
    _, ack, _ = await bot.command("/who", " ")
    assert ack["text"].startswith("/who whom?")
    _, ack, _ = await bot.command("/briefs", "")
    assert ack["text"].startswith("/briefs what?")
