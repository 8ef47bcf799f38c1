"""The canonical address of an article, so the same story pasted twice is stored once.

The page's own `<link rel="canonical">` wins; otherwise the address it was fetched from, minus
the fragment and the tracking parameters newsletters and social sites append.
"""

from __future__ import annotations

from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

TRACKING_PREFIXES = ("utm_",)
MAX_URL = 2048
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_eid",
        "mc_cid",
        "igshid",
        "yclid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
    }
)


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.split("=", 1)[0]).lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def clean_url(url: str) -> str:
    """`url` without its fragment and tracking parameters; everything else kept as written."""
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and not _is_tracking(p)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


def declared_canonical(tree: HtmlElement | None, base_url: str) -> str | None:
    """The page's `<link rel="canonical">`, made absolute; None if absent or not http(s)."""
    if tree is None:
        return None
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rels and href:
            absolute = urljoin(base_url, href)
            if urlsplit(absolute).scheme in ("http", "https"):
                return absolute
    return None


# Second-level labels under country codes that make a third label the site ("bbc.co.uk").
_SHARED_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})


def _site(url: str) -> str:
    """The registrable part of a URL's host: amp.cnn.com and www.cnn.com are one site."""
    labels = (urlsplit(url).hostname or "").lower().split(".")
    keep = (
        3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SHARED_SECOND_LEVEL else 2
    )
    return ".".join(labels[-keep:])


def canonical_url(tree: HtmlElement | None, final_url: str) -> str:
    """The declared canonical URL when it is on the same site, else the final URL; tracking
    removed either way.

    A page may only speak for its own site: a canonical on another host would let a hostile
    page file its text under, say, a wire service's address, and every later paste of that
    address would be answered from the store with the planted text. Overlong ones are dropped
    too (the store keeps URLs of up to 2048 characters).
    """
    declared = declared_canonical(tree, final_url)
    if declared is None or _site(declared) != _site(final_url) or len(declared) > MAX_URL:
        declared = None
    return clean_url(declared or final_url)[:MAX_URL]
