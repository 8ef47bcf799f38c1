"""The demo's sample articles: a header says what a fetched page would (title, site, date, link)."""

from __future__ import annotations

from locations import REPO

from bot.demo import Sample, read_sample
from bot.service import TextSource


def test_a_header_gives_the_title_and_where_the_sample_is_from() -> None:
    sample = read_sample(
        "Title: Bridge vote\nsite:  The Gazette \nPublished: 2026-12-01\n"
        "URL: https://gazette.example/bridge\n\nThe council voted.\n\nIt was close.\n"
    )
    assert sample == Sample(
        "The council voted.\n\nIt was close.",
        "Bridge vote",
        TextSource("https://gazette.example/bridge", "The Gazette", "2026-12-01"),
    )


def test_a_text_without_a_header_is_all_article() -> None:
    for text in ("The council voted.\n\nIt was close.", "Title: not a header\nThe council voted."):
        assert read_sample(text) == Sample(text)


def test_the_samples_tell_two_stories_twice_from_invented_outlets() -> None:
    samples = [read_sample(p.read_text(encoding="utf-8")) for p in (REPO / "seeds").glob("1*.txt")]
    assert 4 <= len(samples) <= 6
    assert all(s.title and s.source.site and s.source.published for s in samples)
    assert all(".example/" in (s.source.url or "") for s in samples)  # no real outlet's address
    assert 2 <= len({s.source.site for s in samples}) <= 3
