"""Digests on Discord end to end: /digest as app commands and scheduled digests posted by
DiscordDigestPoster, with the real discord.py client against the local stand-in of Discord
(tests/discord_standin.py), the real summarizer and an SQLite store.

The digest service's clock is injected and its sleep only moves that clock on: the retries
asked of the service are never waited through. discord.py's own wait on a 429 is the stand-in's
retry_after of a hundredth of a second.
"""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from discord_standin import (
    APP,
    CHANNEL,
    GUILD,
    HUMAN,
    MISSING_ACCESS,
    OTHER_CHANNEL,
    PRIVATE_CHANNEL,
    READ_MESSAGE_HISTORY,
    UNKNOWN_CHANNEL,
    VIEW_CHANNEL,
    Recorded,
    StandIn,
    World,
    assert_within_limits,
    discord_world,
    every_payload,
    rate_limited,
    restore_endpoints,
    server_error,
    until,
)

from bot.adapters.discord import DiscordDigestPoster
from bot.adapters.discord.client import (
    DIGEST_NEEDS_MANAGE,
    SOURCE_ELSEWHERE,
    SOURCE_UNREADABLE,
    source_refusal,
)
from bot.channels import ChannelRef
from bot.digests import DigestService
from bot.digests.posting import RetryablePostError
from bot.service import Origin
from bot.store.records import DigestRun, DigestSchedule
from summarizer import Digest, Summarizer

T0 = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # a Wednesday, 07:00 UTC
EIGHT = T0 + timedelta(hours=1)  # the scheduled digest
HERE = ChannelRef("discord", str(CHANNEL), str(GUILD))
MANAGE_CHANNELS = str(1 << 4)
READABLE = VIEW_CHANNEL | READ_MESSAGE_HISTORY
EPHEMERAL = 64
HEADING = "Digest · Wednesday 25 November"


class Clock:
    """The injected time: `now()` reads it, `sleep()` records the wait and moves it on."""

    def __init__(self, start: datetime) -> None:
        self.at = start
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.at

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += timedelta(seconds=seconds)


# --- Articles written here: each its own story, in words no other article uses --------------

_SYLLABLES = "ka lo mi ra ten vo su bel dor ni qua zen pa ri tho gal mon ve lu cas fi ro dan we"


def article(number: int) -> tuple[str, str]:
    """A made-up article of 130-odd words: its town's name, and its text."""
    rng = random.Random(number)
    syllables = _SYLLABLES.split()

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))

    town, person = word().capitalize(), f"{word().capitalize()} {word().capitalize()}"
    nouns = [word() for _ in range(12)]
    verbs = [word() + "ed" for _ in range(6)]
    sentences = []
    for _ in range(10):
        a, b, c = rng.sample(nouns, 3)
        day = rng.choice(["Monday", "Tuesday", "Friday"])
        sentences.append(
            f"The {a} of {town} {rng.choice(verbs)} the {b} and {rng.randint(2, 90)} {c} on {day}."
        )
    sentences.insert(
        3,
        f"“The {nouns[2]} {verbs[1]} every {nouns[3]} in {town} this year,” said {person}, "
        f"who leads the {nouns[4]}.",
    )
    return town, " ".join(sentences)


async def share(world: World, clock: Clock, number: int, at: datetime) -> str:
    """Article `number` shared in this channel at `at` (briefed and posted as a paste is)."""
    clock.at = at
    town, text = article(number)
    origin = Origin("discord", str(CHANNEL), str(GUILD), user_id=HUMAN["id"])
    await world.service.brief_text(text, origin=origin)
    return town


async def daily_at_eight(world: World, target: ChannelRef = HERE) -> DigestSchedule:
    return await world.store.set_digest_schedule(
        target, hour=8, minute=0, timezone="UTC", weekdays=range(7), quiet=False, updated_at=T0
    )


async def run_at_eight(world: World, clock: Clock, schedule: DigestSchedule) -> DigestRun:
    assert world.digests is not None and world.poster is not None
    poster = world.poster
    # discord.py is ready 2 s after the last GUILD_CREATE (its guild_ready_timeout).
    await until(lambda: poster.connected, "the client to be ready")
    clock.at = EIGHT + timedelta(minutes=1)
    run = await world.digests.run_scheduled(schedule.id, EIGHT, world.poster)
    assert run is not None
    return run


