"""The canonical address of an article, so the same story pasted twice is stored once.

The page's own `<link rel="canonical">` wins; otherwise the address it was fetched from, minus
the fragment and the tracking parameters newsletters and social sites append.
"""

from __future__ import annotations

from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

TRACKING_PREFIXES = ("utm_",)
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


def canonical_url(tree: HtmlElement | None, final_url: str) -> str:
    """The declared canonical URL if any, else the final URL; tracking removed either way."""
    return clean_url(declared_canonical(tree, final_url) or final_url)
