"""Briefbot's store: articles, briefs, postings and digests in SQLite or PostgreSQL (SQLAlchemy 2
async).

`await Store.open(url)` brings the schema up to date with the Alembic migrations in
bot/store/migrations/ and returns the object the service calls.
"""

from bot.store.database import DEFAULT_DATABASE_URL
from bot.store.errors import UnknownArticleError, UnknownDigestRunError
from bot.store.hashing import content_hash, normalise_text
from bot.store.recall_records import ActorFacts, Found, NameMatch, Said
from bot.store.records import (
    DIGEST_RUN_STATUSES,
    FINISHED_DIGEST_STATUSES,
    AcceptedWork,
    DigestRun,
    DigestSchedule,
    LinkCheck,
    NewArticle,
    NewBrief,
    NewCheck,
    NewPosting,
    NewWork,
    Posting,
    SavedArticle,
    SharedBrief,
    StoredArticle,
)
from bot.store.store import Store

__all__ = [
    "DEFAULT_DATABASE_URL",
    "DIGEST_RUN_STATUSES",
    "FINISHED_DIGEST_STATUSES",
    "AcceptedWork",
    "ActorFacts",
    "DigestRun",
    "DigestSchedule",
    "Found",
    "LinkCheck",
    "NameMatch",
    "NewArticle",
    "NewBrief",
    "NewCheck",
    "NewPosting",
    "NewWork",
    "Posting",
    "Said",
    "SavedArticle",
    "SharedBrief",
    "Store",
    "StoredArticle",
    "UnknownArticleError",
    "UnknownDigestRunError",
    "content_hash",
    "normalise_text",
]
