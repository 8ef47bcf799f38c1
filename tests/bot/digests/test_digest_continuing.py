"""A digest marks a story the channel's previous digest told already, and tells it by what is
new since (the made-up story of tests/story.py; the real store, summarizer and clock)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from newsroom import EIGHT, MINUTE, NEWSROOM, T0, Clock, RecordingPoster, daily, share
from story import DEAL, ORCHARD, STRIKE

from bot.adapters.console.digest import render_digest_text
from bot.adapters.discord.digest import digest_messages as discord_digest
from bot.adapters.presentation.stories import CONTINUING
from bot.adapters.slack.digest import digest_messages as slack_digest
from bot.digests import DigestService
from bot.store import Store
from summarizer import Summarizer

DEVELOPMENT = "voted on Thursday to accept a raise of seven percent"


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def service(store: Store, clock: Clock) -> DigestService:
    return DigestService(
        store, now=clock, sleep=clock.sleep, grace=timedelta(hours=2), process_id="test:1"
    )


async def test_a_story_in_the_last_digest_is_told_by_what_is_new(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, STRIKE, "Dock strike", NEWSROOM, T0 + MINUTE)
    poster = RecordingPoster()
    clock.set(EIGHT)
    await service.run_scheduled(schedule.id, EIGHT, poster)
    tomorrow = EIGHT + timedelta(days=1)
    await share(store, summarizer_, clock, DEAL, "Strike ends", NEWSROOM, EIGHT + 5 * MINUTE)
    await share(store, summarizer_, clock, ORCHARD, "Apples", NEWSROOM, EIGHT + 6 * MINUTE)
    clock.set(tomorrow)
    await service.run_scheduled(schedule.id, tomorrow, poster)
    (_, first, _), (_, second, _) = poster.posted
    assert [s.continuing for s in first.stories] == [False]
    by_title = {s.titles[0]: s for s in second.stories}
    strike = by_title["Strike ends"]
    assert strike.continuing
    assert len(strike.bullets) == 1 and DEVELOPMENT in strike.bullets[0]
    assert not set(strike.bullets) & set(first.stories[0].bullets)
    assert strike.quote is not None and strike.quote.text.startswith("This deal shows")
    assert not by_title["Apples"].continuing
    # Every platform says which story continues.
    slack = json.dumps([m.blocks for m in slack_digest(second, heading="Digest")])
    discord = json.dumps(
        [[e.to_dict() for e in m.embeds] for m in discord_digest(second, heading="Digest")]
    )
    text = render_digest_text(second, heading="Digest")
    for shown in (slack, discord, text):
        assert shown.count(CONTINUING) == 1
