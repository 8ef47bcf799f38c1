"""Shared fixtures: the seed article and one summarizer for the whole run."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import Brief, Summarizer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_55396772dfa231c4.txt"
# The Brief contract of DESIGN.md, as every reader of the JSON expects it.
BRIEF_KEYS = frozenset(
    {
        "title",
        "url",
        "byline",
        "published",
        "word_count",
        "reading_minutes",
        "bullets",
        "quotes",
        "actors",
    }
)
QUOTE_KEYS = frozenset({"text", "start", "end", "speaker", "speaker_role", "cue", "sentence"})
ACTOR_KEYS = frozenset({"name", "kind", "role", "aliases", "mentions", "positions"})


@pytest.fixture(scope="session")
def summarizer_() -> Summarizer:
    return Summarizer()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_brief(summarizer_: Summarizer, seed_text: str) -> Brief:
    return summarizer_.summarize(seed_text)
