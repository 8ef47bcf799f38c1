"""`--since` values: moments on the configured zone's clock, or spans back from now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.digests.since import parse_since

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("36h", NOW - timedelta(hours=36)),
        ("90m", NOW - timedelta(minutes=90)),
        ("2D", NOW - timedelta(days=2)),
        ("1w", NOW - timedelta(weeks=1)),
        ("2026-11-24", datetime(2026, 11, 23, 23, 0, tzinfo=UTC)),  # midnight in Paris
        ("2026-11-24 09:30", datetime(2026, 11, 24, 8, 30, tzinfo=UTC)),
        ("2026-11-24T09:30+00:00", datetime(2026, 11, 24, 9, 30, tzinfo=UTC)),
    ],
)
def test_moments_and_spans(value: str, expected: datetime) -> None:
    assert parse_since(value, now=NOW, timezone="Europe/Paris") == expected


@pytest.mark.parametrize(
    ("value", "says"),
    [("yesterday", "must be a date"), ("2027-01-01", "future"), ("999999999d", "too long ago")],
)
def test_what_names_no_moment_is_one_plain_sentence(value: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_since(value, now=NOW, timezone="UTC")
