"""The content hash: how the store recognises the same text under another URL or paste.

Two copies of one article differ in ways a reader never sees: typographic versus straight quotes,
en dashes versus hyphens, line wrapping, full-width forms, invisible joiners. The hash is taken
over a normalised form so those copies collide, while any change of words does not.

Changing `normalise_text` changes every hash already stored: do it only together with a
migration that re-hashes the articles table.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# After NFKC, these still differ from their plain ASCII reading.
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‵`´", "'"),
        **dict.fromkeys("“”„‟″‶«»〝〞＂", '"'),
        **dict.fromkeys("‐‑‒–—―−⁃﹘﹣－", "-"),
    }
)
# Characters that take no room on the page: zero-width space/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFKC, case-folded, quotes and dashes unified, invisibles dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _INVISIBLE.sub("", text.translate(_QUOTES))
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """The sha256 (hex) of the normalised text: the key that makes a re-paste the same article."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
