"""The digest part of the store: schedules, claimed runs, source channels and what a digest
reads, on SQLite always and on PostgreSQL when BRIEFBOT_TEST_DATABASE_URL names one (the
`backend` and `store` fixtures are in conftest.py).

Times are passed in explicitly; nothing sleeps and nothing reads the clock.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from databases import Backend
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.util import await_only

from bot.channels import ChannelRef
from bot.store import DigestRun, SharedBrief, Store, UnknownDigestRunError
from bot.store.migrate import current_revision, downgrade, head_revision, upgrade_engine

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)  # a Monday
PARIS = ZoneInfo("Europe/Paris")
NEWSROOM = ChannelRef("slack", "C-NEWS", "T1")
VERSION = "0.3.0"
DIGEST_TABLES = {"digest_schedules", "digest_runs", "digest_sources"}


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def brief_json(bullet: str) -> str:
    return json.dumps({"title": None, "bullets": [{"text": bullet, "sentence": 0}]}, indent=2)


async def row_count(store: Store, table: str) -> int:
    async with store.engine.connect() as conn:
        return (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()


async def daily_at_nine(store: Store, target: ChannelRef, when: datetime = T0) -> Any:
    return await store.set_digest_schedule(
        target,
        hour=9,
        minute=0,
        timezone="Europe/Paris",
        weekdays=range(7),
        quiet=False,
        updated_at=when,
    )


# Schedules


async def test_a_schedule_is_set_then_replaced_in_place(store: Store) -> None:
    in_paris = datetime(2025, 3, 3, 10, 30, tzinfo=PARIS)  # 09:30 UTC
    first = await store.set_digest_schedule(
        NEWSROOM,
        hour=8,
        minute=45,
        timezone="Europe/Paris",
        weekdays=[4, 0, 2, 0],
        quiet=True,
        updated_at=in_paris,
    )
    assert first.target == NEWSROOM
    assert (first.hour, first.minute, first.timezone) == (8, 45, "Europe/Paris")
    assert first.weekdays == (0, 2, 4)  # sorted, without the repeat
    assert first.quiet and first.enabled and first.disabled_reason is None
    assert first.updated_at == in_paris and first.updated_at.tzinfo == UTC
    assert await store.digest_schedule(NEWSROOM) == first
    assert await store.digest_schedule_by_id(first.id) == first

    second = await store.set_digest_schedule(
        NEWSROOM,
        hour=17,
        minute=5,
        timezone="America/New_York",
        weekdays=(6,),
        quiet=False,
        updated_at=at(60),
    )
    assert second.id == first.id
    assert (second.hour, second.minute, second.timezone) == (17, 5, "America/New_York")
    assert (second.weekdays, second.quiet, second.updated_at) == ((6,), False, at(60))
    assert await store.digest_schedule_by_id(first.id) == second
    assert await row_count(store, "digest_schedules") == 1


async def test_schedules_are_per_platform_workspace_and_channel(store: Store) -> None:
    ours = await daily_at_nine(store, NEWSROOM)
    assert await store.digest_schedule(ChannelRef("slack", "C-NEWS", "T2")) is None
    assert await store.digest_schedule(ChannelRef("discord", "C-NEWS", "T1")) is None
    assert await store.digest_schedule(ChannelRef("slack", "C-OTHER", "T1")) is None
    assert await store.digest_schedule_by_id(ours.id + 1) is None

    # No workspace: "" and None are the same channel, and read back as None.
    console = await daily_at_nine(store, ChannelRef("console", "chat", ""))
    assert console.target == ChannelRef("console", "chat", None)
    assert await store.digest_schedule(ChannelRef("console", "chat")) == console


async def test_disabling_and_enabling_again(store: Store) -> None:
    assert await store.disable_digest_schedule(NEWSROOM, reason=None, updated_at=T0) is None
    news = await daily_at_nine(store, NEWSROOM)
    sports = await daily_at_nine(store, ChannelRef("slack", "C-SPORTS", "T1"))
    local = await daily_at_nine(store, ChannelRef("discord", "55", "G1"))
    assert await store.enabled_digest_schedules() == (news, sports, local)  # by id

    removed = await store.disable_digest_schedule(
        NEWSROOM, reason="channel_not_found", updated_at=at(1)
    )
    assert removed is not None
    assert (removed.id, removed.enabled, removed.disabled_reason) == (
        news.id,
        False,
        "channel_not_found",
    )
    assert removed.updated_at == at(1)
    assert (removed.hour, removed.weekdays) == (news.hour, news.weekdays)  # the rest is kept
    by_user = await store.disable_digest_schedule(local.target, reason=None, updated_at=at(2))
    assert by_user is not None and not by_user.enabled and by_user.disabled_reason is None
    assert await store.enabled_digest_schedules() == (sports,)
    assert await store.digest_schedule(NEWSROOM) == removed

    again = await daily_at_nine(store, NEWSROOM, at(3))
    assert (again.id, again.enabled, again.disabled_reason) == (news.id, True, None)
    assert [s.id for s in await store.enabled_digest_schedules()] == [news.id, sports.id]


async def test_concurrent_schedule_writers_keep_one_row(store: Store) -> None:
    results = await asyncio.gather(
        *(
            store.set_digest_schedule(
                NEWSROOM,
                hour=hour,
                minute=0,
                timezone="UTC",
                weekdays=[0],
                quiet=False,
                updated_at=T0,
            )
            for hour in range(5)
        )
    )
    assert len({r.id for r in results}) == 1
    assert await row_count(store, "digest_schedules") == 1


# Runs


async def test_a_run_is_claimed_once(store: Store) -> None:
    due = datetime(2025, 3, 3, 9, 0, tzinfo=PARIS)  # 08:00 UTC
    run = await store.claim_digest_run(
        NEWSROOM, due, since=at(-1440), claimed_by="host:1:aaaa", claimed_at=at(1)
    )
    assert run is not None
    assert run.target == NEWSROOM
    assert run.scheduled_for == T0 and run.scheduled_for.tzinfo == UTC
    assert (run.kind, run.status, run.claimed_by) == ("scheduled", "claimed", "host:1:aaaa")
    assert (run.claimed_at, run.since, run.finished_at) == (at(1), at(-1440), None)
    assert (run.attempts, run.detail, run.article_count, run.story_count) == (0, None, None, None)

    # The same moment, however written, is the same claim; each loser leaves no trace.
    for attempt in range(20):  # more than the pool holds, so a leaked connection would show
        lost = await store.claim_digest_run(
            NEWSROOM, T0, since=None, claimed_by=f"host:2:{attempt}", claimed_at=at(2)
        )
        assert lost is None
    assert await store.digest_run(NEWSROOM, T0) == run
    assert await row_count(store, "digest_runs") == 1

    # The store goes on working after the conflicts: other slots and channels claim fine.
    tomorrow = await store.claim_digest_run(
        NEWSROOM, at(1440), since=T0, claimed_by="host:2:b", claimed_at=at(1441)
    )
    elsewhere = await store.claim_digest_run(
        ChannelRef("slack", "C-NEWS", "T2"), T0, since=None, claimed_by="host:2:c", claimed_at=T0
    )
    assert tomorrow is not None and elsewhere is not None
    assert len({run.id, tomorrow.id, elsewhere.id}) == 3
    assert await store.digest_run(NEWSROOM, at(1)) is None


async def test_a_claim_lost_to_another_process_is_not_retried(backend: Backend) -> None:
    """The other process commits the same claim between our decision and our INSERT."""
    ours, theirs = await backend.open(), await backend.open()
    staged: list[DigestRun | None] = []
    our_inserts: list[str] = []

    def let_them_claim_first(
        conn: Connection, cursor: Any, statement: str, *args: Any, **kwargs: Any
    ) -> None:
        if not statement.lstrip().upper().startswith("INSERT INTO DIGEST_RUNS"):
            return
        our_inserts.append(statement)
        if not staged:
            staged.append(
                await_only(
                    theirs.claim_digest_run(
                        NEWSROOM, T0, since=None, claimed_by="theirs", claimed_at=T0
                    )
                )
            )

    event.listen(ours.engine.sync_engine, "before_cursor_execute", let_them_claim_first)
    try:
        claimed = await ours.claim_digest_run(
            NEWSROOM, T0, since=None, claimed_by="ours", claimed_at=T0
        )
        assert staged and staged[0] is not None, "the race was not staged"
        assert claimed is None
        assert len(our_inserts) == 1  # the conflict is the answer: no second try
        run = await ours.digest_run(NEWSROOM, T0)
        assert run is not None and run.claimed_by == "theirs"
        assert await row_count(ours, "digest_runs") == 1
        # Nothing was left half-done on our side: the next claim inserts as usual.
        later = await ours.claim_digest_run(
            NEWSROOM, at(60), since=T0, claimed_by="ours", claimed_at=at(60)
        )
        assert later is not None and later.claimed_by == "ours"
    finally:
        await ours.close()
        await theirs.close()


async def test_two_processes_racing_for_the_same_runs_win_each_once(backend: Backend) -> None:
    first, second = await backend.open(), await backend.open()
    slots = [at(60 * i) for i in range(6)]
    try:
        results = await asyncio.gather(
            *(
                process.claim_digest_run(
                    NEWSROOM, slot, since=None, claimed_by=name, claimed_at=slot
                )
                for slot in slots
                for process, name in ((first, "first"), (second, "second"))
            )
        )
        for i, slot in enumerate(slots):
            pair = results[2 * i : 2 * i + 2]
            winners = [run for run in pair if run is not None]
            assert len(winners) == 1, f"{slot}: {pair}"
            assert await first.digest_run(NEWSROOM, slot) == winners[0]
        assert await row_count(first, "digest_runs") == len(slots)
        # Both still write afterwards.
        await daily_at_nine(first, NEWSROOM)
        assert await second.add_digest_source(NEWSROOM, "C-DESK", added_at=T0)
    finally:
        await first.close()
        await second.close()


async def test_a_skipped_run_is_a_claim(store: Store) -> None:
    skipped = await store.skip_digest_run(
        NEWSROOM, T0, since=at(-1440), reason="missed by 3h (down)", at=at(180)
    )
    assert skipped is not None
    assert (skipped.status, skipped.detail) == ("skipped", "missed by 3h (down)")
    assert (skipped.claimed_at, skipped.finished_at, skipped.since) == (at(180), at(180), at(-1440))
    assert (
        await store.claim_digest_run(
            NEWSROOM, T0, since=None, claimed_by="late", claimed_at=at(181)
        )
        is None
    )
    assert await store.digest_run(NEWSROOM, T0) == skipped

    claimed = await store.claim_digest_run(
        NEWSROOM, at(1440), since=T0, claimed_by="p", claimed_at=at(1440)
    )
    assert claimed is not None
    assert (
        await store.skip_digest_run(
            NEWSROOM, at(1440), since=T0, reason="late", at=at(1500), claimed_by="q"
        )
        is None
    )
    assert await store.digest_run(NEWSROOM, at(1440)) == claimed


async def test_attempts_are_counted_and_a_run_finished(store: Store) -> None:
    run = await store.claim_digest_run(NEWSROOM, T0, since=None, claimed_by="p", claimed_at=T0)
    assert run is not None
    await store.record_digest_attempt(run.id, detail="429 rate limited", at=at(1))
    await store.record_digest_attempt(run.id, detail="connection reset", at=at(2))
    tried = await store.digest_run(NEWSROOM, T0)
    assert tried is not None
    assert (tried.status, tried.attempts, tried.detail) == ("claimed", 2, "connection reset")
    assert tried.last_attempt_at == at(2)

    await store.finish_digest_run(
        run.id, status="posted", finished_at=at(3), article_count=7, story_count=4
    )
    done = await store.digest_run(NEWSROOM, T0)
    assert done is not None
    assert (done.status, done.finished_at) == ("posted", at(3))
    assert (done.article_count, done.story_count) == (7, 4)
    assert (done.attempts, done.detail) == (2, "connection reset")  # kept without a new detail

    other = await store.claim_digest_run(
        NEWSROOM, at(60), since=T0, claimed_by="p", claimed_at=at(60)
    )
    assert other is not None
    await store.finish_digest_run(
        other.id, status="failed", finished_at=at(61), detail="not_in_channel"
    )
    failed = await store.digest_run(NEWSROOM, at(60))
    assert failed is not None
    assert (failed.status, failed.detail, failed.attempts) == ("failed", "not_in_channel", 0)
    assert (failed.article_count, failed.story_count) == (None, None)

    missing = other.id + 100
    with pytest.raises(UnknownDigestRunError):
        await store.record_digest_attempt(missing, detail="x", at=T0)
    with pytest.raises(UnknownDigestRunError):
        await store.finish_digest_run(missing, status="posted", finished_at=T0)


async def test_the_last_run_is_the_latest_posted_or_empty(store: Store) -> None:
    assert await store.last_digest_run(NEWSROOM) is None
    outcomes = {at(0): "posted", at(60): "empty", at(120): "failed", at(180): "skipped"}
    for due, status in outcomes.items():
        run = await store.claim_digest_run(
            NEWSROOM, due, since=None, claimed_by="p", claimed_at=due
        )
        assert run is not None
        await store.finish_digest_run(run.id, status=status, finished_at=due)
    await store.claim_digest_run(NEWSROOM, at(240), since=None, claimed_by="p", claimed_at=at(240))
    # Another workspace's channel of the same id posted later: not ours.
    elsewhere = ChannelRef("slack", "C-NEWS", "T2")
    run = await store.claim_digest_run(
        elsewhere, at(300), since=None, claimed_by="p", claimed_at=T0
    )
    assert run is not None
    await store.finish_digest_run(run.id, status="posted", finished_at=at(300))

    last = await store.last_digest_run(NEWSROOM)
    assert last is not None and (last.scheduled_for, last.status) == (at(60), "empty")
    posted = await store.last_digest_run(NEWSROOM, statuses=["posted"])
    assert posted is not None and posted.scheduled_for == at(0)
    anything = await store.last_digest_run(NEWSROOM, statuses=("failed", "skipped", "claimed"))
    assert anything is not None and (anything.scheduled_for, anything.status) == (
        at(240),
        "claimed",
    )
    assert await store.last_digest_run(NEWSROOM, statuses=()) is None
    theirs = await store.last_digest_run(elsewhere)
    assert theirs is not None and theirs.scheduled_for == at(300)


# Sources


async def test_sources_are_added_and_removed_once(store: Store) -> None:
    assert await store.digest_sources(NEWSROOM) == ()
    assert await store.add_digest_source(NEWSROOM, "C-WORLD", added_at=T0)
    assert await store.add_digest_source(NEWSROOM, "C-ARTS", added_at=T0)
    assert not await store.add_digest_source(NEWSROOM, "C-WORLD", added_at=at(1))
    assert not await store.add_digest_source(NEWSROOM, NEWSROOM.channel, added_at=T0)  # itself
    assert await store.digest_sources(NEWSROOM) == ("C-ARTS", "C-WORLD")
    assert await store.digest_sources(ChannelRef("slack", "C-NEWS", "T2")) == ()
    assert await store.digest_sources(ChannelRef("slack", "C-ARTS", "T1")) == ()

    assert await store.remove_digest_source(NEWSROOM, "C-WORLD")
    assert not await store.remove_digest_source(NEWSROOM, "C-WORLD")
    assert not await store.remove_digest_source(NEWSROOM, "C-NEVER")
    assert await store.digest_sources(NEWSROOM) == ("C-ARTS",)


async def test_concurrent_adds_of_one_source_keep_one_row(store: Store) -> None:
    added = await asyncio.gather(
        *(store.add_digest_source(NEWSROOM, "C-WORLD", added_at=T0) for _ in range(5))
    )
    assert added.count(True) == 1
    assert await row_count(store, "digest_sources") == 1


# What a digest reads


async def share(
    store: Store, article_id: int, target: ChannelRef, minutes: int, *, workspace: Any = ...
) -> int:
    return await store.record_posting(
        article_id,
        platform=target.platform,
        workspace=target.workspace if workspace is ... else workspace,
        channel=target.channel,
        posted_at=at(minutes),
    )


async def article(store: Store, name: str, *, version: str = VERSION, **fields: Any) -> int:
    saved = await store.save_article(
        text=f"The {name} story, told in full.", fetched_at=T0, **fields
    )
    await store.save_brief(saved.article_id, brief_json(name), version, created_at=T0)
    return saved.article_id


async def test_shared_since_reads_the_channel_and_its_sources(store: Store) -> None:
    bridge = await article(
        store,
        "bridge",
        url="https://news.example/bridge?utm=chat",
        canonical_url="https://news.example/bridge",
        title="Bridge closes",
    )
    budget = await article(store, "budget", url="https://a.example/budget")
    await store.save_article(
        text="The budget story, told in full.", url="https://b.example/budget", fetched_at=T0
    )
    pasted = await article(store, "pasted")
    old_engine = await article(store, "old", version="0.1.0", url="https://c.example/old")
    world = ChannelRef("slack", "C-WORLD", "T1")
    await store.add_digest_source(NEWSROOM, world.channel, added_at=T0)

    await share(store, bridge, NEWSROOM, 10)  # exactly `since`: left out
    await share(store, bridge, NEWSROOM, 20)
    await share(store, budget, world, 30)  # a source channel
    await share(store, pasted, NEWSROOM, 40)
    await share(store, budget, NEWSROOM, 40)  # the same time: in posting order
    await share(store, bridge, NEWSROOM, 50)  # shared again: comes again
    await share(store, old_engine, NEWSROOM, 45)  # no brief of VERSION: counted, not read
    await share(store, pasted, NEWSROOM, 60)  # exactly `until`: in
    await share(store, pasted, NEWSROOM, 61)  # after: out
    await share(store, bridge, ChannelRef("slack", "C-DESK", "T1"), 30)  # not a source
    await share(store, bridge, ChannelRef("slack", "C-NEWS", "T2"), 30)  # other workspace
    await share(store, bridge, ChannelRef("slack", "C-WORLD", "T2"), 30)  # ditto, source id
    await share(store, bridge, ChannelRef("discord", "C-NEWS", "T1"), 30)  # other platform
    await share(store, bridge, NEWSROOM, 30, workspace=None)  # no workspace

    shared = await store.shared_since(NEWSROOM, since=at(10), until=at(60), version=VERSION)
    assert [(s.article_id, s.shared_at) for s in shared] == [
        (bridge, at(20)),
        (budget, at(30)),
        (pasted, at(40)),
        (budget, at(40)),
        (bridge, at(50)),
        (pasted, at(60)),
    ]
    first = shared[0]
    assert first == SharedBrief(
        article_id=bridge,
        brief_json=brief_json("bridge"),  # byte for byte
        url="https://news.example/bridge",  # the canonical URL
        title="Bridge closes",
        channel=NEWSROOM,
        shared_at=at(20),
        first_version_id=bridge,  # replaced no earlier version
    )
    assert first.shared_at.tzinfo == UTC
    assert shared[1].url == "https://a.example/budget"  # no canonical URL: the first link
    assert shared[1].channel == world and shared[1].title is None
    assert shared[2].url is None  # a paste has no link
    # Articles, not shares: bridge, budget, pasted and old, each once.
    assert await store.count_shared_since(NEWSROOM, since=at(10), until=at(60)) == 4

    everything = await store.shared_since(NEWSROOM, since=None, until=at(60), version=VERSION)
    assert [s.shared_at for s in everything] == [at(m) for m in (10, 20, 30, 40, 40, 50, 60)]
    assert await store.count_shared_since(NEWSROOM, since=None, until=at(60)) == 4
    assert await store.shared_since(NEWSROOM, since=at(60), until=at(60), version=VERSION) == ()
    assert await store.shared_since(NEWSROOM, since=None, until=at(60), version="9.9") == ()
    old = await store.shared_since(NEWSROOM, since=None, until=at(60), version="0.1.0")
    assert [(s.article_id, s.url) for s in old] == [(old_engine, "https://c.example/old")]

    # Another workspace's C-NEWS reads its own postings, not ours nor our sources'.
    other = await store.shared_since(
        ChannelRef("slack", "C-NEWS", "T2"), since=None, until=at(60), version=VERSION
    )
    assert [(s.article_id, s.channel.workspace) for s in other] == [(bridge, "T2")]
    await store.remove_digest_source(NEWSROOM, world.channel)
    assert await store.count_shared_since(NEWSROOM, since=at(20), until=at(30)) == 0


async def test_shared_since_without_a_workspace(store: Store) -> None:
    chat = ChannelRef("console", "chat")
    story = await article(store, "console")
    await share(store, story, chat, 1)
    await share(store, story, chat, 2, workspace="")  # an empty workspace is none too
    await share(store, story, chat, 3, workspace="W1")  # a workspace's channel named alike
    await store.add_digest_source(chat, "desk", added_at=T0)
    await share(store, story, ChannelRef("console", "desk"), 4)

    shared = await store.shared_since(chat, since=T0, until=at(10), version=VERSION)
    assert [s.shared_at for s in shared] == [at(1), at(2), at(4)]
    assert {s.channel.workspace for s in shared} == {None}
    assert [s.channel.channel for s in shared] == ["chat", "chat", "desk"]
    assert await store.count_shared_since(chat, since=T0, until=at(10)) == 1


async def test_channels_named_finds_every_platform_and_workspace(store: Store) -> None:
    story = await article(store, "named")
    await share(store, story, ChannelRef("slack", "C1", "T1"), 1)
    await share(store, story, ChannelRef("slack", "C1", "T1"), 2)
    await share(store, story, ChannelRef("discord", "C1", "G9"), 3)
    await share(store, story, ChannelRef("slack", "C2", "T1"), 4)
    await store.set_digest_schedule(
        ChannelRef("console", "C1"),
        hour=9,
        minute=0,
        timezone="UTC",
        weekdays=range(7),
        quiet=False,
        updated_at=T0,
    )
    assert await store.channels_named("C1") == (
        ChannelRef("console", "C1"),
        ChannelRef("discord", "C1", "G9"),
        ChannelRef("slack", "C1", "T1"),
    )
    assert await store.channels_named("C3") == ()
    await store.add_digest_source(ChannelRef("slack", "C3", "T1"), "C1", added_at=T0)
    assert await store.channels_named("C3") == (ChannelRef("slack", "C3", "T1"),)


# Bad input


async def test_bad_digest_arguments_are_refused(store: Store) -> None:
    naive = datetime(2025, 3, 3, 8, 0)
    schedule = {
        "hour": 9,
        "minute": 0,
        "timezone": "Europe/Paris",
        "weekdays": [0],
        "quiet": False,
        "updated_at": T0,
    }
    bad_schedules: list[tuple[dict[str, Any], str]] = [
        ({"hour": 24}, "hour"),
        ({"hour": -1}, "hour"),
        ({"hour": 9.5}, "hour"),
        ({"hour": True}, "hour"),
        ({"minute": 60}, "minute"),
        ({"weekdays": []}, "weekday"),
        ({"weekdays": [7]}, "weekday"),
        ({"weekdays": [-1, 0]}, "weekday"),
        ({"weekdays": "0,1"}, "weekdays"),
        ({"timezone": "Mars/Olympus_Mons"}, "time zone"),
        ({"timezone": ""}, "time zone"),
        ({"timezone": "../../etc/passwd"}, "time zone"),
        ({"updated_at": naive}, "timezone-aware"),
    ]
    for change, message in bad_schedules:
        with pytest.raises(ValueError, match=message):
            await store.set_digest_schedule(NEWSROOM, **{**schedule, **change})
    for target, message in (
        (ChannelRef("irc", "#news"), "platform"),
        (ChannelRef("slack", ""), "channel"),
    ):
        with pytest.raises(ValueError, match=message):
            await store.set_digest_schedule(target, **schedule)
        with pytest.raises(ValueError, match=message):
            await store.claim_digest_run(target, T0, since=None, claimed_by="p", claimed_at=T0)
        with pytest.raises(ValueError, match=message):
            await store.shared_since(target, since=None, until=T0, version=VERSION)
        with pytest.raises(ValueError, match=message):
            await store.add_digest_source(target, "C2", added_at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.disable_digest_schedule(NEWSROOM, reason=None, updated_at=naive)

    with pytest.raises(ValueError, match="timezone-aware"):
        await store.claim_digest_run(NEWSROOM, naive, since=None, claimed_by="p", claimed_at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.claim_digest_run(NEWSROOM, T0, since=naive, claimed_by="p", claimed_at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.claim_digest_run(NEWSROOM, T0, since=None, claimed_by="p", claimed_at=naive)
    with pytest.raises(ValueError, match="process"):
        await store.claim_digest_run(NEWSROOM, T0, since=None, claimed_by="", claimed_at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.skip_digest_run(NEWSROOM, T0, since=None, reason="late", at=naive)
    with pytest.raises(ValueError, match="reason"):
        await store.skip_digest_run(NEWSROOM, T0, since=None, reason="", at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.digest_run(NEWSROOM, naive)
    with pytest.raises(ValueError, match="status"):
        await store.last_digest_run(NEWSROOM, statuses=("posted", "lost"))
    with pytest.raises(ValueError, match="status"):
        await store.last_digest_run(NEWSROOM, statuses="posted")
    with pytest.raises(ValueError, match="channel"):
        await store.add_digest_source(NEWSROOM, "", added_at=T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.add_digest_source(NEWSROOM, "C2", added_at=naive)
    with pytest.raises(ValueError, match="channel"):
        await store.remove_digest_source(NEWSROOM, "")
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.shared_since(NEWSROOM, since=naive, until=T0, version=VERSION)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.shared_since(NEWSROOM, since=None, until=naive, version=VERSION)
    with pytest.raises(ValueError, match="version"):
        await store.shared_since(NEWSROOM, since=None, until=T0, version="")
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.count_shared_since(NEWSROOM, since=None, until=naive)

    run = await store.claim_digest_run(NEWSROOM, T0, since=None, claimed_by="p", claimed_at=T0)
    assert run is not None
    with pytest.raises(ValueError, match="finish"):
        await store.finish_digest_run(run.id, status="claimed", finished_at=T0)
    with pytest.raises(ValueError, match="article_count"):
        await store.finish_digest_run(run.id, status="posted", finished_at=T0, article_count=-1)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.finish_digest_run(run.id, status="posted", finished_at=naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.record_digest_attempt(run.id, detail="x", at=naive)

    assert await store.digest_run(NEWSROOM, T0) == run  # untouched by the refusals
    for table in ("digest_schedules", "digest_sources"):
        assert await row_count(store, table) == 0
    assert await row_count(store, "digest_runs") == 1


# Migration


async def test_upgrading_a_database_at_0002_keeps_its_data(store: Store) -> None:
    saved = await store.save_article(
        text="The council closed the bridge.", url="https://news.example/bridge", fetched_at=T0
    )
    await store.save_brief(saved.article_id, brief_json("bridge"), VERSION, created_at=T0)
    await share(store, saved.article_id, NEWSROOM, 5)
    await store.set_auto_brief("slack", "C-NEWS", False, workspace="T1", updated_at=T0)

    async with store.engine.begin() as conn:
        await conn.run_sync(downgrade, "0002")

    def schema(conn: Connection) -> tuple[set[str], set[str | None]]:
        found = inspect(conn)
        indexes = {index["name"] for index in found.get_indexes("postings")}
        return set(found.get_table_names()), indexes

    async with store.engine.connect() as conn:
        assert await conn.run_sync(current_revision) == "0002"
        tables, indexes = await conn.run_sync(schema)
    assert not tables & DIGEST_TABLES
    assert "ix_postings_channel_posted_at" not in indexes

    await upgrade_engine(store.engine)
    async with store.engine.connect() as conn:
        assert await conn.run_sync(current_revision) == head_revision()
        tables, indexes = await conn.run_sync(schema)
    assert tables >= DIGEST_TABLES
    assert "ix_postings_channel_posted_at" in indexes

    stored = await store.article_for_url("https://news.example/bridge")
    assert stored is not None and stored.id == saved.article_id
    assert await store.brief_for(saved.article_id, VERSION) == brief_json("bridge")
    assert not await store.auto_brief("slack", "C-NEWS", workspace="T1")
    shared = await store.shared_since(NEWSROOM, since=None, until=at(10), version=VERSION)
    assert [(s.article_id, s.shared_at) for s in shared] == [(saved.article_id, at(5))]
    assert await daily_at_nine(store, NEWSROOM) is not None