# --- The world -------------------------------------------------------------------------------


@pytest.fixture
def restore_discord_endpoints() -> Iterator[None]:
    restore = restore_endpoints()
    yield
    restore()


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def refuse_content() -> bool:
    return False


@pytest.fixture
async def world(
    tmp_path: Path,
    summarizer_: Summarizer,
    restore_discord_endpoints: None,
    clock: Clock,
    refuse_content: bool,
) -> AsyncIterator[World]:
    def digests(store: Any) -> DigestService:
        return DigestService(
            store, now=clock, sleep=clock.sleep, default_timezone="UTC", process_id="test"
        )

    poster = DiscordDigestPoster()
    async with discord_world(
        tmp_path,
        summarizer_,
        refuse_content=refuse_content,
        now=clock,
        digests=digests,
        poster=poster,
    ) as world:
        yield world


def option(name: str, value: Any, kind: int = 3) -> dict[str, Any]:
    return {"name": name, "type": kind, "value": value}


async def digest_command(
    d: StandIn,
    sub: str,
    options: list[dict[str, Any]] | None = None,
    *,
    permissions: str = MANAGE_CHANNELS,
    resolved: dict[str, Any] | None = None,
) -> str:
    """`/digest <sub>` typed in the channel; the interaction token."""
    group = [{"name": sub, "type": 1, "options": options or []}]
    return await d.send_command("digest", group, permissions=permissions, resolved=resolved)


async def answers(d: StandIn, token: str, count: int = 1) -> tuple[Recorded, list[dict[str, Any]]]:
    """The deferral of the interaction and its first `count` follow-ups, in order."""
    (callback,) = await until(
        lambda: [r for r in d.posts("/interactions/") if token in r.path], "the deferral"
    )
    follow_ups = await until(
        lambda: (f := d.posts(f"/webhooks/{APP}/{token}")) and len(f) >= count and f,
        f"{count} follow-ups",
    )
    assert callback.at < follow_ups[0].at
    return callback, [r.body for r in follow_ups]


def ephemeral(body: dict[str, Any]) -> bool:
    return bool((body.get("flags") or 0) & EPHEMERAL)


def deferred(callback: Recorded, *, privately: bool) -> None:
    assert callback.body["type"] == 5  # "Briefbot is thinking…"
    assert ephemeral(callback.body.get("data") or {}) is privately


def digest_posts(d: StandIn) -> list[dict[str, Any]]:
    """The bodies of the messages posted to the channel (not replies to pastes)."""
    return [r.body for r in d.messages() if r.path == f"/channels/{CHANNEL}/messages"]


def titles(bodies: list[dict[str, Any]]) -> list[str]:
    return [e["title"] for body in bodies for e in body.get("embeds", [])]


async def paste(world: World, *numbers: int, channel: int = CHANNEL) -> list[str]:
    """Articles pasted as messages; returns their towns once each has had its brief."""
    d = world.discord
    before = len(d.messages())
    towns = []
    for number in numbers:
        town, text = article(number)
        towns.append(town)
        await d.send_message(text, channel=channel)
    await until(lambda: len(d.messages()) >= before + len(numbers), "the briefs of the pastes")
    return towns


# --- /digest ---------------------------------------------------------------------------------


async def test_digest_on_defers_then_stores_the_schedule_and_tells_the_channel(
    world: World, clock: Clock
) -> None:
    d = world.discord
    options = [
        option("time", "09:00"),
        option("timezone", "Europe/Paris"),
        option("days", "mon-fri"),
        option("quiet", True, kind=5),
    ]
    token = await digest_command(d, "on", options)
    callback, (said,) = await answers(d, token)
    deferred(callback, privately=False)
    assert not ephemeral(said)
    assert said["content"] == (  # 07:00 UTC is 08:00 in Paris: the next one is today's
        "Done: this channel gets a digest Monday to Friday at 09:00 (Europe/Paris), and stays "
        "quiet when nothing new was shared. The next one is on Wednesday 25 November at 09:00 "
        "(Europe/Paris)."
    )
    assert said["allowed_mentions"]["parse"] == []
    schedule = await world.store.digest_schedule(HERE)
    assert schedule is not None and schedule.enabled
    assert (schedule.hour, schedule.minute, schedule.timezone) == (9, 0, "Europe/Paris")
    assert schedule.weekdays == (0, 1, 2, 3, 4) and schedule.quiet
    assert schedule.updated_at == T0  # the service's clock


