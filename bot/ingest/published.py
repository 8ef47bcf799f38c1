"""Find when an article was published, trusting what the page states over any guess.

In order: JSON-LD `datePublished` (what the CMS wrote for search engines), the publication
meta tags (Open Graph, Parse.ly, Sailthru, Dublin Core), a `<time>` or `itemprop` date, and
finally a date printed in the article's byline or dateline (AP style, read by dates.py).
trafilatura's own guess is the caller's last resort: it misreads AP dates and drops times.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from bot.ingest.dates import find_written_date, parse_date

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "report",
    }
)
# (attribute, value) of <meta> tags carrying the publication time, most trusted first.
DATE_META = (
    ("property", "article:published_time"),
    ("property", "og:article:published_time"),
    ("property", "og:published_time"),
    ("name", "article:published_time"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
    ("itemprop", "datepublished"),
    ("name", "publish-date"),
    ("name", "publish_date"),
    ("name", "pubdate"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.issued"),
    ("name", "dc.date"),
    ("name", "date"),
)
# Class or id words of elements that print the date near the headline.
DATE_HINTS = ("date", "time", "publish", "posted", "dateline", "byline", "entry-info", "meta")
# Ancestors whose dates are not the article's (today's date in the masthead, comments, ...).
NOT_ARTICLE = ("comment", "masthead", "related", "sidebar", "widget", "footer", "promo")


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def json_ld_date(tree: HtmlElement) -> str | None:
    """`datePublished` of the article object in the page's JSON-LD (any object as fallback)."""
    fallback = None
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        for obj in _walk(data):
            found = parse_date(str(obj.get("datePublished") or obj.get("dateCreated") or ""))
            if not found:
                continue
            if _types(obj) & ARTICLE_TYPES:
                return found
            fallback = fallback or found
    return fallback


def meta_date(tree: HtmlElement) -> str | None:
    """The publication date from the best-ranked meta tag present."""
    metas = [{k.lower(): (v or "").strip() for k, v in m.attrib.items()} for m in tree.iter("meta")]
    for attr, wanted in DATE_META:
        for meta in metas:
            if meta.get(attr, "").lower() == wanted:
                found = parse_date(meta.get("content") or meta.get("datetime"))
                if found:
                    return found
    return None


def _classes(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _in_article(el: HtmlElement) -> bool:
    """False inside page furniture: site header, nav, asides, comments, related links."""
    ancestors = list(el.iterancestors())
    inside_article = any(a.tag == "article" for a in ancestors)
    for node in [el, *ancestors]:
        if node.tag in ("footer", "nav", "aside"):
            return False
        if node.tag == "header" and not inside_article:
            return False
        if any(word in _classes(node) for word in NOT_ARTICLE):
            return False
    return True


def printed_date(tree: HtmlElement) -> str | None:
    """A `<time>`/itemprop date, else an AP-style date in a byline or dateline element."""
    for el in tree.iter("time"):
        found = parse_date(el.get("datetime")) or parse_date(el.text_content())
        if found and _in_article(el):
            return found
    for el in tree.xpath("//*[@itemprop]"):
        if el.get("itemprop", "").lower() == "datepublished" and _in_article(el):
            found = parse_date(el.get("content") or el.get("datetime") or el.text_content())
            if found:
                return found
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "script", "style"):
            continue
        if any(word in _classes(el) for word in DATE_HINTS) and _in_article(el):
            text = el.text_content()
            if len(text) < 300:
                found = find_written_date(text)
                if found:
                    return found
    return None


def published_date(tree: HtmlElement | None) -> str | None:
    """When the page says the article was published, as ISO 8601; None if it does not say."""
    if tree is None:
        return None
    return json_ld_date(tree) or meta_date(tree) or printed_date(tree)
