"""What's new through the brief service, on the real store (SQLite, and PostgreSQL when
BRIEFBOT_TEST_DATABASE_URL is set): the made-up story of tests/story.py shared in channels of
one workspace, public and private, and in another workspace. The clock is injected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from newsroom import NEWSROOM, T0, WORLD, Clock
from story import DEAL, ORCHARD, STRIKE

from bot.service import BriefService, Origin
from bot.store import Store
from summarizer import Summarizer

NEW_DEVELOPMENT = "voted on Thursday to accept a raise of seven percent"
NEW_QUOTE = "This deal shows what dock workers can win when they stand together,"
HOUR = timedelta(hours=1)


def origin(channel: str, workspace: str = "T1", *, private: bool = False) -> Origin:
    return Origin("slack", channel, workspace, user_id="U1", private=private)


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def service(summarizer_: Summarizer, store: Store, clock: Clock) -> BriefService:
    return BriefService(summarizer_, store, now=clock)


async def test_a_later_article_leads_with_its_development_and_quote(
    service: BriefService, clock: Clock
) -> None:
    first = await service.brief_text(STRIKE, title="Dock workers strike", origin=origin("C-NEWS"))
    assert first.brief.whats_new is None  # the story's first article
    clock.set(T0 + 3 * 24 * HOUR)
    await service.brief_text(ORCHARD, title="Apple harvest", origin=origin("C-NEWS"))
    later = await service.brief_text(DEAL, title="Strike ends", origin=origin("C-WORLD"))
    new = later.brief.whats_new
    assert new is not None
    assert new.since.title == "Dock workers strike"
    assert new.since.shared_at == T0.isoformat()
    assert [s.text for s in new.sentences] == [
        next(b.text for b in later.brief.bullets if NEW_DEVELOPMENT in b.text)
    ]
    assert [q.text for q in new.quotes] == [NEW_QUOTE]
    told = {b.text for b in first.brief.bullets} | {q.text for q in first.brief.quotes}
    assert not told & ({s.text for s in new.sentences} | {q.text for q in new.quotes})
    # What's new depends on where the brief is shared: it is never stored with it.
    again = await service.brief_text(DEAL, title="Strike ends")
    assert again.brief.whats_new is None


async def test_nothing_new_is_said(service: BriefService, clock: Clock) -> None:
    await service.brief_text(DEAL, title="Strike ends", origin=origin("C-NEWS"))
    clock.set(T0 + HOUR)
    shorter = DEAL.rsplit("\n\n", 1)[0]  # another outlet's cut of the same report
    later = await service.brief_text(shorter, title="Strike over", origin=origin("C-NEWS"))
    new = later.brief.whats_new
    assert new is not None and new.nothing


async def test_a_private_channels_article_feeds_only_that_channel(
    service: BriefService, clock: Clock
) -> None:
    await service.brief_text(STRIKE, origin=origin("C-SECRET", private=True))
    clock.set(T0 + HOUR)
    elsewhere = await service.brief_text(DEAL, origin=origin(WORLD.channel))
    assert elsewhere.brief.whats_new is None
    clock.set(T0 + 2 * HOUR)
    also = await service.brief_text(DEAL, origin=origin("C-OTHER-SECRET", private=True))
    assert also.brief.whats_new is None


async def test_the_private_article_is_compared_in_its_own_channel(
    service: BriefService, clock: Clock
) -> None:
    await service.brief_text(STRIKE, origin=origin("C-SECRET", private=True))
    clock.set(T0 + HOUR)
    there = await service.brief_text(DEAL, origin=origin("C-SECRET", private=True))
    assert there.brief.whats_new is not None
    assert [q.text for q in there.brief.whats_new.quotes] == [NEW_QUOTE]


async def test_nothing_crosses_workspaces_or_the_window(
    service: BriefService, clock: Clock
) -> None:
    await service.brief_text(STRIKE, origin=origin(NEWSROOM.channel, "T1"))
    clock.set(T0 + HOUR)
    other = await service.brief_text(DEAL, origin=origin(NEWSROOM.channel, "T2"))
    assert other.brief.whats_new is None
    clock.set(T0 + 8 * 24 * HOUR)  # past the default window of 7 days
    late = await service.brief_text(DEAL, origin=origin(WORLD.channel, "T1"))
    assert late.brief.whats_new is None


async def test_a_window_of_0_turns_it_off(
    summarizer_: Summarizer, store: Store, clock: Clock
) -> None:
    service = BriefService(summarizer_, store, now=clock, story_window=timedelta(0))
    await service.brief_text(STRIKE, origin=origin("C-NEWS"))
    clock.set(T0 + HOUR)
    later = await service.brief_text(DEAL, origin=origin("C-NEWS"))
    assert later.brief.whats_new is None
