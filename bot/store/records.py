"""What the store hands back: plain frozen values, so no caller ever holds a session or ORM row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple, get_args

Platform = Literal["slack", "discord", "console", "cli"]
PLATFORMS: frozenset[str] = frozenset(get_args(Platform))


class SavedArticle(NamedTuple):
    """The outcome of save_article: unpacks as `(article_id, created)`."""

    article_id: int
    created: bool


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as kept, with every URL it is known under (oldest link first)."""

    id: int
    content_hash: str
    canonical_url: str | None
    title: str | None
    byline: str | None
    site_name: str | None
    published_at: datetime | None
    text: str
    fetched_at: datetime
    urls: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Posting:
    """One time an article's brief was posted somewhere."""

    id: int
    article_id: int
    platform: str
    workspace: str | None
    channel: str
    message_id: str | None
    user_id: str | None
    posted_at: datetime
