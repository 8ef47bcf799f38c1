"""Turn a page's bytes into text the way a browser would pick the encoding.

Order: a byte-order mark, the charset in the Content-Type header, the HTML's own <meta>
declaration, strict UTF-8, and only then charset-normalizer's guess. Labels follow the
WHATWG rule that "latin-1"/"iso-8859-1"/"ascii" mean windows-1252, which is what servers that
say so actually send (curly quotes in 0x80-0x9F).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WHATWG_ALIASES = {
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096
# Encodings by how common they are on the web, most common first. charset-normalizer often
# finds several codecs equally clean for short Western text (cp1257 and cp1252 both decode
# "café"); among near-equally clean candidates the one the web actually uses wins.
WEB_PRIOR = tuple(
    codecs.lookup(name).name
    for name in (
        "utf-8", "cp1252", "cp1251", "shift_jis", "euc_jp", "euc_kr", "gb18030", "cp1250",
        "iso8859-2", "big5", "cp1256", "iso8859-15", "cp1254", "iso8859-9", "cp1255",
        "cp874", "koi8-r",
    )
)  # fmt: skip
_CHAOS_MARGIN = 5.0  # percentage points of "mess" within which candidates count as equal


def known_codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None if the label is unknown or empty."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def meta_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start."""
    m = _META_CHARSET.search(head[:_SNIFF_BYTES])
    return known_codec(m.group(1).decode("ascii", "replace")) if m else None


def choose_encoding(raw: bytes, header_charset: str | None, is_html: bool) -> str:
    """The codec to decode `raw` with, by the browser's order of evidence."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    declared = known_codec(header_charset) or (meta_charset(raw) if is_html else None)
    if declared:
        return declared
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return guess_encoding(raw)


def guess_encoding(raw: bytes) -> str:
    """charset-normalizer's candidates, the most common on the web among the cleanest."""
    matches = list(from_bytes(raw[:200_000]))
    if not matches:
        return "cp1252"  # what browsers in Western locales fall back to
    least = min(m.percent_chaos for m in matches)
    clean = [m for m in matches if m.percent_chaos <= least + _CHAOS_MARGIN]

    def rank(m: object) -> tuple[int, float]:
        codec = known_codec(getattr(m, "encoding", None)) or ""
        prior = WEB_PRIOR.index(codec) if codec in WEB_PRIOR else len(WEB_PRIOR)
        return prior, getattr(m, "percent_chaos", 100.0)

    best = min(clean, key=rank)
    return known_codec(best.encoding) or "cp1252"


def decode(raw: bytes, header_charset: str | None, is_html: bool) -> tuple[str, str]:
    """(text, codec used); undecodable bytes become U+FFFD rather than failing the page."""
    codec = choose_encoding(raw, header_charset, is_html)
    text = raw.decode(codec, errors="replace")
    return text.removeprefix("\ufeff"), codec
