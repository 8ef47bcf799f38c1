"""A newsroom to test digests in: its channels and articles, a clock the tests move by
hand, and a recording poster standing in for Slack or Discord (for the digest and schedule
tests)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.channels import ChannelRef
from bot.service import BriefService, Origin
from bot.store import Store
from bot.store.records import DigestSchedule
from summarizer import Digest, Summarizer

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday, 07:00 UTC
EIGHT = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # the first scheduled digest
MINUTE = timedelta(minutes=1)
NEWSROOM = ChannelRef("slack", "C-NEWS", "T1")
WORLD = ChannelRef("slack", "C-WORLD", "T1")
SPORT = ChannelRef("slack", "C-SPORT", "T1")
ELSEWHERE = ChannelRef("slack", "C-NEWS", "T2")  # same channel id, another workspace

BRIDGE = (
    "The city council voted on Tuesday to close the Elm Street bridge for repairs. "
    "“It is not safe for traffic any more,” said Mayor Jane Doe, who has argued for the work "
    "since 2019. Engineers found cracks in two of the bridge's steel beams last month. "
    "Traffic will be diverted along the river road until the summer, and buses will run every "
    "ten minutes while the work goes on."
)
FLOOD = (
    "Heavy rain flooded the lower town on Wednesday night, and firefighters rescued twelve "
    "people from their cars. “We have never seen water rise so fast,” said fire chief Tom "
    "Baker. The river reached its highest level in forty years. Schools in the valley will stay "
    "closed on Thursday while crews clear the roads and check the bridges for damage."
)
LIBRARY = (
    "The central library will open on Sundays from next month, the county announced on "
    "Friday. “Readers have asked for this for years,” said head librarian Maria Lopez. The "
    "longer hours are paid for by a grant from a local foundation. The library will also lend "
    "laptops and run free coding classes for teenagers on Sunday afternoons."
)
MARKET = (
    "Farmers at the Saturday market say sales of apples doubled this autumn after a warm "
    "summer. “It was the best harvest I can remember,” said grower Peter Novak, who has sold at "
    "the market for thirty years. The market will stay open through December, and a new "
    "covered hall is planned for next spring on the old bus station site."
)


class Clock:
    """The injected time: `now()` reads it, `sleep()` records the wait and moves it on."""

    def __init__(self, start: datetime) -> None:
        self.at = start
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.at

    def set(self, moment: datetime) -> None:
        self.at = moment

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += timedelta(seconds=seconds)


@dataclass
class RecordingPoster:
    """A chat platform that records what it was asked to post, failing first with `failures`."""

    failures: list[Exception] = field(default_factory=list)
    posted: list[tuple[ChannelRef, Digest, str]] = field(default_factory=list)
    calls: int = 0
    skips: list[int] = field(default_factory=list)

    async def post_digest(
        self, target: ChannelRef, digest: Digest, *, heading: str, skip: int = 0
    ) -> str | None:
        self.calls += 1
        self.skips.append(skip)
        await asyncio.sleep(0)  # a real platform call gives the loop a turn
        if self.failures:
            raise self.failures.pop(0)
        self.posted.append((target, digest, heading))
        return f"message-{len(self.posted)}"


@dataclass
class SlowPoster(RecordingPoster):
    """A platform whose call takes long enough for people to do something meanwhile."""

    meanwhile: Callable[[], Awaitable[object]] | None = None

    async def post_digest(
        self, target: ChannelRef, digest: Digest, *, heading: str, skip: int = 0
    ) -> str | None:
        if self.meanwhile is not None:
            await self.meanwhile()
        return await super().post_digest(target, digest, heading=heading, skip=skip)


def titles(digest: Digest) -> set[str]:
    return {title for story in digest.stories for title in story.titles}


async def share(
    store: Store,
    summarizer: Summarizer,
    clock: Clock,
    text: str,
    title: str,
    where: ChannelRef,
    at: datetime,
) -> int:
    """Paste the article into the channel at `at`, as a person would: stored, briefed, posted."""
    clock.set(at)
    briefs = BriefService(summarizer, store, now=clock)
    origin = Origin(where.platform, where.channel, where.workspace, user_id="U-REPORTER")
    done = await briefs.brief_text(text, title=title, origin=origin)
    return done.article_id


async def daily(
    store: Store, target: ChannelRef, *, at: datetime, quiet: bool = False, hour: int = 8
) -> DigestSchedule:
    return await store.set_digest_schedule(
        target,
        hour=hour,
        minute=0,
        timezone="UTC",
        weekdays=range(7),
        quiet=quiet,
        updated_at=at,
    )
