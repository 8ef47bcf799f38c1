"""What the who-said-what and search queries hand back: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A canonical name a looked-up key stands for in the briefs the asker may see."""

    name_key: str
    articles: int  # how many of those briefs name it so
    # Its names and aliases (keys) there: briefs naming one of these are the same actor's.
    aliases: frozenset[str]


@dataclass(frozen=True, slots=True)
class ActorFacts:
    """How the briefs the asker may see name an actor, its kind and its latest role."""

    name: str
    kind: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class Said:
    """A quote or position, with the article it is from and when that was shared where the
    asker may see it (the latest such posting)."""

    text: str
    kind: str  # "quote" or "position"
    cue: str | None
    speaker: str
    article_id: int
    title: str | None
    url: str | None
    shared_at: datetime


@dataclass(frozen=True, slots=True)
class Found:
    """A brief that full-text search found, best first; `body` is its bullets and quotes."""

    article_id: int
    title: str | None
    url: str | None
    body: str
    shared_at: datetime
