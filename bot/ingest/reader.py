"""Turn a fetched page into the article a brief is made of: text plus who, when and where.

trafilatura finds the article body (leaving navigation, ads and comments behind) and most of
the metadata; the publication date and canonical address come from what the page itself
declares (published.py, canonical.py), because those must be exact. A page with too little
text is refused rather than briefed: a cookie banner or a paywall teaser is not an article.
CPU-bound and synchronous: call it through `asyncio.to_thread` from async code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from trafilatura.utils import load_html

from bot.ingest.canonical import canonical_url, clean_url
from bot.ingest.dates import is_date_only, parse_date
from bot.ingest.errors import NoReadableArticle
from bot.ingest.fetch import Page
from bot.ingest.published import published_date

log = logging.getLogger(__name__)

MIN_WORDS = 80
# Parts of a byline that are job titles, not names: "Priya Raman; Staff Writer".
_ROLE = re.compile(
    r"^(?:(?:senior|chief|special|contributing|staff|national|political|foreign|local)\s+)*"
    r"(?:writer|reporter|correspondent|contributor|editor|columnist|photographer)s?$",
    re.IGNORECASE,
)

# "Posted Aug. 25, 2024 at 5:12 p.m.": the words before a dateline's date.
_DATELINE_PREFIX = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:posted|published|updated)(?:\s+on)?:?\s+)", re.IGNORECASE
)


@dataclass(frozen=True)
class Article:
    """What a link's brief is made of. `url` is the link as pasted; `published` is ISO 8601."""

    url: str
    canonical_url: str
    title: str | None
    byline: str | None
    site_name: str | None
    published: str | None
    text: str

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def _squash(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def clean_byline(author: str | None) -> str | None:
    """trafilatura's "A; B; Staff Writer" as "A and B", job titles dropped."""
    names = [p.strip() for p in (author or "").split(";")]
    names = [n for n in names if n and not _ROLE.match(n)]
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _names_a_writer(words: list[str], byline: str | None) -> bool:
    """The words after "By" name the writer ("By Priya Raman, Staff Writer"), unlike a
    sentence that happens to start with "By" ("By noon, the polls had closed.")."""
    if byline:
        return byline.split()[0].casefold() in " ".join(words).casefold()
    return bool(words) and all(w[:1].isupper() or w in ("and", "&", "of") for w in words)


def _is_furniture(line: str, title: str | None, byline: str | None) -> bool:
    """A line before the story proper: the headline again, a bare date, a "By ..." line."""
    words = line.split()
    if not words:
        return True
    folded = " ".join(words).casefold()
    if title and folded == " ".join(title.split()).casefold():
        return True
    if byline and folded == byline.casefold():
        return True
    if len(words) <= 8 and words[0].casefold() == "by" and _names_a_writer(words[1:], byline):
        return True
    return is_date_only(_DATELINE_PREFIX.sub("", line.strip()))


def trim_furniture(text: str, title: str | None, byline: str | None) -> str:
    """`text` without the leading lines that repeat the headline, byline or date."""
    lines = text.strip().splitlines()
    start = 0
    while start < len(lines) and _is_furniture(lines[start], title, byline):
        start += 1
    return "\n".join(lines[start:]).strip()


def _require_words(text: str, url: str) -> str:
    count = len(text.split())
    if count < MIN_WORDS:
        raise NoReadableArticle(f"{url}: {count} words of article text (need {MIN_WORDS})")
    return text


def read_article(page: Page) -> Article:
    """The article in `page`; NoReadableArticle if it holds fewer than 80 words of text."""
    if not page.is_html:
        return Article(
            url=page.url,
            canonical_url=clean_url(page.final_url),
            title=None,
            byline=None,
            site_name=None,
            published=None,
            text=_require_words(page.text.strip(), page.url),
        )
    tree = load_html(page.text)
    try:
        doc = trafilatura.bare_extraction(
            page.text, url=page.final_url, with_metadata=True, include_comments=False
        )
    except Exception as e:  # a parser failing on hostile HTML must not take the bot down
        log.warning("trafilatura failed on %s: %r", page.final_url, e)
        doc = None
    if doc is None or not getattr(doc, "text", None):
        raise NoReadableArticle(f"{page.url}: trafilatura found no article text")
    title = _squash(doc.title)
    byline = clean_byline(doc.author)
    text = trim_furniture(doc.text, title, byline)
    return Article(
        url=page.url,
        canonical_url=canonical_url(tree, page.final_url),
        title=title,
        byline=byline,
        site_name=_squash(doc.sitename),
        published=published_date(tree) or parse_date(doc.date),
        text=_require_words(text, page.url),
    )


def warm_up() -> None:
    """Read one small page, so the first real link is not slowed by trafilatura loading its
    date library (about 2.5 s on the first call of a process, about 10 ms after)."""
    words = " ".join(["The council met on Monday to agree the budget for the coming year."] * 10)
    html = f"<html><head><title>Warm-up</title></head><body><article><p>{words}</p></article>"
    page = Page(
        url="https://warm-up.invalid/",
        final_url="https://warm-up.invalid/",
        status=200,
        content_type="text/html",
        text=html + "</body></html>",
        fetched_at=datetime.now(UTC),
    )
    read_article(page)