async def test_changing_the_digest_needs_manage_channels_and_touches_nothing(
    world: World,
) -> None:
    d = world.discord
    await digest_command(d, "on", [option("time", "09:00")], permissions="0")
    await digest_command(d, "off", permissions="0")
    channel = resolved_channel(OTHER_CHANNEL)
    add = [option("action", "add"), option("channel", str(OTHER_CHANNEL), kind=7)]
    await digest_command(d, "sources", add, permissions="0", resolved=channel)
    refusals = await until(
        lambda: (p := d.posts("/interactions/")) and len(p) >= 3 and p, "three refusals"
    )
    for refusal in refusals:
        assert refusal.body["type"] == 4  # answered at once, nothing deferred
        assert refusal.body["data"]["content"] == DIGEST_NEEDS_MANAGE
        assert ephemeral(refusal.body["data"])
    assert await world.store.digest_schedule(HERE) is None
    assert await world.store.digest_sources(HERE) == ()
    assert not d.posts("/webhooks/")


async def test_a_mistyped_time_is_told_only_to_the_asker(world: World) -> None:
    d = world.discord
    token = await digest_command(d, "on", [option("time", "25:00")])
    callback, (said,) = await answers(d, token)
    deferred(callback, privately=True)
    assert ephemeral(said) and "25:00 is not a time of day" in said["content"]
    assert await world.store.digest_schedule(HERE) is None


async def test_digest_off_when_it_was_not_on_is_told_only_to_the_asker(world: World) -> None:
    d = world.discord
    token = await digest_command(d, "off")
    callback, (said,) = await answers(d, token)
    deferred(callback, privately=False)  # a change was asked for: announced…
    # …but nothing changed: the public "thinking" message goes, the answer is the asker's.
    (deleted,) = [r for r in d.requests if r.method == "DELETE"]
    assert deleted.path == f"/webhooks/{APP}/{token}/messages/@original"
    assert deleted.at < d.posts(f"/webhooks/{APP}/{token}")[0].at
    assert ephemeral(said) and said["content"].startswith("Digests were not on in this channel")


async def test_digest_preview_shows_the_digest_only_to_the_asker(
    world: World, clock: Clock
) -> None:
    d = world.discord
    towns = await paste(world, 1, 2)
    clock.at = T0 + timedelta(hours=1)
    token = await digest_command(d, "preview", permissions="0")
    callback, (shown,) = await answers(d, token)
    deferred(callback, privately=True)
    assert ephemeral(shown)
    assert shown["content"].startswith("**Digest of what was shared since Tuesday 24 November")
    assert "2 articles in 2 stories" in shown["content"]
    described = json.dumps(shown["embeds"], ensure_ascii=False)
    assert all(town in described for town in towns)
    assert [t[:3] for t in titles([shown])] == ["1. ", "2. "]
    assert shown["allowed_mentions"]["parse"] == []
    assert_within_limits(shown)
    assert not digest_posts(d)[2:]  # nothing posted to the channel beyond the two briefs


async def test_digest_now_posts_the_digest_of_what_was_pasted_for_everyone(
    world: World, clock: Clock
) -> None:
    d = world.discord
    towns = await paste(world, 3, 4, 5)
    clock.at = T0 + timedelta(hours=2)
    token = await digest_command(d, "now", permissions="0")  # anyone may ask for it
    callback, (posted,) = await answers(d, token)
    deferred(callback, privately=False)
    assert not ephemeral(posted)
    assert "3 articles in 3 stories" in posted["content"]
    assert len(posted["embeds"]) == 3
    described = json.dumps(posted["embeds"], ensure_ascii=False)
    assert all(town in described for town in towns)
    assert_within_limits(posted)
    assert await world.store.last_digest_run(HERE) is None  # /digest now claims no run


