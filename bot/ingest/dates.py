"""Read a publication date as newsrooms write it, and give it back as ISO 8601.

Machine dates (ISO 8601, RFC 2822) and the AP style printed on pages ("Aug. 25, 2024",
"Sept. 3, 2024", "March 5, 2024", "25 August 2024"). A time of day is kept when the source
gives one with a known zone; otherwise the answer is a bare date ("2024-08-25"), never a
guessed midnight. A small parser rather than dateutil: dateutil only arrives here through
htmldate, and it does not know "Sept.".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# US zone abbreviations as printed after AP times; the named zone gives the right offset
# for the date (EDT in summer, EST in winter) even when a page just says "ET".
ZONES = {
    "et": "America/New_York", "edt": "America/New_York", "est": "America/New_York",
    "ct": "America/Chicago", "cdt": "America/Chicago", "cst": "America/Chicago",
    "mt": "America/Denver", "mdt": "America/Denver", "mst": "America/Denver",
    "pt": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pst": "America/Los_Angeles",
    "gmt": "UTC", "utc": "UTC", "bst": "Europe/London",
}  # fmt: skip

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:\s*,?\s*(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d\d))?\s*"
    r"(?P<ampm>[ap])\.?\s?m\.?(?:\s+(?P<zone>[A-Za-z]{2,4})\b)?)?"
)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE)
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_NUMERIC = re.compile(r"\b(?P<year>(?:19|20)\d\d)[/.-](?P<month>\d{1,2})[/.-](?P<day>\d{1,2})\b")


def _iso(value: datetime) -> str:
    return value.isoformat()


def _from_match(m: re.Match[str]) -> str | None:
    month = MONTHS.get(m.group("month").lower())
    if month is None:
        return None
    try:
        day = date(int(m.group("year")), month, int(m.group("day")))
    except ValueError:
        return None
    zone = ZONES.get((m.group("zone") or "").lower())
    if m.group("hour") is None or zone is None:
        return day.isoformat()  # a time without a zone is not a time we can state
    hour = int(m.group("hour")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
    minute = int(m.group("minute") or 0)
    if hour > 23 or minute > 59:
        return day.isoformat()
    return _iso(datetime.combine(day, time(hour, minute), ZoneInfo(zone)))


def find_written_date(text: str) -> str | None:
    """The first AP-style or day-first date written in `text`, as ISO 8601."""
    matches = [m for rx in (_MONTH_FIRST, _DAY_FIRST) for m in rx.finditer(text)]
    for m in sorted(matches, key=lambda m: m.start()):
        found = _from_match(m)
        if found:
            return found
    return None


def is_date_only(text: str) -> bool:
    """True if `text` is a date and nothing else ("Thursday, Aug. 25, 2024 at 5 p.m. ET")."""
    text = _WEEKDAY.sub("", text.strip()).removesuffix(".")
    if not text:
        return False
    try:
        datetime.fromisoformat(text)
        return True
    except ValueError:
        pass
    return any(rx.fullmatch(text) for rx in (_MONTH_FIRST, _DAY_FIRST, _NUMERIC))


def parse_date(value: str | None) -> str | None:
    """`value` (a meta tag, a JSON-LD field, a dateline) as an ISO 8601 date or datetime."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        only_date = len(value) <= 10
        return parsed.date().isoformat() if only_date else _iso(parsed)
    try:
        return _iso(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        pass
    written = find_written_date(value)
    if written:
        return written
    m = _NUMERIC.search(value)
    if m:
        try:
            return date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
        except ValueError:
            return None
    return None
