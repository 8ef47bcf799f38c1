"""The sentences /digest replies with: times in the schedule's zone, days, runs and counts.

Kept apart from the service so every reply reads the same way and can be checked on its own.
Channels are shown as "#" plus what the platform calls them (an id on Slack and Discord).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.digests.commands import EVERY_DAY
from bot.schedule.timing import local
from bot.store.records import DigestRun, DigestSchedule

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def when(moment: datetime, timezone: str) -> str:
    """'Monday 9 March at 08:00 (Europe/London)': the instant on the zone's wall clock."""
    at = local(moment, timezone)
    return f"{DAY_NAMES[at.weekday()]} {at.day} {at:%B} at {at:%H:%M} ({timezone})"


def heading(scheduled_for: datetime, timezone: str) -> str:
    """'Digest · Monday 9 March': the day a scheduled digest is for, on the zone's calendar."""
    at = local(scheduled_for, timezone)
    return f"Digest · {DAY_NAMES[at.weekday()]} {at.day} {at:%B}"


def clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def days(weekdays: Sequence[int]) -> str:
    """'every day', 'Monday to Friday', 'on Mondays, Wednesdays and Fridays'."""
    chosen = tuple(sorted(set(weekdays)))
    if chosen == EVERY_DAY:
        return "every day"
    if chosen == (5, 6):
        return "at weekends"
    if len(chosen) >= 3 and chosen == tuple(range(chosen[0], chosen[-1] + 1)):
        return f"{DAY_NAMES[chosen[0]]} to {DAY_NAMES[chosen[-1]]}"
    return "on " + join([f"{DAY_NAMES[day]}s" for day in chosen])


def join(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def tally(articles: int, stories: int) -> str:
    """'5 articles in 3 stories': what a digest held."""
    return f"{count(articles, 'article')} in {count(stories, 'story')}"


def count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun}" if n == 1 else f"{n} {plural}"


def channel(name: str) -> str:
    return f"#{name}"


def schedule(s: DigestSchedule) -> str:
    """'every day at 08:00 (Europe/London), quietly'."""
    quiet = ", and stays quiet when nothing new was shared" if s.quiet else ""
    return f"{days(s.weekdays)} at {clock(s.hour, s.minute)} ({s.timezone}){quiet}"


def run(r: DigestRun, timezone: str) -> str:
    """'Monday 9 March at 08:00 (Europe/London): posted, 5 articles in 3 stories'."""
    at = when(r.scheduled_for, timezone)
    if r.status == "posted":
        return f"{at}: posted, {tally(r.article_count or 0, r.story_count or 0)}"
    if r.status == "empty":
        return f"{at}: nothing new had been shared"
    if r.status == "failed":
        return f"{at}: it could not be posted ({r.detail or 'no detail'})"
    if r.status == "skipped":
        return f"{at}: skipped ({r.detail or 'no detail'})"
    return f"{at}: started but not finished"
