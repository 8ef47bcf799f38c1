"""Digests on Slack end to end: /digest through the real Bolt AsyncApp over HTTP with requests
signed as Slack signs them, and scheduled digests posted by SlackDigestPoster, both against the
local stand-in of the Slack Web API and response_url (tests/slack_standin.py), with the real
summarizer, the real DigestService and an SQLite store.

Time is injected: the DigestService reads a fake clock and its waits only move that clock on.
The one real wait left is the Web API client's own short pause between the 429s it retries
itself (Retry-After: 0 here), which is what the production client does.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_standin import (
    CHANNEL,
    NOW,
    TEAM,
    Bot,
    SlackStandIn,
    message,
    posted_text,
    running_bot,
    settings_for,
    settle,
    until,
)

from bot.adapters.slack import SlackDigestPoster, make_client
from bot.adapters.slack.app import NOT_A_CHANNEL, reply_text
from bot.adapters.slack.digest import digest_messages
from bot.adapters.slack.poster import APP_ERRORS, PERMANENT_ERRORS
from bot.channels import ChannelRef
from bot.digests import DigestService, wording
from bot.digests.posting import DigestPoster, PermanentPostError, PostError, RetryablePostError
from bot.service import MIN_PASTED_WORDS, UNEXPECTED, BriefService, Origin
from bot.store import Store
from bot.store.records import DigestSchedule
from summarizer.digest_types import Digest, Story, StoryQuote

HERE = ChannelRef("slack", CHANNEL, TEAM)
OTHER = "C2"  # another channel of the same workspace
GRACE = timedelta(hours=2)
POST = "chat.postMessage"

HARBOUR = (
    "The port authority in Westhaven approved a plan on Monday to dredge the old harbour, "
    "ending a dispute that has kept the fishing fleet tied up at low tide for three winters. "
    "“Our boats have been stuck in the mud every spring, and the fishermen paid for it,” said "
    "harbour master Ruth Okafor, who has argued for the dredging since 2021. The work will "
    "remove about forty thousand tonnes of silt from the inner basin and should finish before "
    "the herring season. Environmental groups asked the authority to test the silt for "
    "pollution before it is dumped at sea, and the authority agreed to publish the results. "
    "The regional government will pay two thirds of the cost, and the town council has "
    "promised the rest from its harbour fund, which has grown during the years of argument."
)
ORCHARD = (
    "A late frost destroyed much of the apple blossom in the Kelder valley last week, and "
    "growers now expect the smallest harvest in twenty years. “We lost most of the crop in a "
    "single night, and there is nothing to be done about it now,” said grower Tomas Brandt, "
    "whose family has farmed the valley orchards since the 1950s. Temperatures fell to minus "
    "four degrees just as the trees were in full flower, and the frost fans many farms rely on "
    "could not keep the cold air moving. The cider cooperative said it would buy fruit from "
    "outside the region to keep its presses running, and the agriculture ministry promised "
    "emergency loans for growers who lost more than half their crop this year."
)
RAILWAY = (
    "Commuters on the northern railway line faced a third day of cancellations on Tuesday after "
    "a signal fault near Ashford junction cut the service to one train an hour. “Engineers are "
    "working around the clock, but the old signalling cables have to be replaced along two "
    "miles of track,” said operations director Priya Raman at a briefing in the station. The "
    "operator laid on replacement buses between the junction and the city, but passengers "
    "complained of queues of more than an hour at the stops. The rail regulator said it would "
    "look into why the cables, which were due for renewal five years ago, had not been replaced "
    "on time, and the operator promised full refunds for all the season ticket holders."
)
# Article text full of Slack markup that must never act: a channel ping, a here ping and a
# user mention, in the title, the bullets and the quote.
PINGS = (
    "<!channel> Residents of the northern valley town said on Monday that the flood barrier "
    "built by <@U123> & partners had failed overnight, forcing hundreds of families to leave "
    "their homes before dawn. “<!channel> leave the valley now, the water is still rising,” "
    "Mayor Ann Lee said in a message to residents, adding that buses would run every hour from "
    "the school. The regional council said the barrier had been inspected in the spring and "
    "rated safe for a once-in-a-century storm, a claim residents rejected on Monday. Engineers "
    "from the national agency arrived in the afternoon to examine the breach, and the army sent "
    "two hundred soldiers to help fill sandbags along the river bank. Forecasters expect more "
    "rain on Tuesday, and the council urged everyone in the low streets to stay away."
)
PINGS_TITLE = "Flood alert <!here> for the valley"


class Clock:
    """The DigestService's time: `now()` reads it, `sleep()` records the wait and moves it on.
    Once `broken`, reading it fails, as a fault deep in the service would."""

    def __init__(self, start: datetime) -> None:
        self.at = start
        self.slept: list[float] = []
        self.broken = False

    def __call__(self) -> datetime:
        if self.broken:
            raise RuntimeError("the clock stopped")
        return self.at

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def digests(service: BriefService, clock: Clock) -> DigestService:
    return DigestService(
        service.store,
        now=clock,
        sleep=clock.sleep,
        grace=GRACE,
        process_id="test:slack",
        default_timezone="UTC",
    )


@pytest.fixture
async def bot(
    slack: SlackStandIn, service: BriefService, digests: DigestService
) -> AsyncIterator[Bot]:
    async with running_bot(slack, service, digests=digests) as running:
        yield running


async def paste(bot: Bot, text: str, *, event_id: str, channel: str = CHANNEL) -> None:
    """Paste an article in a channel as a person would; it is stored once its brief is posted."""
    assert len(text.split()) >= MIN_PASTED_WORDS  # else it is small talk, not an article
    before = len(bot.slack.posts())
    ts = f"1700000000.{len(bot.slack.calls):06d}"
    await bot.event(message(text, ts=ts, channel=channel), event_id=event_id)
    await until(lambda: len(bot.slack.posts()) == before + 1)


async def share(service: BriefService, text: str, title: str, where: ChannelRef = HERE) -> None:
    """Share an article through the service (shared at NOW, the service's time)."""
    origin = Origin(where.platform, where.channel, where.workspace, user_id="U-REPORTER")
    await service.brief_text(text, title=title, origin=origin)


def made_up_article(seed: int) -> str:
    """Four long sentences of made-up words of its own: no two such articles are one story,
    and each fills a large part of a Slack message."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "ni", "qua", "bri", "sto"]
    glue = ["the", "of", "and", "in", "to", "with", "for", "on", "by", "from"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3))

    sentences = []
    for _ in range(4):
        words = [rng.choice(glue) if i % 3 == 1 else word() for i in range(80)]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


async def daily(store: Store, target: ChannelRef) -> DigestSchedule:
    """A digest every day at noon UTC, set two days before NOW."""
    return await store.set_digest_schedule(
        target,
        hour=NOW.hour,
        minute=0,
        timezone="UTC",
        weekdays=range(7),
        quiet=False,
        updated_at=NOW - timedelta(days=2),
    )


def rate_limit_retries(client: AsyncWebClient) -> int:
    """How many 429s the client retries by itself before giving up."""
    (handler,) = [
        h for h in client.retry_handlers if isinstance(h, AsyncRateLimitErrorRetryHandler)
    ]
    return handler.max_retry_count


# --- /digest in Slack ----------------------------------------------------------------------


async def test_digest_on_acks_at_once_stores_the_schedule_and_says_so_in_the_channel(
    bot: Bot,
) -> None:
    status, answer, took = await bot.command("/digest", "on 09:00 Europe/Paris mon-fri")
    assert status == 200 and answer == {"text": ""}  # an empty ack: the answer comes after
    assert took < 1.5, f"the ack took {took:.2f}s"
    await until(lambda: len(bot.slack.posts()) == 1)
    schedule = await bot.service.store.digest_schedule(HERE)
    assert schedule is not None and schedule.enabled and not schedule.quiet
    assert (schedule.hour, schedule.minute, schedule.timezone) == (9, 0, "Europe/Paris")
    assert schedule.weekdays == (0, 1, 2, 3, 4)
    (post,) = bot.slack.posts()
    assert post["channel"] == CHANNEL and "thread_ts" not in post
    assert post["unfurl_links"] is False and post["unfurl_media"] is False
    assert post["text"] == (
        "Done: this channel gets a digest Monday to Friday at 09:00 (Europe/Paris). "
        "The next one is on Thursday 26 November at 09:00 (Europe/Paris)."
    )
    assert bot.slack.hooks() == []


async def test_digest_status_answers_only_the_asker(bot: Bot) -> None:
    await bot.command("/digest", "on 09:00 Europe/Paris mon-fri")
    await until(lambda: len(bot.slack.posts()) == 1)
    await bot.command("/digest", "status")
    await until(lambda: len(bot.slack.hooks()) == 1)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "ephemeral"
    assert "This channel gets a digest Monday to Friday at 09:00 (Europe/Paris)." in hook["text"]
    assert "0 articles shared since" in hook["text"]
    await settle(bot)
    assert len(bot.slack.posts()) == 1  # the confirmation of `on` only


async def test_digest_preview_shows_the_digest_to_the_asker_only(bot: Bot) -> None:
    await paste(bot, HARBOUR, event_id="EvP1")
    await bot.command("/digest", "preview")
    await until(lambda: len(bot.slack.hooks()) >= 1)
    await settle(bot)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "ephemeral"
    assert hook["blocks"][0] == {
        "type": "header",
        "text": {
            "type": "plain_text",
            "text": "Digest of what was shared since Tuesday 24 November at 12:00 (UTC)",
            "emoji": False,
        },
    }
    assert "1 article" in posted_text(hook) and "dredge the old harbour" in posted_text(hook)
    assert len(bot.slack.posts()) == 1  # the brief of the pasted article; no digest


async def test_digest_now_posts_the_digest_in_the_channel(bot: Bot) -> None:
    await paste(bot, HARBOUR, event_id="EvN1")
    await paste(bot, ORCHARD, event_id="EvN2")
    status, answer, _ = await bot.command("/digest", "now")
    assert status == 200 and answer == {"text": ""}
    await until(lambda: len(bot.slack.posts()) == 3)
    digest = bot.slack.posts()[2]
    assert digest["channel"] == CHANNEL and "thread_ts" not in digest
    assert digest["unfurl_links"] is False and digest["unfurl_media"] is False
    shown = posted_text(digest)
    assert digest["blocks"][0]["type"] == "header"
    assert "2 articles" in shown
    assert "dredge the old harbour" in shown and "apple blossom" in shown
    assert "Ruth Okafor" in shown or "Tomas Brandt" in shown  # a key quote with its speaker
    assert bot.slack.hooks() == []
    # `now` leaves the schedule alone: none was set, no run was claimed.
    assert await bot.service.store.digest_schedule(HERE) is None
    assert await bot.service.store.last_digest_run(HERE) is None


async def test_sources_add_folds_another_channel_into_now(bot: Bot) -> None:
    await paste(bot, HARBOUR, event_id="EvS1")
    await paste(bot, RAILWAY, event_id="EvS2", channel=OTHER)
    await bot.command("/digest", f"sources add <#{OTHER}|other>")
    await until(lambda: len(bot.slack.posts()) == 3)
    confirmation = bot.slack.posts()[2]
    assert confirmation["channel"] == CHANNEL
    # Our "#C2" is shown as a channel mention, which Slack displays with the channel's name.
    assert confirmation["text"] == (
        f"Done: this channel's digest now also covers what is shared in <#{OTHER}>."
    )
    assert await bot.service.store.digest_sources(HERE) == (OTHER,)

    await bot.command("/digest", "now")
    await until(lambda: len(bot.slack.posts()) == 4)
    shown = posted_text(bot.slack.posts()[3])
    assert "2 articles" in shown
    assert "dredge the old harbour" in shown and "signal fault" in shown

    await bot.command("/digest", "status")
    await until(lambda: len(bot.slack.hooks()) == 1)
    assert f"The digest also covers <#{OTHER}>." in bot.slack.hooks()[0]["text"]


async def test_a_source_named_without_a_link_is_refused(bot: Bot) -> None:
    await bot.command("/digest", "sources add #other")
    await until(lambda: len(bot.slack.hooks()) == 1)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "ephemeral"
    assert hook["text"] == reply_text(NOT_A_CHANNEL.format(name="other"))
    assert await bot.service.store.digest_sources(HERE) == ()
    assert bot.slack.posts() == []


@pytest.mark.parametrize("typed", ["#G0SECRET1", "#C2"])
async def test_a_channel_id_typed_as_text_is_never_folded_in(bot: Bot, typed: str) -> None:
    # Only a channel picked from Slack's list (which holds only those the asker can see)
    # arrives as <#G…|name>; a typed id could fold in a private channel the asker is not in.
    await share(bot.service, HARBOUR, "Secret harbour plan", ChannelRef("slack", "G0SECRET1", TEAM))
    await bot.command("/digest", f"sources add {typed}")
    await until(lambda: len(bot.slack.hooks()) == 1)
    await settle(bot)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "ephemeral"
    assert hook["text"] == reply_text(NOT_A_CHANNEL.format(name=typed[1:]))
    assert await bot.service.store.digest_sources(HERE) == ()
    assert bot.slack.posts() == []


async def test_a_picked_channel_without_its_name_is_folded_in_and_a_typed_id_removes_it(
    bot: Bot,
) -> None:
    await bot.command("/digest", f"sources add <#{OTHER}>")
    await until(lambda: len(bot.slack.posts()) == 1)
    assert await bot.service.store.digest_sources(HERE) == (OTHER,)
    # Removing only narrows a digest, so the id as /digest status shows it is enough.
    await bot.command("/digest", f"sources remove #{OTHER}")
    await until(lambda: len(bot.slack.posts()) == 2)
    assert bot.slack.posts()[1]["text"] == (
        f"Done: this channel's digest no longer covers <#{OTHER}>."
    )
    assert await bot.service.store.digest_sources(HERE) == ()


async def test_a_bad_command_gets_one_plain_sentence_only_for_the_asker(bot: Bot) -> None:
    await bot.command("/digest", "sometimes <b>")
    await until(lambda: len(bot.slack.hooks()) == 1)
    await bot.command("/digest", "on 25:00")
    await until(lambda: len(bot.slack.hooks()) == 2)
    await settle(bot)
    unknown, bad_time = bot.slack.hooks()
    assert unknown["response_type"] == bad_time["response_type"] == "ephemeral"
    assert unknown["text"].startswith("I don't know “/digest sometimes”.")
    assert "blocks" not in unknown and "\n" not in unknown["text"]
    assert bad_time["text"] == (
        "25:00 is not a time of day; use the 24-hour clock, for example 08:30 or 17:45."
    )
    assert bot.slack.posts() == []
    assert await bot.service.store.digest_schedule(HERE) is None


async def test_help_lists_the_forms_without_linking_the_example_channel(bot: Bot) -> None:
    await bot.command("/digest", "")
    await until(lambda: len(bot.slack.hooks()) == 1)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "ephemeral"
    for form in ("/digest on 08:30", "/digest off", "/digest now", "/digest preview",
                 "/digest status", "/digest sources add #channel"):  # fmt: skip
        assert form in hook["text"]
    assert "<#" not in hook["text"]


async def test_article_text_never_pings_in_a_digest(bot: Bot) -> None:
    await share(bot.service, PINGS, PINGS_TITLE)
    await bot.command("/digest", "now")
    await until(lambda: len(bot.slack.posts()) == 1)
    shown = posted_text(bot.slack.posts()[0])
    for ping in ("<!channel>", "<!here>", "<@U123>"):
        assert ping not in shown
    assert "Flood alert &lt;!here&gt; for the valley" in shown  # the headline, escaped
    assert "&lt;@U123&gt; &amp; partners" in shown
    assert "Ann Lee" in shown


async def test_when_briefbot_is_not_in_the_channel_the_digest_goes_through_response_url(
    bot: Bot,
) -> None:
    await share(bot.service, HARBOUR, "Harbour to be dredged")
    bot.slack.refuse[CHANNEL] = "not_in_channel"
    await bot.command("/digest", "now")
    await until(lambda: len(bot.slack.hooks()) == 1)
    (hook,) = bot.slack.hooks()
    assert hook["response_type"] == "in_channel"
    assert hook["unfurl_links"] is False
    assert "Harbour to be dredged" in posted_text(hook)
    assert bot.slack.posts() == [] and len(bot.slack.tries(POST)) == 1


async def test_a_failure_answers_with_one_apology_to_the_asker(
    bot: Bot, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    clock.broken = True
    status, answer, _ = await bot.command("/digest", "status")
    assert status == 200 and answer == {"text": ""}
    await until(lambda: len(bot.slack.hooks()) == 1)
    (hook,) = bot.slack.hooks()
    assert hook == {"text": UNEXPECTED, "response_type": "ephemeral"}
    assert "Failed to handle /digest" in caplog.text


# --- SlackDigestPoster ----------------------------------------------------------------------


def long_digest(stories: int = 30) -> Digest:
    """Stories with long bullets: far more than one Slack message holds."""

    def bullet(n: int, k: int) -> str:
        return f"Story {n} point {k}: " + " ".join(f"word{n}x{k}x{i}" for i in range(90)) + "."

    return Digest(
        article_count=stories,
        story_count=stories,
        stories=[
            Story(
                headline=f"Headline number {n}",
                bullets=[bullet(n, k) for k in range(3)],
                quote=StoryQuote(f"Something said about story {n}, at length", f"Speaker {n}"),
                urls=[f"https://news.example.com/{n}"],
                titles=[f"Headline number {n}"],
                articles=1,
            )
            for n in range(1, stories + 1)
        ],
    )


async def test_the_poster_posts_a_long_digest_as_several_messages_in_order(
    slack: SlackStandIn,
) -> None:
    poster = SlackDigestPoster(make_client(settings_for(slack)))
    assert isinstance(poster, DigestPoster)
    digest = long_digest()
    messages = digest_messages(digest, heading="Digest · Wednesday 25 November")
    assert len(messages) >= 3
    first = await poster.post_digest(HERE, digest, heading="Digest · Wednesday 25 November")
    assert first == "1700000001.000200"
    posts = slack.posts()
    assert [p["blocks"] for p in posts] == [m.blocks for m in messages]
    assert [p["text"] for p in posts] == [m.text for m in messages]
    assert all(p["channel"] == CHANNEL and p["unfurl_links"] is False for p in posts)
    assert f"part 1 of {len(messages)}" in posts[0]["text"]

    # Leaving out what an earlier attempt posted: only the rest goes out.
    last = await poster.post_digest(
        HERE, digest, heading="Digest · Wednesday 25 November", skip=len(messages) - 1
    )
    assert last == f"1700000001.{200 + len(messages):06d}"
    assert slack.posts()[-1]["blocks"] == messages[-1].blocks
    assert len(slack.posts()) == len(messages) + 1


@pytest.mark.parametrize(
    "code", ["channel_not_found", "not_in_channel", "is_archived", "restricted_action"]
)
async def test_refusals_of_the_channel_no_retry_can_fix_are_permanent(
    slack: SlackStandIn, code: str
) -> None:
    slack.refuse[CHANNEL] = code
    poster = SlackDigestPoster(make_client(settings_for(slack)))
    with pytest.raises(PermanentPostError) as refused:
        await poster.post_digest(HERE, long_digest(2), heading="Digest")
    assert str(refused.value) == PERMANENT_ERRORS[code]
    assert len(slack.tries(POST)) == 1


@pytest.mark.parametrize(
    "code",
    ["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
     "missing_scope", "not_allowed_token_type", "no_permission", "team_access_not_granted"],
)  # fmt: skip
async def test_slack_refusing_briefbot_itself_fails_without_being_permanent(
    slack: SlackStandIn, code: str
) -> None:
    # The same token posts every schedule: one that Slack refuses must not turn them all off.
    slack.refuse_all = code
    poster = SlackDigestPoster(make_client(settings_for(slack)))
    with pytest.raises(PostError) as refused:
        await poster.post_digest(HERE, long_digest(2), heading="Digest")
    assert not isinstance(refused.value, PermanentPostError | RetryablePostError)
    assert str(refused.value) == f"{APP_ERRORS[code]} ({code})"
    assert code not in PERMANENT_ERRORS
    assert len(slack.tries(POST)) == 1


async def test_slack_troubles_are_retryable_and_a_bad_request_is_not_hidden(
    slack: SlackStandIn,
) -> None:
    poster = SlackDigestPoster(make_client(settings_for(slack)))
    slack.broken[POST] = 1
    with pytest.raises(RetryablePostError) as unavailable:
        await poster.post_digest(HERE, long_digest(2), heading="Digest")
    assert unavailable.value.posted == 0 and "service_unavailable" in str(unavailable.value)

    slack.refuse[CHANNEL] = "invalid_blocks"  # a bug of ours: neither retried nor hidden
    with pytest.raises(SlackApiError):
        await poster.post_digest(HERE, long_digest(2), heading="Digest")


async def test_an_unreachable_slack_is_retryable() -> None:
    nowhere = AsyncWebClient(token="xoxb-none", base_url="http://127.0.0.1:9/api/")
    with pytest.raises(RetryablePostError, match="could not reach Slack"):
        await SlackDigestPoster(nowhere).post_digest(HERE, long_digest(1), heading="Digest")


# --- scheduled digests through DigestService -----------------------------------------------


async def test_a_scheduled_digest_outlasts_the_clients_own_429_retries_and_posts_once(
    slack: SlackStandIn, service: BriefService, digests: DigestService, clock: Clock
) -> None:
    await share(service, HARBOUR, "Harbour to be dredged")
    schedule = await daily(service.store, HERE)
    client = make_client(settings_for(slack))
    retries = rate_limit_retries(client)
    slack.throttle[POST] = retries + 1  # one more than the client waits out by itself
    slack.retry_after = "0"

    run = await digests.run_scheduled(schedule.id, NOW, SlackDigestPoster(client))

    assert run is not None and run.status == "posted"
    assert run.attempts == 1 and run.detail == "Slack is rate limiting Briefbot"
    assert (run.article_count, run.story_count) == (1, 1)
    assert [c.status for c in slack.tries(POST)] == [429] * (retries + 1) + [200]
    (post,) = slack.posts()  # posted exactly once
    assert "Harbour to be dredged" in posted_text(post)
    assert wording.heading(NOW, "UTC") in post["text"]
    assert clock.slept == [5.0]  # the service's first backoff, on the injected clock


async def test_a_channel_that_is_gone_turns_its_schedule_off_with_the_reason(
    bot: Bot, digests: DigestService, clock: Clock
) -> None:
    gone = ChannelRef("slack", "CGONE", TEAM)
    await share(bot.service, HARBOUR, "Harbour to be dredged", gone)
    schedule = await daily(bot.service.store, gone)
    bot.slack.refuse["CGONE"] = "channel_not_found"

    run = await digests.run_scheduled(
        schedule.id, NOW, SlackDigestPoster(make_client(settings_for(bot.slack)))
    )

    assert run is not None and run.status == "failed"
    assert run.detail == "the channel was not found" and run.attempts == 1
    after = await bot.service.store.digest_schedule(gone)
    assert after is not None and not after.enabled
    assert after.disabled_reason == "the channel was not found"
    assert len(bot.slack.tries(POST)) == 1 and bot.slack.posts() == []
    assert clock.slept == []  # nothing to wait for
    # The channel's status says why (were it to come back and ask).
    await bot.command("/digest", "status", channel="CGONE")
    await until(lambda: len(bot.slack.hooks()) == 1)
    assert "could not be posted: the channel was not found" in bot.slack.hooks()[0]["text"]


async def test_a_token_slack_refuses_fails_the_run_and_keeps_the_schedule_on(
    slack: SlackStandIn, service: BriefService, digests: DigestService, clock: Clock
) -> None:
    await share(service, HARBOUR, "Harbour to be dredged")
    schedule = await daily(service.store, HERE)
    slack.refuse_all = "invalid_auth"  # the token was rotated and the old one is still set
    poster = SlackDigestPoster(make_client(settings_for(slack)))

    run = await digests.run_scheduled(schedule.id, NOW, poster)

    assert run is not None and run.status == "failed" and run.attempts == 1
    assert run.detail == "Slack does not accept Briefbot's token (invalid_auth)"
    after = await service.store.digest_schedule(HERE)
    assert after is not None and after.enabled and after.disabled_reason is None
    assert len(slack.tries(POST)) == 1 and slack.posts() == []
    assert clock.slept == []  # no retry inside the run: it would be refused alike

    # Once the token is fixed, the next day's digest goes out on the schedule kept on.
    slack.refuse_all = None
    clock.at = NOW + timedelta(days=1)
    following = await digests.run_scheduled(schedule.id, NOW + timedelta(days=1), poster)
    assert following is not None and following.status == "posted"
    assert "Harbour to be dredged" in posted_text(slack.posts()[0])


async def test_a_429_in_the_middle_of_a_long_digest_never_reposts_its_first_messages(
    slack: SlackStandIn, service: BriefService, digests: DigestService, clock: Clock
) -> None:
    for n in range(10):
        await share(service, made_up_article(n), f"Made-up story {n}")
    schedule = await daily(service.store, HERE)
    since = await digests.period_start(HERE, until=NOW)
    digest = await digests.build(HERE, since=since, until=NOW)
    expected = digest_messages(digest, heading=wording.heading(NOW, "UTC"))
    assert digest.story_count == 10 and len(expected) >= 2
    client = make_client(settings_for(slack))
    retries = rate_limit_retries(client)
    slack.throttle_after[POST] = 1  # the first message goes out, then Slack says 429
    slack.throttle[POST] = retries + 1
    slack.retry_after = "0"

    run = await digests.run_scheduled(schedule.id, NOW, SlackDigestPoster(client))

    assert run is not None and run.status == "posted" and run.attempts == 1
    statuses = [c.status for c in slack.tries(POST)]
    assert statuses == [200] + [429] * (retries + 1) + [200] * (len(expected) - 1)
    # Every message exactly once, in order: the retry started after the first.
    assert [p["blocks"] for p in slack.posts()] == [m.blocks for m in expected]
    assert clock.slept == [5.0]
