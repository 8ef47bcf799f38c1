"""Reading `--since`: a moment ("2026-11-24", "2026-11-24 09:00", ISO with an offset) or how
long ago ("36h", "90m", "2d", "1w"); a moment without an offset is on the given zone's clock."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_AGO = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
FORMS = "a date (2026-11-24), a date and time (2026-11-24 09:00) or a span such as 36h, 2d or 1w"


def parse_since(value: str, *, now: datetime, timezone: str) -> datetime:
    """The moment `value` names; ValueError with a plain sentence when it names none."""
    if match := _AGO.match(value):
        amount, unit = int(match.group(1)), match.group(2).lower()
        try:
            return now - timedelta(**{_UNITS[unit]: amount})
        except OverflowError:
            raise ValueError(f"The start of the period, {value} ago, is too long ago.") from None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"The start of the period must be {FORMS}, not {value!r}.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    if moment > now:
        raise ValueError(f"The start of the period, {value}, is in the future.")
    return moment
