"""Which IP addresses Briefbot may connect to: public ones only, unless told otherwise.

A pasted link must never become a way into the newsroom's own network or a cloud metadata
service. `ipaddress`' `is_global` is the base, but it differs between Python releases (3.11.7
calls multicast global, later releases changed the IPv6 tables), so every range the product
names is also listed here, and addresses that carry an IPv4 address inside an IPv6 one are
judged by the IPv4 address they lead to.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from bot.ingest.errors import RefusedAddress

IPAddress = IPv4Address | IPv6Address

# Refused IPv4 ranges, each with the name the log shows. Order matters only for the name.
REFUSED_V4: tuple[tuple[IPv4Network, str], ...] = tuple(
    (IPv4Network(net), why)
    for net, why in (
        ("0.0.0.0/8", "unspecified ('this network')"),
        ("127.0.0.0/8", "loopback"),
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("169.254.0.0/16", "link-local (cloud metadata lives here)"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("224.0.0.0/4", "multicast"),
        ("198.18.0.0/15", "benchmarking"),
        ("192.0.2.0/24", "documentation"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.88.99.0/24", "reserved (deprecated 6to4 relay anycast)"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"),
    )
)

# Refused IPv6 ranges. The forms that embed an IPv4 address are handled before these.
REFUSED_V6: tuple[tuple[IPv6Network, str], ...] = tuple(
    (IPv6Network(net), why)
    for net, why in (
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local (deprecated private)"),
        ("fc00::/7", "private (unique local)"),
        ("ff00::/8", "multicast"),
        ("2001:2::/48", "benchmarking"),
        ("2001:db8::/32", "documentation"),
        ("3fff::/20", "documentation"),
        ("100::/64", "discard-only"),
        ("2001::/23", "IETF protocol assignments"),
        ("5f00::/16", "segment routing (not globally reachable)"),
        # Local-use NAT64 embeds its IPv4 in bits 48-87, not the last 32: refused whole.
        ("64:ff9b:1::/48", "local-use NAT64"),
    )
)

_MAPPED = IPv6Network("::ffff:0:0/96")
_TRANSLATED = IPv6Network("::ffff:0:0:0/96")
_COMPATIBLE = IPv6Network("::/96")
_NAT64 = (IPv6Network("64:ff9b::/96"),)
_TEREDO = IPv6Network("2001::/32")
# Forms whose only destination is the embedded IPv4 address: it alone decides.
_DECIDED_BY_EMBEDDED = ("IPv4-mapped", "IPv4-translated", "IPv4-compatible", "NAT64", "6to4")


def embedded_ipv4(ip: IPv6Address) -> list[tuple[str, IPv4Address]]:
    """The IPv4 addresses an IPv6 address leads to, named by the form that carries them."""
    low32 = IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _MAPPED:
        return [("IPv4-mapped", low32)]
    if ip in _TRANSLATED:
        return [("IPv4-translated", low32)]
    if ip in _COMPATIBLE and int(ip) > 1:  # :: and ::1 are themselves, not IPv4 in disguise
        return [("IPv4-compatible", low32)]
    if any(ip in net for net in _NAT64):
        return [("NAT64", low32)]
    if ip.sixtofour is not None:
        return [("6to4", ip.sixtofour)]
    if ip in _TEREDO and ip.teredo is not None:
        server, client = ip.teredo
        return [("Teredo server", server), ("Teredo client", client)]
    return []


def _own_reason(ip: IPAddress) -> str | None:
    """Why this address itself (not what it embeds) is refused, or None if it is public."""
    table = REFUSED_V4 if isinstance(ip, IPv4Address) else REFUSED_V6
    for net, why in table:
        if ip in net:
            return why
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:
        return "not globally reachable"
    return None


def refusal_reason(ip: IPAddress) -> str | None:
    """Why Briefbot must not connect to `ip` (ignoring any policy), or None if it may."""
    if isinstance(ip, IPv6Address):
        ip = ip_address(str(ip).split("%", 1)[0])  # a zone id changes nothing here
        assert isinstance(ip, IPv6Address)
        inner = embedded_ipv4(ip)
        for form, v4 in inner:
            why = _own_reason(v4)
            if why is not None:
                return f"{form} form of {v4}, which is {why}"
        if inner and inner[0][0] in _DECIDED_BY_EMBEDDED:
            return None
    return _own_reason(ip)


def as_ip(value: IPAddress | str) -> IPAddress:
    """An address object from an address or its text (a zone id such as %eth0 is allowed)."""
    return value if isinstance(value, IPv4Address | IPv6Address) else ip_address(value)


@dataclass(frozen=True)
class AddressPolicy:
    """The address check. `also_allowed` lets tests treat one loopback address as public."""

    allow_private: bool = False
    also_allowed: frozenset[IPAddress] = frozenset()

    def check(self, ip: IPAddress | str) -> None:
        """Return quietly if Briefbot may connect to `ip`; raise RefusedAddress if not."""
        addr = as_ip(ip)
        if self.allow_private or addr in self.also_allowed:
            return
        why = refusal_reason(addr)
        if why is not None:
            raise RefusedAddress(f"refused address {addr}: {why}")

    def allows(self, ip: IPAddress | str) -> bool:
        """True if `check` would pass."""
        try:
            self.check(ip)
        except RefusedAddress:
            return False
        return True
