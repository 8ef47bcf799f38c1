"""`/digest …` parsing (bot.digests.commands): every form people type, and every mistake
answered with a friendly sentence. Pure: no store, no clock."""

from __future__ import annotations

import pytest

from bot.digests import wording
from bot.digests.commands import (
    EVERY_DAY,
    USAGE,
    CommandError,
    DigestCommand,
    DigestHelp,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestPreview,
    DigestSources,
    DigestStatus,
    find_timezone,
    parse_channel,
    parse_digest_command,
)

WEEKDAYS = (0, 1, 2, 3, 4)


def parse(text: str, default_timezone: str = "UTC") -> DigestCommand | CommandError:
    return parse_digest_command(text, default_timezone=default_timezone)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 08:30", DigestOn(8, 30, "UTC", EVERY_DAY, False)),
        ("on 8:05", DigestOn(8, 5, "UTC", EVERY_DAY, False)),
        ("on 8.30", DigestOn(8, 30, "UTC", EVERY_DAY, False)),  # as written in much of Europe
        ("on 17h45", DigestOn(17, 45, "UTC", EVERY_DAY, False)),
        ("on 00:00", DigestOn(0, 0, "UTC", EVERY_DAY, False)),
        ("on 23:59 quiet", DigestOn(23, 59, "UTC", EVERY_DAY, True)),
        ("on 08:30 Europe/London", DigestOn(8, 30, "Europe/London", EVERY_DAY, False)),
        ("on 08:30 europe/london", DigestOn(8, 30, "Europe/London", EVERY_DAY, False)),
        ("on 08:30 utc", DigestOn(8, 30, "UTC", EVERY_DAY, False)),
        (
            "on 17:45 America/New_York mon-fri quiet",
            DigestOn(17, 45, "America/New_York", WEEKDAYS, True),
        ),
        ("on quiet weekdays 07:00", DigestOn(7, 0, "UTC", WEEKDAYS, True)),  # any order
        ("on 07:00 weekdays", DigestOn(7, 0, "UTC", WEEKDAYS, False)),
        ("on 07:00 weekends", DigestOn(7, 0, "UTC", (5, 6), False)),
        ("on 07:00 daily", DigestOn(7, 0, "UTC", EVERY_DAY, False)),
        ("on 07:00 every day", DigestOn(7, 0, "UTC", EVERY_DAY, False)),
        ("on 07:00 mon,wed,fri", DigestOn(7, 0, "UTC", (0, 2, 4), False)),
        ("on 07:00 mon, wed, fri", DigestOn(7, 0, "UTC", (0, 2, 4), False)),
        ("on 07:00 Monday Wednesday", DigestOn(7, 0, "UTC", (0, 2), False)),
        ("on 07:00 fri-mon", DigestOn(7, 0, "UTC", (0, 4, 5, 6), False)),  # wraps the week
        ("on 07:00 tue-thu,sun", DigestOn(7, 0, "UTC", (1, 2, 3, 6), False)),
        ("on 8am", DigestOn(8, 0, "UTC", EVERY_DAY, False)),
        ("on 12am", DigestOn(0, 0, "UTC", EVERY_DAY, False)),
        ("on 12:30pm", DigestOn(12, 30, "UTC", EVERY_DAY, False)),
        ("on 6:15PM", DigestOn(18, 15, "UTC", EVERY_DAY, False)),
        ("ON 09:00", DigestOn(9, 0, "UTC", EVERY_DAY, False)),
        ("/digest on 09:00", DigestOn(9, 0, "UTC", EVERY_DAY, False)),
        ("off", DigestOff()),
        ("  OFF  ", DigestOff()),
        ("now", DigestNow()),
        ("preview", DigestPreview()),
        ("status", DigestStatus()),
        ("help", DigestHelp()),
        ("", DigestHelp()),
        ("   ", DigestHelp()),
        ("/digest", DigestHelp()),
        ("sources", DigestSources("list")),
        ("sources add <#C123ABC|newsroom>", DigestSources("add", "C123ABC")),  # Slack
        ("sources add <#C123ABC>", DigestSources("add", "C123ABC")),  # Slack, unnamed
        ("sources remove <#112233445566778899>", DigestSources("remove", "112233445566778899")),
        ("sources add #newsroom", DigestSources("add", "newsroom")),  # the console
        ("source ADD #world-desk", DigestSources("add", "world-desk")),
    ],
)
def test_every_form_is_understood(text: str, expected: DigestCommand) -> None:
    assert parse(text) == expected


