"""`/digest …` as typed in Slack, Discord or the console, parsed into plain data (pure).

Every platform hands over the text after `/digest`; what comes back is one of the command
types below, or a CommandError whose message is a friendly sentence to show the person who
typed it. Nothing here touches the store or the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

EVERY_DAY: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)

USAGE = (
    "Here is what /digest can do:\n"
    "/digest on 08:30 [time zone] [days] [quiet] - a digest here at that time, for example "
    "/digest on 08:30 Europe/London mon-fri quiet (days: daily, weekdays, weekends, mon-fri or "
    "mon,wed,fri; quiet posts nothing when nothing new was shared)\n"
    "/digest off - stop the digest here\n"
    "/digest now - post a digest of what was shared since the last one, right now\n"
    "/digest preview - show that digest only to you\n"
    "/digest status - when the next digest comes and what is waiting for it\n"
    "/digest sources add #channel or /digest sources remove #channel - fold in what is shared "
    "in another channel"
)


@dataclass(frozen=True, slots=True)
class DigestOn:
    """Post a digest at hour:minute in `timezone` on `weekdays` (0 = Monday)."""

    hour: int
    minute: int
    timezone: str
    weekdays: tuple[int, ...] = EVERY_DAY
    quiet: bool = False


@dataclass(frozen=True, slots=True)
class DigestOff:
    pass


@dataclass(frozen=True, slots=True)
class DigestNow:
    pass


@dataclass(frozen=True, slots=True)
class DigestPreview:
    pass


@dataclass(frozen=True, slots=True)
class DigestStatus:
    pass


@dataclass(frozen=True, slots=True)
class DigestSources:
    """Add or remove a source channel (its id on the platform), or list them (no channel)."""

    action: Literal["add", "remove", "list"]
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class DigestHelp:
    pass


@dataclass(frozen=True, slots=True)
class CommandError:
    """The text could not be understood; `message` says why, in a sentence for the user."""

    message: str


DigestCommand = (
    DigestOn | DigestOff | DigestNow | DigestPreview | DigestStatus | DigestSources | DigestHelp
)

_DAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_DAY_SETS = {
    "daily": EVERY_DAY,
    "everyday": EVERY_DAY,
    "weekdays": (0, 1, 2, 3, 4),
    "weekday": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{1,2}))?(am|pm)?$")
# What a time zone looks like when it is not one we know: Area/Location, or an abbreviation.
_ZONE_LIKE = re.compile(r"^(?:[A-Za-z_+\-]+/[A-Za-z0-9_+\-/]+|[A-Z]{2,5}[0-9+\-]*)$")
_DAYS_TOKEN = re.compile(r"^[a-z][a-z,\-]*$")
# Slack <#C123|name> or <#C123>, Discord <#123>, the console's #name.
_CHANNEL_MENTION = re.compile(r"^<#([A-Za-z0-9_]+)(?:\|[^>]*)?>$")
_CHANNEL_NAME = re.compile(r"^#([\w.\-]+)$")
_NO_ARGUMENTS = ("off", "now", "preview", "status", "help")


def parse_digest_command(text: str, *, default_timezone: str) -> DigestCommand | CommandError:
    """The command in `text` (what follows /digest; a leading "/digest" is allowed too)."""
    words = text.split()
    if words and words[0].lower() == "/digest":
        words = words[1:]
    if not words:
        return DigestHelp()
    verb, rest = words[0].lower(), words[1:]
    if verb in _NO_ARGUMENTS:
        if rest:
            return CommandError(f"/digest {verb} takes nothing after it.")
        return {
            "off": DigestOff(),
            "now": DigestNow(),
            "preview": DigestPreview(),
            "status": DigestStatus(),
            "help": DigestHelp(),
        }[verb]
    if verb == "on":
        return _parse_on(rest, default_timezone)
    if verb in ("sources", "source"):
        return _parse_sources(rest)
    return CommandError(
        f"I don't know “/digest {words[0]}”. Try /digest on, off, now, preview, status or "
        "sources, or /digest help."
    )


def _parse_on(words: list[str], default_timezone: str) -> DigestOn | CommandError:
    time: tuple[int, int] | None = None
    timezone: str | None = None
    days: set[int] = set()
    quiet = False
    i = 0
    while i < len(words):
        word = words[i]
        low = word.lower()
        i += 1
        if low == "quiet":
            quiet = True
        elif low == "every" and i < len(words) and words[i].lower() == "day":
            days.update(EVERY_DAY)
            i += 1
        elif _TIME.match(low) and (any(c in low for c in ":.h") or low.endswith(("am", "pm"))):
            if time is not None:
                return CommandError("Give one time only, for example /digest on 08:30.")
            parsed = _time(low)
            if isinstance(parsed, CommandError):
                return parsed
            time = parsed
        elif (found := _days(low)) is not None:
            if isinstance(found, CommandError):
                return found
            days.update(found)
        elif (zone := find_timezone(word)) is not None:
            if timezone is not None and zone != timezone:
                return CommandError(
                    "Give one time zone only, for example /digest on 08:30 Europe/London."
                )
            timezone = zone
        elif _ZONE_LIKE.match(word):
            return CommandError(
                f"I don't know the time zone “{word}”: give its Area/City name, for example "
                "Europe/London or America/New_York (abbreviations like EST are ambiguous)."
            )
        else:
            return CommandError(
                f"I don't understand “{word}”. After the time you can give a time zone "
                "(like Europe/London), days (like mon-fri) and quiet."
            )
    if time is None:
        return CommandError(
            "Tell me when: for example /digest on 08:30, or /digest on 08:30 Europe/London "
            "mon-fri quiet."
        )
    return DigestOn(
        hour=time[0],
        minute=time[1],
        timezone=timezone or default_timezone,
        weekdays=tuple(sorted(days)) if days else EVERY_DAY,
        quiet=quiet,
    )


def _time(word: str) -> tuple[int, int] | CommandError:
    match = _TIME.match(word)
    assert match is not None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    two_digit_minutes = match[2] is None or len(match[2]) == 2
    if half is not None:
        if not 1 <= hour <= 12 or minute > 59 or not two_digit_minutes:
            return CommandError(f"{word} is not a time of day; try 8:30am or 17:45.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif hour > 23 or minute > 59 or not two_digit_minutes:
        return CommandError(
            f"{word} is not a time of day; use the 24-hour clock, for example 08:30 or 17:45."
        )
    return hour, minute


def _days(word: str) -> tuple[int, ...] | CommandError | None:
    """Days from `weekdays`, `daily`, `mon-fri`, `fri-mon`, `mon,wed,fri`; None when the word
    is not about days at all (it may be a time zone)."""
    if word in _DAY_SETS:
        return _DAY_SETS[word]
    if not _DAYS_TOKEN.match(word):
        return None
    parts = [part for part in word.split(",") if part]
    if not parts:
        return None
    days: list[int] = []
    for part in parts:
        ends = part.split("-")
        if len(ends) > 2 or not all(end in _DAYS for end in ends):
            if len(parts) == 1 and len(ends) == 1 and part not in _DAYS:
                return None  # a single unknown word: not a day, perhaps a time zone
            return CommandError(
                f"I don't know the days “{word}”; use mon, tue, wed, thu, fri, sat and sun, "
                "a range like mon-fri, or a list like mon,wed,fri."
            )
        first, last = _DAYS[ends[0]], _DAYS[ends[-1]]
        days.extend((first + step) % 7 for step in range((last - first) % 7 + 1))
    return tuple(sorted(set(days)))


# The zones without an area that people mean the same thing by everywhere.
_WELL_KNOWN = frozenset({"UTC", "GMT"})


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Area/Location names (and UTC, GMT) only: the tz database's other entries ("localtime",
    "Factory", old aliases like "Japan") name a different zone, or none, from host to host,
    and a schedule has to mean the same on every host sharing the database."""
    names = {name for name in available_timezones() if "/" in name or name in _WELL_KNOWN}
    return {name.lower(): name for name in names | {"UTC"}}


def find_timezone(word: str) -> str | None:
    """The IANA Area/Location name (or UTC, GMT) for `word`, whatever its case, or None."""
    name = _zones().get(word.lower())
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def _parse_sources(words: list[str]) -> DigestSources | CommandError:
    if not words:
        return DigestSources("list")
    action = words[0].lower()
    if action not in ("add", "remove"):
        return CommandError(
            "Use /digest sources add #channel or /digest sources remove #channel "
            "(or /digest sources to see them)."
        )
    if len(words) == 1:
        return CommandError(f"Name the channel, for example /digest sources {action} #newsroom.")
    if len(words) > 2:
        return CommandError("One channel at a time, please.")
    channel = parse_channel(words[1])
    if channel is None:
        return CommandError(
            f"“{words[1]}” is not a channel; name it with #, for example #newsroom."
        )
    return DigestSources("add" if action == "add" else "remove", channel)


def parse_channel(token: str) -> str | None:
    """The channel id in a mention (<#C123|name>, <#C123>, <#123>) or the name in #name."""
    match = _CHANNEL_MENTION.match(token) or _CHANNEL_NAME.match(token)
    return match[1] if match else None
