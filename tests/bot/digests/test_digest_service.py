"""The digest use cases (bot.digests.DigestService) on a real store (SQLite always, PostgreSQL
when BRIEFBOT_TEST_DATABASE_URL is set) with real briefs made by the real summarizer from
articles written here.

Time is a fake clock; the injected sleep only moves it on. The chat platform is a small
recording poster implementing the DigestPoster protocol: it stands in for Slack or Discord.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from databases import Backend
from newsroom import (
    BRIDGE,
    EIGHT,
    ELSEWHERE,
    FLOOD,
    LIBRARY,
    MARKET,
    MINUTE,
    NEWSROOM,
    SPORT,
    T0,
    WORLD,
    Clock,
    RecordingPoster,
    SlowPoster,
    daily,
    share,
    titles,
)

from bot.digests import CHANGED, STOPPED, DigestReply, DigestService
from bot.digests.commands import (
    CommandError,
    DigestHelp,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestPreview,
    DigestSources,
    DigestStatus,
)
from bot.digests.posting import DigestPoster, PermanentPostError, RetryablePostError
from bot.store import Store
from summarizer import Summarizer


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def service(store: Store, clock: Clock) -> DigestService:
    return DigestService(
        store, now=clock, sleep=clock.sleep, grace=timedelta(hours=2), process_id="test:1"
    )


def test_the_poster_used_here_is_a_digest_poster() -> None:
    assert isinstance(RecordingPoster(), DigestPoster)


# Building


async def test_build_covers_the_channel_and_its_sources_in_the_period_only(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    m = MINUTE
    await share(store, summarizer_, clock, MARKET, "Apple harvest", NEWSROOM, T0 - 30 * m)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + m)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + 2 * m)
    await share(store, summarizer_, clock, FLOOD, "Town floods", WORLD, T0 + 3 * m)
    await share(store, summarizer_, clock, LIBRARY, "Library opens Sundays", SPORT, T0 + 4 * m)
    await share(store, summarizer_, clock, LIBRARY, "Library opens Sundays", ELSEWHERE, T0 + m)
    await share(store, summarizer_, clock, MARKET, "Apple harvest", NEWSROOM, T0 + 90 * m)

    alone = await service.build(NEWSROOM, since=T0, until=T0 + 60 * m)
    assert titles(alone) == {"Bridge closes"}
    assert alone.article_count == 1
    (story,) = alone.stories
    assert story.shares == 2 and story.articles == 1  # shared twice, one article
    assert story.quote is not None and story.quote.speaker == "Jane Doe"
    assert any("Elm Street bridge" in bullet for bullet in story.bullets)

    await store.add_digest_source(NEWSROOM, WORLD.channel, added_at=T0)
    folded = await service.build(NEWSROOM, since=T0, until=T0 + 60 * m)
    assert titles(folded) == {"Bridge closes", "Town floods"}
    assert folded.article_count == 2 and folded.story_count == 2
    # The same digest from the same store: deterministic.
    again = await service.build(NEWSROOM, since=T0, until=T0 + 60 * m)
    assert again.to_json() == folded.to_json()


# Scheduled runs


async def test_a_scheduled_run_posts_once_and_records_what_it_held(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    await share(store, summarizer_, clock, FLOOD, "Town floods", NEWSROOM, T0 + 2 * MINUTE)
    poster = RecordingPoster()
    clock.set(EIGHT)

    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert run is not None
    assert (run.status, run.article_count, run.story_count) == ("posted", 2, 2)
    # A channel's first digest looks back to a day before the schedule was set.
    assert run.scheduled_for == EIGHT and run.since == T0 - timedelta(days=1)
    assert run.claimed_by == "test:1" and run.attempts == 0 and run.finished_at == EIGHT
    ((target, digest, heading),) = poster.posted
    assert target == NEWSROOM and heading == "Digest · Monday 2 March"
    assert titles(digest) == {"Bridge closes", "Town floods"}

    assert await service.run_scheduled(schedule.id, EIGHT, poster) is None  # claimed already
    assert poster.calls == 1


async def test_a_restarted_service_on_the_same_database_does_not_post_again(
    backend: Backend, summarizer_: Summarizer, clock: Clock
) -> None:
    first_store = await backend.open()
    try:
        schedule = await daily(first_store, NEWSROOM, at=T0)
        await share(first_store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
        clock.set(EIGHT)
        poster = RecordingPoster()
        first = DigestService(first_store, now=clock, sleep=clock.sleep, process_id="life:1")
        assert await first.run_scheduled(schedule.id, EIGHT, poster) is not None
    finally:
        await first_store.close()
    second_store = await backend.open()
    try:
        clock.set(EIGHT + timedelta(minutes=3))
        second = DigestService(second_store, now=clock, sleep=clock.sleep, process_id="life:2")
        assert await second.run_scheduled(schedule.id, EIGHT, poster) is None
        run = await second_store.digest_run(NEWSROOM, EIGHT)
        assert run is not None and run.status == "posted" and run.claimed_by == "life:1"
    finally:
        await second_store.close()
    assert len(poster.posted) == 1


async def test_the_next_digest_covers_what_came_after_the_last_one(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    poster = RecordingPoster()
    clock.set(EIGHT)
    await service.run_scheduled(schedule.id, EIGHT, poster)
    tomorrow = EIGHT + timedelta(days=1)
    await share(store, summarizer_, clock, FLOOD, "Town floods", NEWSROOM, EIGHT + 5 * MINUTE)
    clock.set(tomorrow)
    run = await service.run_scheduled(schedule.id, tomorrow, poster)
    assert run is not None and run.since == EIGHT
    assert [titles(digest) for _, digest, _ in poster.posted] == [
        {"Bridge closes"},
        {"Town floods"},
    ]


async def test_a_429_then_success_posts_once_and_records_the_attempt(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    poster = RecordingPoster(failures=[RetryablePostError("rate limited (429)", retry_after=30)])
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert poster.calls == 2 and len(poster.posted) == 1
    assert clock.slept == [30]  # what the platform asked, being more than the first 5 s
    assert run is not None and run.status == "posted" and run.article_count == 1
    assert run.attempts == 1 and run.detail == "rate limited (429)"
    assert run.last_attempt_at == EIGHT and run.finished_at == EIGHT + timedelta(seconds=30)


async def test_a_retry_after_a_partial_post_leaves_out_what_went_out(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    cut_short = RetryablePostError("rate limited (429)", retry_after=1, posted=2)
    poster = RecordingPoster(failures=[cut_short, RetryablePostError("network down")])
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert run is not None and run.status == "posted" and run.attempts == 2
    assert poster.skips == [0, 2, 2]  # the two messages that went out are never posted again


async def test_retries_back_off_and_stop_at_the_end_of_the_grace_window(
    store: Store, summarizer_: Summarizer, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    service = DigestService(store, now=clock, sleep=clock.sleep, grace=timedelta(minutes=10))
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    poster = RecordingPoster(failures=[RetryablePostError("network down") for _ in range(20)])
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    # 5 s, 15 s, 45 s, 135 s; the next wait (405 s) would end past 08:10, so it stops there.
    assert clock.slept == [5, 15, 45, 135]
    assert poster.calls == 5 and poster.posted == []
    assert run is not None and run.status == "failed" and run.attempts == 5
    assert run.detail == "gave up after 5 attempts: network down"
    still = await store.digest_schedule(NEWSROOM)
    assert still is not None and still.enabled  # a passing trouble does not turn it off
    assert "Gave up posting the digest to slack:T1/C-NEWS after 5 attempts" in caplog.text


async def test_a_channel_that_is_gone_turns_the_schedule_off_without_retrying(
    service: DigestService,
    store: Store,
    summarizer_: Summarizer,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    changed: list[int] = []

    async def heard(schedule_id: int) -> None:
        changed.append(schedule_id)

    service.add_listener(heard)
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    poster = RecordingPoster(failures=[PermanentPostError("channel_not_found")])
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert poster.calls == 1 and clock.slept == []
    assert run is not None and run.status == "failed" and run.detail == "channel_not_found"
    off = await store.digest_schedule(NEWSROOM)
    assert off is not None and not off.enabled and off.disabled_reason == "channel_not_found"
    assert changed == [schedule.id]
    assert "Turned off the digest for slack:T1/C-NEWS" in caplog.text
    status = await service.handle(NEWSROOM, DigestStatus())
    assert status.text is not None and "could not be posted: channel_not_found" in status.text
    assert await service.run_scheduled(schedule.id, EIGHT + timedelta(days=1), poster) is None


async def test_an_unexpected_posting_error_fails_the_run_but_keeps_the_schedule(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    poster = RecordingPoster(failures=[RuntimeError("renderer bug")])
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert run is not None and run.status == "failed" and run.detail == "renderer bug"
    assert poster.calls == 1
    kept = await store.digest_schedule(NEWSROOM)
    assert kept is not None and kept.enabled


@pytest.mark.parametrize("quiet", [True, False])
async def test_an_empty_period_posts_one_line_or_nothing_when_quiet(
    service: DigestService, store: Store, clock: Clock, quiet: bool
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0, quiet=quiet)
    poster = RecordingPoster()
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert run is not None and run.status == "empty"
    assert (run.article_count, run.story_count) == (0, 0)
    if quiet:
        assert poster.calls == 0
    else:
        ((_, digest, _heading),) = poster.posted
        assert digest.empty


async def test_a_schedule_that_is_off_claims_nothing(
    service: DigestService, store: Store, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    await store.disable_digest_schedule(NEWSROOM, reason=None, updated_at=T0)
    clock.set(EIGHT)
    assert await service.run_scheduled(schedule.id, EIGHT, RecordingPoster()) is None
    assert await store.digest_run(NEWSROOM, EIGHT) is None


async def test_stopping_while_retrying_leaves_the_run_failed_with_why(
    store: Store, clock: Clock
) -> None:
    stop = asyncio.Event()

    async def sleep_until_stopped(seconds: float) -> None:
        stop.set()
        await asyncio.Event().wait()  # never set: only cancelling ends it

    service = DigestService(store, now=clock, sleep=sleep_until_stopped)
    schedule = await daily(store, NEWSROOM, at=T0)
    poster = RecordingPoster(failures=[RetryablePostError("502 from the platform")])
    clock.set(EIGHT)
    task = asyncio.create_task(service.run_scheduled(schedule.id, EIGHT, poster))
    await stop.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    run = await store.digest_run(NEWSROOM, EIGHT)
    assert run is not None and run.status == "failed" and run.detail == STOPPED
    assert run.attempts == 1


@pytest.mark.parametrize("command", ["off", "on 09:00", "on 08:00 quiet"])
async def test_turning_off_or_changing_the_digest_while_it_is_retried_stops_the_retries(
    store: Store, summarizer_: Summarizer, clock: Clock, command: str
) -> None:
    people = DigestService(store, now=clock, sleep=clock.sleep, process_id="people")

    async def wait_while_someone_types(seconds: float) -> None:
        await clock.sleep(seconds)
        await people.handle_text(NEWSROOM, command, user="U-EDITOR")

    service = DigestService(store, now=clock, sleep=wait_while_someone_types, process_id="bot")
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    poster = RecordingPoster(failures=[RetryablePostError("rate limited (429)", retry_after=30)])
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert poster.calls == 1 and poster.posted == []  # the retry was not made
    assert run is not None and run.status == "skipped" and run.detail == CHANGED
    assert run.attempts == 1 and run.finished_at == EIGHT + timedelta(seconds=30)
    now = await store.digest_schedule(NEWSROOM)
    assert now is not None and now.disabled_reason is None
    assert now.enabled == command.startswith("on")


async def test_a_retry_made_with_the_schedule_unchanged_still_posts(
    store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    people = DigestService(store, now=clock, process_id="people")

    async def wait_while_someone_asks(seconds: float) -> None:
        await clock.sleep(seconds)
        await people.handle_text(NEWSROOM, "status")  # reading it changes nothing

    service = DigestService(store, now=clock, sleep=wait_while_someone_asks, process_id="bot")
    schedule = await daily(store, NEWSROOM, at=T0)
    poster = RecordingPoster(failures=[RetryablePostError("network down")])
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert run is not None and run.status == "empty" and poster.calls == 2


@pytest.mark.parametrize("command", ["on 09:00", "off"])
async def test_a_permanent_failure_leaves_a_schedule_set_again_meanwhile_as_it_is(
    store: Store,
    summarizer_: Summarizer,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
    command: str,
) -> None:
    """The bot was removed; while the post that finds out is under way, someone puts it back
    and sets the digest again (or turns it off): that choice stands."""
    people = DigestService(store, now=clock, process_id="people")
    service = DigestService(store, now=clock, sleep=clock.sleep, process_id="bot")
    changed: list[int] = []

    async def heard(schedule_id: int) -> None:
        changed.append(schedule_id)

    service.add_listener(heard)
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)

    async def set_again() -> None:
        clock.set(clock() + MINUTE)
        await people.handle_text(NEWSROOM, command, user="U-EDITOR")

    poster = SlowPoster(failures=[PermanentPostError("not_in_channel")], meanwhile=set_again)
    clock.set(EIGHT)
    run = await service.run_scheduled(schedule.id, EIGHT, poster)
    assert run is not None and run.status == "failed" and run.detail == "not_in_channel"
    kept = await store.digest_schedule(NEWSROOM)
    assert kept is not None and kept.disabled_reason is None
    assert kept.enabled == (command == "on 09:00") and kept.updated_at == EIGHT + MINUTE
    assert changed == []  # the service changed nothing, so the scheduler has nothing to hear
    assert "Turned off the digest" not in caplog.text
    assert "changed or turned off since the run began" in caplog.text


# Commands


async def test_on_sets_the_schedule_and_tells_the_next_run_in_its_zone(
    service: DigestService, store: Store, clock: Clock
) -> None:
    changed: list[int] = []

    async def heard(schedule_id: int) -> None:
        changed.append(schedule_id)

    service.add_listener(heard)
    clock.set(datetime(2026, 3, 7, 12, 0, tzinfo=UTC))  # the day before New York springs forward
    reply = await service.handle(
        NEWSROOM, DigestOn(2, 30, "America/New_York", (0, 1, 2, 3, 4, 5, 6), True), user="U1"
    )
    assert reply.public and reply.digest is None
    assert reply.text == (
        "Done: this channel gets a digest every day at 02:30 (America/New_York), and stays "
        "quiet when nothing new was shared. The next one is on Sunday 8 March at 03:30 "
        "(America/New_York)."  # 02:30 does not exist that night
    )
    schedule = await store.digest_schedule(NEWSROOM)
    assert schedule is not None and schedule.enabled and schedule.quiet
    assert (schedule.hour, schedule.minute, schedule.weekdays) == (2, 30, (0, 1, 2, 3, 4, 5, 6))
    assert changed == [schedule.id]


async def test_off_turns_the_schedule_off_and_says_so_once(
    service: DigestService, store: Store, clock: Clock
) -> None:
    await service.handle(NEWSROOM, DigestOn(9, 15, "Europe/Paris", (0, 1, 2, 3, 4)))
    reply = await service.handle(NEWSROOM, DigestOff())
    assert reply.public and reply.text is not None and "/digest on 09:15" in reply.text
    schedule = await store.digest_schedule(NEWSROOM)
    assert schedule is not None and not schedule.enabled and schedule.disabled_reason is None
    again = await service.handle(NEWSROOM, DigestOff())
    assert again == DigestReply("Digests were not on in this channel, so nothing changed.")


async def test_status_tells_the_next_run_the_last_run_and_what_is_waiting(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    none = await service.handle(NEWSROOM, DigestStatus())
    assert not none.public and none.text is not None
    assert none.text.startswith("Digests are not on in this channel.")

    await service.handle(NEWSROOM, DigestOn(8, 0, "Europe/London", (0, 1, 2, 3, 4)))
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    await share(store, summarizer_, clock, FLOOD, "Town floods", NEWSROOM, T0 + 9 * MINUTE)
    schedule = await store.digest_schedule(NEWSROOM)
    assert schedule is not None
    clock.set(EIGHT)
    await service.run_scheduled(schedule.id, EIGHT, RecordingPoster())
    await share(store, summarizer_, clock, LIBRARY, "Library", NEWSROOM, EIGHT + 60 * MINUTE)
    await store.add_digest_source(NEWSROOM, WORLD.channel, added_at=EIGHT)
    clock.set(EIGHT + timedelta(hours=2))

    status = await service.handle(NEWSROOM, DigestStatus())
    assert not status.public and status.digest is None
    assert status.text == "\n".join(
        [
            "This channel gets a digest Monday to Friday at 08:00 (Europe/London). The next one "
            "is on Tuesday 3 March at 08:00 (Europe/London).",
            "The last digest was due Monday 2 March at 08:00 (Europe/London): posted, 2 articles "
            "in 2 stories.",
            "1 article shared since Monday 2 March at 08:00 (Europe/London) is waiting for the "
            "next digest.",
            "The digest also covers #C-WORLD.",
        ]
    )


async def test_preview_is_private_now_is_public_and_neither_is_a_claimed_run(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    schedule = await daily(store, NEWSROOM, at=T0)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    clock.set(T0 + timedelta(minutes=30))

    preview = await service.handle(NEWSROOM, DigestPreview())
    now = await service.handle(NEWSROOM, DigestNow(), user="U1")
    assert not preview.public and now.public
    assert preview.digest is not None and now.digest is not None
    assert titles(preview.digest) == titles(now.digest) == {"Bridge closes"}
    assert now.text == "Digest of what was shared since Sunday 1 March at 07:00 (UTC)"
    assert await store.last_digest_run(NEWSROOM, statuses=("claimed", "posted")) is None

    # The scheduled digest still covers the whole period, what /digest now showed included.
    poster = RecordingPoster()
    clock.set(EIGHT)
    await service.run_scheduled(schedule.id, EIGHT, poster)
    assert titles(poster.posted[0][1]) == {"Bridge closes"}


async def test_now_without_any_schedule_covers_the_last_day(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    await share(
        store, summarizer_, clock, MARKET, "Apple harvest", NEWSROOM, T0 - timedelta(days=2)
    )
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 - 5 * MINUTE)
    clock.set(T0)
    reply = await service.handle(NEWSROOM, DigestNow())
    assert reply.text == "Digest of what was shared since Sunday 1 March at 07:00 (UTC)"
    assert reply.digest is not None and titles(reply.digest) == {"Bridge closes"}
    empty = await service.handle(SPORT, DigestPreview())
    assert empty.digest is not None and empty.digest.empty


async def test_so_far_from_a_given_moment_is_headed_on_the_channels_clock(
    service: DigestService, store: Store, summarizer_: Summarizer, clock: Clock
) -> None:
    """What `briefbot digest --since` prints: the same digest and heading as /digest now,
    from the moment given, told in the zone of the channel's schedule."""
    await share(store, summarizer_, clock, MARKET, "Apple harvest", NEWSROOM, T0 - 3 * MINUTE)
    await share(store, summarizer_, clock, BRIDGE, "Bridge closes", NEWSROOM, T0 + MINUTE)
    await share(store, summarizer_, clock, FLOOD, "Town floods", ELSEWHERE, T0 + MINUTE)
    clock.set(T0 + 30 * MINUTE)
    assert await service.timezone_of(NEWSROOM) == "UTC"  # no schedule: the default
    await service.handle(NEWSROOM, DigestOn(8, 0, "Europe/Paris", tuple(range(7))))
    assert await service.timezone_of(NEWSROOM) == "Europe/Paris"

    made = await service.so_far(NEWSROOM, since=T0)
    assert titles(made.digest) == {"Bridge closes"}
    assert made.heading == "Digest of what was shared since Monday 2 March at 08:00 (Europe/Paris)"
    whole = await service.so_far(NEWSROOM)  # from where the next scheduled digest begins
    assert titles(whole.digest) == {"Apple harvest", "Bridge closes"}
    reply = await service.handle(NEWSROOM, DigestNow())
    assert reply.text == whole.heading
    assert reply.digest is not None and reply.digest.to_json() == whole.digest.to_json()
    # The same id in another workspace is another channel the command line must tell apart.
    assert set(await service.channels_named("C-NEWS")) == {NEWSROOM, ELSEWHERE}