def test_the_time_zone_defaults_to_the_configured_one() -> None:
    assert parse("on 08:30", "Europe/Paris") == DigestOn(8, 30, "Europe/Paris")
    assert parse("on 08:30 Asia/Tokyo", "Europe/Paris") == DigestOn(8, 30, "Asia/Tokyo")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("bogus", "I don't know “/digest bogus”"),
        ("on", "Tell me when"),
        ("on quiet mon-fri", "Tell me when"),
        ("on 25:00", "25:00 is not a time of day"),
        ("on 08:60", "08:60 is not a time of day"),
        ("on 8:5", "8:5 is not a time of day"),
        ("on 13pm", "13pm is not a time of day"),
        ("on 08:00 09:00", "one time only"),
        ("on 08:00 Mars/Olympus", "I don't know the time zone “Mars/Olympus”"),
        ("on 08:00 EST", "I don't know the time zone “EST”: give its Area/City name"),
        ("on 08:00 Europe/London America/New_York", "one time zone only"),
        ("on 08:00 mon-funday", "I don't know the days “mon-funday”"),
        ("on 08:00 mon,xyz", "I don't know the days"),
        ("on 08:00 every", "I don't understand “every”"),
        ("on 08:00 sometimes", "I don't understand “sometimes”"),
        ("on 0800", "I don't understand “0800”"),
        ("off please", "/digest off takes nothing after it"),
        ("now now", "/digest now takes nothing after it"),
        ("preview all", "/digest preview takes nothing after it"),
        ("status please", "/digest status takes nothing after it"),
        ("help me", "/digest help takes nothing after it"),
        ("sources list", "Use /digest sources add #channel"),
        ("sources add", "Name the channel, for example /digest sources add #newsroom"),
        ("sources remove", "Name the channel, for example /digest sources remove"),
        ("sources add newsroom", "“newsroom” is not a channel"),
        ("sources add <@U123>", "is not a channel"),
        ("sources add #a #b", "One channel at a time"),
    ],
)
def test_every_mistake_gets_a_friendly_sentence(text: str, says: str) -> None:
    result = parse(text)
    assert isinstance(result, CommandError)
    assert says in result.message
    assert "\n" not in result.message and result.message.endswith(".")


def test_help_names_every_command() -> None:
    for command in ("on", "off", "now", "preview", "status", "sources add", "sources remove"):
        assert f"/digest {command}" in USAGE


def test_channel_tokens_and_time_zone_names() -> None:
    assert parse_channel("<#C1|x>") == "C1"
    assert parse_channel("#general") == "general"
    assert parse_channel("general") is None
    assert parse_channel("<#>") is None
    assert find_timezone("AMERICA/NEW_YORK") == "America/New_York"
    assert find_timezone("Nowhere/Special") is None
    assert (find_timezone("utc"), find_timezone("GMT")) == ("UTC", "GMT")


@pytest.mark.parametrize("word", ["localtime", "Factory", "posixrules", "Japan", "EST5EDT"])
def test_time_zones_that_differ_from_host_to_host_are_not_accepted(word: str) -> None:
    """The host decides what “localtime” is, and “Factory” is no zone at all."""
    assert find_timezone(word) is None
    said = parse(f"on 08:00 {word}")
    assert isinstance(said, CommandError) and f"“{word}”" in said.message


def test_days_read_as_people_say_them() -> None:
    assert wording.days(EVERY_DAY) == "every day"
    assert wording.days(WEEKDAYS) == "Monday to Friday"
    assert wording.days((5, 6)) == "at weekends"
    assert wording.days((1, 2, 3)) == "Tuesday to Thursday"
    assert wording.days((0, 2, 4)) == "on Mondays, Wednesdays and Fridays"
    assert wording.days((6,)) == "on Sundays"
    assert wording.count(1, "story") == "1 story" and wording.count(3, "story") == "3 stories"
