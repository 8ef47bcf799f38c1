"""What a link's host must look like before anything connects to it.

Browsers and `inet_aton` read `127.1`, `0x7f.1`, `2130706433` and `0177.0.0.1` as 127.0.0.1;
a host like that is the address it stands for, judged by the address policy like any other,
never mistaken for a name or for a link that is not http. Hosts no resolver could take (an
empty label, a label over 63 characters, a bare or broken `xn--` label) are refused here, in
one sentence, instead of failing deep inside the IDNA codec.
"""

from __future__ import annotations

import re
from ipaddress import IPv4Address

from yarl import URL

from bot.ingest.errors import MalformedLink

MAX_LABEL = 63
MAX_HOST = 253
_DECIMAL = re.compile(r"[0-9]+")
_HEX = re.compile(r"0[xX][0-9a-fA-F]*")


def _ipv4_part(part: str) -> int | None:
    """One dot-separated number as inet_aton reads it (0x hex, leading-0 octal, decimal)."""
    if _HEX.fullmatch(part):
        return int(part[2:] or "0", 16)
    if _DECIMAL.fullmatch(part):
        if len(part) > 1 and part.startswith("0"):
            return int(part, 8) if set(part) <= set("01234567") else None
        return int(part)
    return None


def ends_in_a_number(host: str) -> bool:
    """True when the host's last label is numeric: then it can only be an IPv4 address (WHATWG)."""
    last = host.rstrip(".").rsplit(".", 1)[-1]
    return bool(_DECIMAL.fullmatch(last) or _HEX.fullmatch(last))


def numeric_ipv4(host: str) -> IPv4Address | None:
    """The IPv4 address a host in any numeric form stands for, or None if it is not one."""
    parts = host.rstrip(".").split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_ipv4_part(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    *head, last = [n for n in numbers if n is not None]
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(parts)):
        return None
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return IPv4Address(value)


def checked_host(url: URL, *, redirected: bool = False) -> URL:
    """`url` with its host in canonical form (a numeric IPv4 host as dotted quad); a host no
    resolver could take is MalformedLink."""

    def malformed(why: str) -> MalformedLink:
        return MalformedLink(f"malformed host in {str(url)[:200]!r}: {why}", redirected=redirected)

    raw = url.raw_host or ""
    if raw.startswith("[") or ":" in raw:  # an IPv6 literal: yarl has checked it
        return url
    if ends_in_a_number(raw):
        ip = numeric_ipv4(raw)
        if ip is None:
            raise malformed("ends in a number but is no IPv4 address")
        return url if str(ip) == raw else url.with_host(str(ip))
    try:
        decoded = url.host or ""  # decodes xn-- labels: a broken one fails here
        encoded = decoded.encode("idna")  # an empty or over-long label fails here
    except UnicodeError as e:
        raise malformed(str(e)) from None
    labels = encoded.rstrip(b".").split(b".")
    if len(encoded.rstrip(b".")) > MAX_HOST or any(not 0 < len(x) <= MAX_LABEL for x in labels):
        raise malformed("a label is empty or too long")
    return url