def resolved_channel(channel_id: int, permissions: int = READABLE) -> dict[str, Any]:
    """The `resolved` part of an interaction naming a channel in an option; `permissions` are
    the asker's in that channel, as Discord works them out."""
    partial = {
        "id": str(channel_id),
        "name": f"news-{channel_id}",
        "type": 0,
        "permissions": str(permissions),
        "parent_id": None,
    }
    return {"channels": {str(channel_id): partial}}


async def test_digest_sources_add_folds_in_the_other_channel(world: World, clock: Clock) -> None:
    d = world.discord
    (elsewhere,) = await paste(world, 6, channel=OTHER_CHANNEL)
    (here,) = await paste(world, 7)
    add = [option("action", "add"), option("channel", str(OTHER_CHANNEL), kind=7)]
    token = await digest_command(d, "sources", add, resolved=resolved_channel(OTHER_CHANNEL))
    callback, (said,) = await answers(d, token)
    deferred(callback, privately=False)
    assert not ephemeral(said)
    assert said["content"] == (
        f"Done: this channel's digest now also covers what is shared in <#{OTHER_CHANNEL}>."
    )
    assert await world.store.digest_sources(HERE) == (str(OTHER_CHANNEL),)

    token = await digest_command(d, "sources", [option("action", "list")], permissions="0")
    callback, (listed,) = await answers(d, token)
    deferred(callback, privately=True)
    assert listed["content"] == f"This channel's digest also covers <#{OTHER_CHANNEL}>."

    clock.at = T0 + timedelta(hours=1)
    token = await digest_command(d, "preview")
    _, (shown,) = await answers(d, token)
    described = json.dumps(shown["embeds"], ensure_ascii=False)
    assert "2 articles" in shown["content"] and here in described and elsewhere in described


@pytest.mark.parametrize("permissions", [0, VIEW_CHANNEL, READ_MESSAGE_HISTORY])
async def test_a_source_the_asker_cannot_read_is_refused_before_anything(
    world: World, permissions: int
) -> None:
    # Folded in, its articles would be shown to everyone who reads this channel.
    d = world.discord
    add = [option("action", "add"), option("channel", str(PRIVATE_CHANNEL), kind=7)]
    resolved = resolved_channel(PRIVATE_CHANNEL, permissions)
    await digest_command(d, "sources", add, resolved=resolved)
    (refusal,) = await until(lambda: d.posts("/interactions/"), "the refusal")
    assert refusal.body["type"] == 4  # answered at once, nothing deferred
    assert refusal.body["data"]["content"] == SOURCE_UNREADABLE
    assert ephemeral(refusal.body["data"])
    assert await world.store.digest_sources(HERE) == ()
    assert not d.posts("/webhooks/")


async def test_a_source_the_asker_cannot_read_can_still_be_removed(world: World) -> None:
    d = world.discord
    assert await world.store.add_digest_source(HERE, str(PRIVATE_CHANNEL), added_at=T0)
    remove = [option("action", "remove"), option("channel", str(PRIVATE_CHANNEL), kind=7)]
    token = await digest_command(
        d, "sources", remove, resolved=resolved_channel(PRIVATE_CHANNEL, 0)
    )
    callback, (said,) = await answers(d, token)
    deferred(callback, privately=False)
    assert said["content"] == f"Done: this channel's digest no longer covers <#{PRIVATE_CHANNEL}>."
    assert await world.store.digest_sources(HERE) == ()


async def test_a_cached_channel_is_judged_by_the_members_roles_and_its_overwrites(
    world: World,
) -> None:
    poster = world.poster
    assert poster is not None
    await until(lambda: poster.connected, "the client to be ready")
    client = poster._client  # the live client run_discord attached
    assert client is not None
    guild = client.get_guild(GUILD)
    assert guild is not None and guild.me is not None
    member = guild.me  # not the owner, no roles: @everyone's permissions only
    readable, shut = guild.get_channel(OTHER_CHANNEL), guild.get_channel(PRIVATE_CHANNEL)
    assert readable is not None and shut is not None
    assert source_refusal(GUILD, member, readable) is None
    assert source_refusal(GUILD, member, shut) == SOURCE_UNREADABLE  # @everyone denied there
    assert source_refusal(GUILD + 1, member, readable) == SOURCE_ELSEWHERE  # another server
    assert source_refusal(None, member, readable) == SOURCE_ELSEWHERE  # asked in a DM


