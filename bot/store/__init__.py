"""Briefbot's store: articles, briefs and postings in SQLite or PostgreSQL (SQLAlchemy 2 async).

`await Store.open(url)` brings the schema up to date with the Alembic migrations in
bot/store/migrations/ and returns the object the service calls.
"""

from bot.store.engine import DEFAULT_DATABASE_URL
from bot.store.errors import UnknownArticleError
from bot.store.hashing import content_hash, normalise_text
from bot.store.records import PLATFORMS, Platform, Posting, SavedArticle, StoredArticle
from bot.store.store import Store

__all__ = [
    "DEFAULT_DATABASE_URL",
    "PLATFORMS",
    "Platform",
    "Posting",
    "SavedArticle",
    "Store",
    "StoredArticle",
    "UnknownArticleError",
    "content_hash",
    "normalise_text",
]
