"""The Brief contract of ARCHITECTURE.md as plain dataclasses.

Every other part (store, renderers, checks) reads these, so they hold data only and
serialise to exactly the JSON object the design fixes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

ActorKind = Literal["person", "organization", "place", "group"]


@dataclass(frozen=True, slots=True)
class Bullet:
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_role: str | None
    cue: str | None
    sentence: int


@dataclass(frozen=True, slots=True)
class Position:
    text: str
    cue: str
    sentence: int
    direct: bool


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: ActorKind
    role: str | None
    aliases: list[str]
    mentions: int
    positions: list[Position]


@dataclass(frozen=True, slots=True)
class Since:
    """The latest earlier article a What's new is told against, as it was shared."""

    title: str | None
    url: str | None
    shared_at: str | None  # ISO time of its sharing


@dataclass(frozen=True, slots=True)
class NewActor:
    """An actor new to the story (every position it takes), or one already in it that takes
    new positions (only those)."""

    name: str
    positions: list[Position]


@dataclass(frozen=True, slots=True)
class WhatsNew:
    """What a brief adds to the earlier articles of its story shared where it is shared."""

    since: Since
    sentences: list[Bullet]
    quotes: list[Quote]
    actors: list[NewActor]

    @property
    def nothing(self) -> bool:
        return not (self.sentences or self.quotes or self.actors)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WhatsNew:
        return cls(
            since=Since(**data["since"]),
            sentences=[Bullet(**b) for b in data.get("sentences", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            actors=[
                NewActor(a["name"], [Position(**p) for p in a.get("positions", [])])
                for a in data.get("actors", [])
            ],
        )


@dataclass(frozen=True, slots=True)
class Brief:
    title: str | None
    url: str | None
    byline: str | None
    published: str | None
    word_count: int
    reading_minutes: float
    bullets: list[Bullet]
    quotes: list[Quote]
    actors: list[Actor]
    # Things the reader should know about how the brief was made (e.g. a capped input).
    notices: list[str] = field(default_factory=list)
    # The publication's own name ("The Guardian"), when the page gave one.
    site: str | None = None
    # What the article adds to the earlier articles of its story shared in the same place
    # (summarizer/novelty.py); absent from the JSON when there is none, and never stored,
    # since it depends on where the brief is shared.
    whats_new: WhatsNew | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.whats_new is None:
            del data["whats_new"]
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON: the same brief always gives the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def with_source(
        self,
        *,
        title: str | None = None,
        url: str | None = None,
        byline: str | None = None,
        published: str | None = None,
        site: str | None = None,
    ) -> Brief:
        """The same brief with the metadata a fetched page supplied (None keeps what is there)."""
        return replace(
            self,
            title=title if title is not None else self.title,
            url=url if url is not None else self.url,
            byline=byline if byline is not None else self.byline,
            published=published if published is not None else self.published,
            site=site if site is not None else self.site,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        return cls(
            title=data.get("title"),
            url=data.get("url"),
            byline=data.get("byline"),
            published=data.get("published"),
            word_count=int(data["word_count"]),
            reading_minutes=float(data["reading_minutes"]),
            bullets=[Bullet(**b) for b in data.get("bullets", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            actors=[
                Actor(
                    **{k: v for k, v in a.items() if k != "positions"},
                    positions=[Position(**p) for p in a.get("positions", [])],
                )
                for a in data.get("actors", [])
            ],
            notices=list(data.get("notices", [])),
            site=data.get("site"),
            whats_new=WhatsNew.from_dict(data["whats_new"]) if data.get("whats_new") else None,
        )
