"""What the store hands back: plain frozen values, so no caller ever holds a session or ORM row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from bot.channels import ChannelRef


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
    # The article this one replaced when its link's page changed (None: a first version).
    previous_id: int | None = None


@dataclass(frozen=True, slots=True)
class LinkCheck:
    """What the last fetch of a link left for the next: when it was, and the validators its
    answer gave (ETag, Last-Modified) for asking again only if the page changed."""

    url: str
    article_id: int  # the version the link stands for now
    checked_at: datetime | None  # None: never checked since check times were kept
    etag: str | None
    last_modified: str | None


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
    private: bool = True


# Digests

DIGEST_RUN_KINDS: frozenset[str] = frozenset({"scheduled"})
# "claimed" while a process works on the run; the others are where a run ends.
FINISHED_DIGEST_STATUSES: frozenset[str] = frozenset({"posted", "empty", "failed", "skipped"})
DIGEST_RUN_STATUSES: frozenset[str] = FINISHED_DIGEST_STATUSES | {"claimed"}


@dataclass(frozen=True, slots=True)
class DigestSchedule:
    """When a channel gets its digest: local time in `timezone` on `weekdays` (0 = Monday)."""

    id: int
    target: ChannelRef
    hour: int
    minute: int
    timezone: str  # IANA name, e.g. "Europe/Paris"
    weekdays: tuple[int, ...]  # sorted, non-empty; all 7 = every day
    quiet: bool  # True: an empty period posts nothing
    enabled: bool
    disabled_reason: str | None  # set when a permanent failure turned it off, else None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DigestRun:
    """One scheduled digest of one channel; the row is the claim, so it happens once."""

    id: int
    target: ChannelRef
    scheduled_for: datetime  # aware UTC; the claim key with target
    kind: str  # "scheduled"
    status: str  # one of DIGEST_RUN_STATUSES
    claimed_by: str  # the claiming process, e.g. "host:pid:uuid4[:8]"
    claimed_at: datetime
    finished_at: datetime | None
    attempts: int  # failed posting attempts recorded so far
    detail: str | None  # the last error, or why the run was skipped
    article_count: int | None
    story_count: int | None
    since: datetime | None  # the period covered: (since, scheduled_for]
    last_attempt_at: datetime | None = None  # when the last failed attempt was recorded


@dataclass(frozen=True, slots=True)
class SharedBrief:
    """One posting of an article, with its brief of the version asked for."""

    article_id: int
    brief_json: str  # exactly as stored
    url: str | None  # the article's canonical_url, else its first url, else None
    title: str | None
    channel: ChannelRef  # where it was shared
    shared_at: datetime  # the posting's posted_at
    # The first version of the article's link (its own id when it replaced none): every
    # version of one link shares it, so a digest tells them as one article.
    first_version_id: int


# What a share keeps (Store.keep), checked by the store before its transaction


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to keep: found by any of its URLs, else by its text, else inserted.
    `replaces`: the article the link stood for before its page changed (versions.py)."""

    text: str
    fetched_at: datetime
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    byline: str | None = None
    site_name: str | None = None
    published_at: datetime | None = None
    replaces: int | None = None


@dataclass(frozen=True, slots=True)
class NewBrief:
    """The brief a summarizer version made of the article; the same version again replaces
    it."""

    brief_json: str
    version: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewCheck:
    """A fetch that found the article behind `urls`, with the validators its answer gave."""

    urls: tuple[str | None, ...]
    checked_at: datetime
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class NewPosting:
    """Where the article was shared. `request`: the accepted work it answers (posted for it
    once however often the work is resumed); `private`: shown back only in that channel."""

    platform: str
    channel: str
    posted_at: datetime
    workspace: str | None = None
    message_id: str | None = None
    user_id: str | None = None
    request: str | None = None
    private: bool = True


# Accepted work


@dataclass(frozen=True, slots=True)
class NewWork:
    """A request to keep: its kind, its unique key (a platform's delivery id, or one made for
    it) and the adapter's JSON."""

    kind: str
    key: str
    payload: str


@dataclass(frozen=True, slots=True)
class AcceptedWork:
    """A request the bot accepted, as kept until it is answered."""

    id: int
    kind: str
    key: str | None  # the platform's delivery id, when it has one
    payload: str  # JSON, as the adapter wrote it
    accepted_at: datetime
    attempts: int  # 1 when first accepted, one more each time it is taken over