async def test_an_article_that_says_everyone_never_pings_from_a_digest(
    world: World, clock: Clock
) -> None:
    d = world.discord
    await d.send_message(f"{world.site}/loud")
    await until(d.messages, "the brief of the loud article")
    clock.at = T0 + timedelta(hours=1)
    token = await digest_command(d, "now")
    _, (posted,) = await answers(d, token)
    assert posted["allowed_mentions"]["parse"] == []
    shown = json.dumps(posted, ensure_ascii=False)
    assert "@\u200beveryone" in shown  # the article's words are there, made inert
    for body in every_payload(d):
        text = json.dumps(body, ensure_ascii=False)
        assert "@everyone" not in text and "@here" not in text
        assert "<@&123456789012345678>" not in text
        assert body["allowed_mentions"]["parse"] == []


async def test_briefbot_help_lists_the_digest_commands(world: World) -> None:
    d = world.discord
    await d.send_command("briefbot", [{"name": "help", "type": 1, "options": []}])
    (answer,) = await until(lambda: d.posts("/interactions/"), "the help")
    said = answer.body["data"]["content"]
    for command in ("/digest on", "/digest off", "/digest now", "/digest preview"):
        assert command in said
    assert "/digest status" in said and "/digest sources" in said


# --- Scheduled digests through DiscordDigestPoster -------------------------------------------


async def test_a_scheduled_digest_is_posted_to_the_channel_once(world: World, clock: Clock) -> None:
    d = world.discord
    towns = [await share(world, clock, n, T0 + timedelta(minutes=n)) for n in (10, 11)]
    schedule = await daily_at_eight(world)
    run = await run_at_eight(world, clock, schedule)
    assert (run.status, run.attempts, run.article_count, run.story_count) == ("posted", 0, 2, 2)
    (posted,) = digest_posts(d)
    assert posted["content"] == f"**{HEADING}**\n2 articles in 2 stories"
    described = json.dumps(posted["embeds"], ensure_ascii=False)
    assert all(town in described for town in towns)
    assert posted["allowed_mentions"]["parse"] == []
    assert_within_limits(posted)
    assert world.digests is not None and world.poster is not None
    assert await world.digests.run_scheduled(schedule.id, EIGHT, world.poster) is None  # claimed
    assert len(digest_posts(d)) == 1 and clock.slept == []


async def test_a_429_discord_py_waits_out_itself_is_posted_once(world: World, clock: Clock) -> None:
    d = world.discord
    await share(world, clock, 12, T0)
    d.message_answers = [rate_limited(0.01)]
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert (run.status, run.attempts) == ("posted", 0)  # the service never saw it
    assert len(d.messages(429)) == 1 and len(digest_posts(d)) == 1
    assert clock.slept == []


async def test_429s_beyond_discord_pys_own_retries_are_retried_by_the_service(
    world: World, clock: Clock
) -> None:
    d = world.discord
    await share(world, clock, 13, T0)
    d.message_answers = [rate_limited(0.01, scope="shared")] * 5  # discord.py tries 5 times
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert (run.status, run.attempts) == ("posted", 1)
    assert run.detail is not None and "rate limited" in run.detail
    assert clock.slept == [5.0]  # the service's first backoff (more than the 0.01 s asked)
    assert len(d.messages(429)) == 5 and len(digest_posts(d)) == 1


async def test_a_429_without_discords_proxy_waits_as_long_as_its_header_says(
    world: World, clock: Clock
) -> None:
    d = world.discord
    await share(world, clock, 14, T0)
    d.message_answers = [rate_limited(30.0, via_proxy=False)]  # discord.py does not retry it
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert (run.status, run.attempts) == ("posted", 1)
    assert clock.slept == [30.0]
    assert len(d.messages(429)) == 1 and len(digest_posts(d)) == 1


async def test_a_streak_of_503s_is_retried_with_backoff_and_recorded(
    world: World, clock: Clock
) -> None:
    d = world.discord
    await share(world, clock, 15, T0)
    d.message_answers = [server_error(503)] * 3  # discord.py retries 500/502/504, not 503
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert (run.status, run.attempts) == ("posted", 3)
    assert run.detail is not None and "HTTP 503" in run.detail
    assert clock.slept == [5.0, 15.0, 45.0]
    assert len(d.messages(503)) == 3 and len(digest_posts(d)) == 1


