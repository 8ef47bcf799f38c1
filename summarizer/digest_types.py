"""The Digest contract of ARCHITECTURE.md as plain dataclasses: many briefs in, stories out.

Renderers, the store and `briefbot digest --format json` read these, so they hold data only and
serialise to exactly the JSON object the design fixes (plus `shares`, how often a story was
posted, which ranks it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class StoryQuote:
    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Story:
    headline: str
    bullets: list[str]
    quote: StoryQuote | None
    urls: list[str]
    titles: list[str]
    # Distinct articles grouped in the story (the same text under two URLs is one).
    articles: int
    # Times the story's articles were shared in the period (an article posted twice counts 2).
    shares: int = 1
    # Already in the channel's previous digest: `bullets` and `quote` then hold only what is
    # new since it (summarizer/continuing.py). In the JSON only when true.
    continuing: bool = False


@dataclass(frozen=True, slots=True)
class Digest:
    article_count: int
    story_count: int
    stories: list[Story] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.stories

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for story in data["stories"]:
            if not story["continuing"]:
                del story["continuing"]
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON: the same digest always gives the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Digest:
        return cls(
            article_count=int(data["article_count"]),
            story_count=int(data["story_count"]),
            stories=[
                Story(
                    headline=s["headline"],
                    bullets=list(s.get("bullets", [])),
                    quote=StoryQuote(**s["quote"]) if s.get("quote") else None,
                    urls=list(s.get("urls", [])),
                    titles=list(s.get("titles", [])),
                    articles=int(s.get("articles", 1)),
                    shares=int(s.get("shares", 1)),
                    continuing=bool(s.get("continuing", False)),
                )
                for s in data.get("stories", [])
            ],
        )
