"""The Brief contract of ARCHITECTURE.md, as every reader of the JSON expects it."""

from __future__ import annotations

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
        "site",
    }
)
QUOTE_KEYS = frozenset({"text", "start", "end", "speaker", "speaker_role", "cue", "sentence"})
ACTOR_KEYS = frozenset({"name", "kind", "role", "aliases", "mentions", "positions"})