async def test_a_channel_that_is_gone_turns_the_schedule_off_with_the_reason(
    world: World, clock: Clock
) -> None:
    d = world.discord
    gone = 3999  # not in the client's cache: the poster asks Discord for it
    d.channel_answers[gone] = UNKNOWN_CHANNEL
    target = ChannelRef("discord", str(gone), str(GUILD))
    schedule = await daily_at_eight(world, target)
    run = await run_at_eight(world, clock, schedule)
    assert (run.status, run.attempts) == ("failed", 1)
    assert run.detail is not None and "Unknown Channel" in run.detail
    after = await world.store.digest_schedule(target)
    assert after is not None and not after.enabled
    assert after.disabled_reason == run.detail
    assert [(r.method, r.path) for r in d.requests if r.path.startswith(f"/channels/{gone}")] == [
        ("GET", f"/channels/{gone}")
    ]
    assert clock.slept == []


async def test_missing_access_turns_the_schedule_off(world: World, clock: Clock) -> None:
    d = world.discord
    await share(world, clock, 16, T0)
    d.channel_answers[CHANNEL] = MISSING_ACCESS
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert (run.status, run.attempts) == ("failed", 1)
    assert run.detail is not None and "Missing Access" in run.detail
    after = await world.store.digest_schedule(HERE)
    assert after is not None and not after.enabled and after.disabled_reason == run.detail
    assert len(d.messages(403)) == 1 and clock.slept == []


async def share_many(world: World, clock: Clock, count: int) -> None:
    for n in range(count):
        await share(world, clock, 100 + n, T0 + timedelta(seconds=n))


async def test_a_long_digest_is_several_messages_in_order(world: World, clock: Clock) -> None:
    d = world.discord
    await share_many(world, clock, 22)
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert (run.status, run.story_count) == ("posted", 22)
    posted = digest_posts(d)
    assert [p["content"].split("\n")[1] for p in posted] == [
        "22 articles in 22 stories · part 1 of 3",
        "part 2 of 3",
        "part 3 of 3",
    ]
    assert [t.split(". ")[0] for t in titles(posted)] == [str(n) for n in range(1, 23)]
    for body in posted:
        assert_within_limits(body)
        assert body["allowed_mentions"]["parse"] == []


async def test_a_failure_in_the_middle_is_retried_without_reposting_the_first_messages(
    world: World, clock: Clock
) -> None:
    d = world.discord
    await share_many(world, clock, 22)
    d.message_answers = [None, server_error(503)]  # part 1 goes out, part 2 fails once
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert (run.status, run.attempts) == ("posted", 1)
    assert clock.slept == [5.0]
    posted = digest_posts(d)
    assert [p["content"].split("\n")[1].split(" · ")[-1] for p in posted] == [
        "part 1 of 3",
        "part 2 of 3",
        "part 3 of 3",
    ]
    assert [t.split(". ")[0] for t in titles(posted)] == [str(n) for n in range(1, 23)]
    (failed,) = d.messages(503)
    second = next(r for r in d.messages() if "part 2 of 3" in r.body["content"])
    assert failed.body["embeds"] == second.body["embeds"] and failed.at < second.at


async def test_before_a_client_is_attached_and_ready_a_post_is_retryable() -> None:
    poster = DiscordDigestPoster()
    assert not poster.connected
    with pytest.raises(RetryablePostError, match="Discord is not connected yet") as raised:
        await poster.post_digest(HERE, Digest(0, 0, []), heading=HEADING)
    assert raised.value.posted == 0


@pytest.mark.parametrize("refuse_content", [True])
async def test_the_poster_posts_through_the_client_made_after_a_4014(
    world: World, clock: Clock
) -> None:
    d = world.discord
    await until(lambda: len(d.identifies) >= 2, "the second identify")
    await share(world, clock, 17, T0)
    run = await run_at_eight(world, clock, await daily_at_eight(world))
    assert run.status == "posted" and len(digest_posts(d)) == 1