async def test_sources_are_added_listed_and_removed(service: DigestService, store: Store) -> None:
    alone = await service.handle(NEWSROOM, DigestSources("list"))
    assert alone.text is not None and "only what is shared here" in alone.text
    added = await service.handle(NEWSROOM, DigestSources("add", "C-WORLD"))
    assert added.public and added.text is not None and "#C-WORLD" in added.text
    twice = await service.handle(NEWSROOM, DigestSources("add", "C-WORLD"))
    assert (
        not twice.public and twice.text == "#C-WORLD is already folded into this channel's digest."
    )
    itself = await service.handle(NEWSROOM, DigestSources("add", "C-NEWS"))
    assert itself.text is not None and itself.text.startswith("That is this channel")
    await service.handle(NEWSROOM, DigestSources("add", "C-SPORT"))
    listed = await service.handle(NEWSROOM, DigestSources("list"))
    assert listed.text == "This channel's digest also covers #C-SPORT and #C-WORLD."
    assert await store.digest_sources(NEWSROOM) == ("C-SPORT", "C-WORLD")
    removed = await service.handle(NEWSROOM, DigestSources("remove", "C-SPORT"))
    assert (
        removed.public and removed.text is not None and "no longer covers #C-SPORT" in removed.text
    )
    gone = await service.handle(NEWSROOM, DigestSources("remove", "C-SPORT"))
    assert gone.text == "#C-SPORT was not folded into this channel's digest."
    assert await store.digest_sources(NEWSROOM) == ("C-WORLD",)
    # Another workspace's channel of the same id is another channel.
    assert await store.digest_sources(ELSEWHERE) == ()


async def test_mistakes_and_help_are_answered_privately(service: DigestService) -> None:
    error = await service.handle(NEWSROOM, CommandError("Tell me when."))
    assert error == DigestReply("Tell me when.", None, False)
    help_ = await service.handle(NEWSROOM, DigestHelp())
    assert not help_.public and help_.text is not None and "/digest on" in help_.text
    typed = await service.handle_text(NEWSROOM, "on 25:00")
    assert not typed.public and typed.text is not None and "not a time of day" in typed.text


async def test_typed_commands_use_the_default_time_zone(store: Store, clock: Clock) -> None:
    service = DigestService(store, now=clock, default_timezone="Europe/Paris")
    reply = await service.handle_text(NEWSROOM, "on 08:30 mon-fri", user="U1")
    assert reply.text is not None and "Monday to Friday at 08:30 (Europe/Paris)" in reply.text
    # 07:00 UTC on Monday 2 March is 08:00 in Paris: the next is the same morning.
    assert "The next one is on Monday 2 March at 08:30 (Europe/Paris)." in reply.text
    schedule = await store.digest_schedule(NEWSROOM)
    assert schedule is not None and schedule.timezone == "Europe/Paris"
