"""Reading links safely: find them in a message, fetch the page, extract the article.

`find_links(message)` -> URLs; `async with Fetcher(contact_url=...) as f: page = await
f.fetch(url)` (or `f.refetch(url, page.validators)`: None while it is unchanged);
`read_article(page)` -> Article. Every failure is a FetchError whose
`user_message` is one sentence fit for the channel and whose str() is the detail for the log.
"""

from bot.ingest.addresses import AddressPolicy
from bot.ingest.conditional import Validators
from bot.ingest.errors import (
    BodyTooLarge,
    BrokenResponse,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    MalformedLink,
    NoReadableArticle,
    NotAWebLink,
    RefusedAddress,
    TooManyRedirects,
    Unreachable,
    UnsupportedContent,
)
from bot.ingest.fetch import Fetcher, Page
from bot.ingest.links import find_links
from bot.ingest.reader import Article, read_article

__all__ = [
    "AddressPolicy",
    "Article",
    "BodyTooLarge",
    "BrokenResponse",
    "FetchError",
    "FetchTimeout",
    "Fetcher",
    "HttpStatusError",
    "MalformedLink",
    "NoReadableArticle",
    "NotAWebLink",
    "Page",
    "RefusedAddress",
    "TooManyRedirects",
    "Unreachable",
    "UnsupportedContent",
    "Validators",
    "find_links",
    "read_article",
]
