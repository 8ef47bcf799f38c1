"""Find the web links in a chat message, as Slack and Discord deliver it.

Slack wraps links as `<url>` or `<url|label>`; Discord users write `<url>` to suppress the
embed; people also paste bare URLs and end sentences right after them. Only http(s) links
count, each once, and a message yields at most a handful so one paste cannot start a crawl.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_LINKS = 5

# <url> or <url|label>: Slack's markup and Discord's embed-suppressing form.
_ANGLED = re.compile(r"<(https?://[^\s<>|]+)(?:\|[^<>]*)?>", re.IGNORECASE)
# A bare URL runs until whitespace or a character that never belongs to a pasted link.
_BARE = re.compile(r"https?://[^\s<>\"'`|\[\]{}]+", re.IGNORECASE)
# Punctuation that ends the sentence around a link rather than the link itself.
_TRAILING = ".,;:!?'\"*_~»”’"
_PAIRS = {")": "(", "]": "["}


def _trim(url: str) -> str:
    """Strip trailing punctuation, keeping a closing bracket the URL itself opened."""
    while url:
        last = url[-1]
        unbalanced = last in _PAIRS and url.count(last) > url.count(_PAIRS[last])
        if last in _TRAILING or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def _is_web_link(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def find_links(message: str, limit: int = MAX_LINKS) -> list[str]:
    """The http(s) links in `message`, in order, each once, at most `limit` of them."""
    found: list[tuple[int, str]] = []
    for m in _ANGLED.finditer(message):
        found.append((m.start(), m.group(1)))
    rest = _ANGLED.sub(lambda m: " " * len(m.group(0)), message)  # keep offsets for ordering
    for m in _BARE.finditer(rest):
        found.append((m.start(), _trim(m.group(0))))
    links: list[str] = []
    for _, url in sorted(found):
        url = url.replace("&amp;", "&")  # Slack escapes & inside its <...> markup
        if url not in links and _is_web_link(url):
            links.append(url)
            if len(links) >= limit:
                break
    return links
