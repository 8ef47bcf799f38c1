"""The address check on every range the product names, IPv4 and IPv6, wrapped forms included."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address, ip_address

import pytest

from bot.ingest.addresses import AddressPolicy, embedded_ipv4, refusal_reason
from bot.ingest.errors import FetchError, RefusedAddress

REFUSED = [
    # IPv4
    ("0.0.0.0", "unspecified"),
    ("0.12.34.56", "unspecified"),
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("10.0.0.1", "private"),
    ("10.255.255.255", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.254", "private"),
    ("192.168.0.1", "private"),
    ("192.168.255.254", "private"),
    ("169.254.169.254", "link-local"),
    ("169.254.0.1", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.254", "carrier-grade NAT"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.254", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("198.18.0.1", "benchmarking"),
    ("198.19.255.254", "benchmarking"),
    ("192.0.2.10", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.200", "documentation"),
    ("192.0.0.8", "IETF protocol"),
    ("192.88.99.1", "reserved"),
    # IPv6
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("fe80::1", "link-local"),
    ("febf:ffff::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fec0::1", "site-local"),
    ("fc00::1", "private"),
    ("fd12:3456:789a::1", "private"),
    ("ff02::1", "multicast"),
    ("ff0e::1234", "multicast"),
    ("2001:db8::1", "documentation"),
    ("3fff::1", "documentation"),
    ("2001:2::1", "benchmarking"),
    ("100::1", "discard-only"),
    ("2001:10::1", "IETF protocol"),
    ("5f00::1", "segment routing"),
    ("4000::1", "reserved"),
    # IPv4 inside IPv6: judged by the IPv4 address they lead to
    ("::ffff:127.0.0.1", "IPv4-mapped form of 127.0.0.1, which is loopback"),
    ("::ffff:169.254.169.254", "IPv4-mapped form of 169.254.169.254, which is link-local"),
    ("::ffff:10.1.2.3", "IPv4-mapped form of 10.1.2.3, which is private"),
    ("::ffff:100.64.1.1", "carrier-grade NAT"),
    ("::ffff:0:127.0.0.1", "IPv4-translated form of 127.0.0.1"),
    ("::127.0.0.1", "IPv4-compatible form of 127.0.0.1, which is loopback"),
    ("::192.168.1.1", "IPv4-compatible form of 192.168.1.1, which is private"),
    ("64:ff9b::7f00:1", "NAT64 form of 127.0.0.1, which is loopback"),
    ("64:ff9b::a9fe:a9fe", "NAT64 form of 169.254.169.254, which is link-local"),
    ("64:ff9b:1::a00:1", "local-use NAT64"),
    ("64:ff9b:1:2::c0a8:101", "local-use NAT64"),
    ("64:ff9b:1:a9fe:a9:fe00:808:808", "local-use NAT64"),  # carries 169.254.169.254
    ("2002:7f00:1::1", "6to4 form of 127.0.0.1, which is loopback"),
    ("2002:a9fe:a9fe::1", "6to4 form of 169.254.169.254, which is link-local"),
    ("2002:c0a8:0101::1", "6to4 form of 192.168.1.1, which is private"),
    # Teredo: server 65.54.227.120, client 127.0.0.1 (stored inverted: 80ff:fffe)
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo client form of 127.0.0.1"),
    # Teredo with a public client is still in 2001::/23, which is not globally reachable
    ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", "IETF protocol"),
]

ALLOWED = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    "11.0.0.1",
    "100.63.255.255",  # just below carrier-grade NAT
    "100.128.0.0",  # just above it
    "172.15.255.255",  # just below 172.16/12
    "172.32.0.1",  # just above it
    "169.253.255.255",
    "198.17.255.255",  # just below benchmarking
    "198.20.0.1",  # just above it
    "223.255.255.254",  # just below multicast
    "2606:4700:4700::1111",
    "2a00:1450:4001:81a::200e",
    "::ffff:8.8.8.8",
    "::8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
]


@pytest.mark.parametrize(("address", "why"), REFUSED)
def test_refused_ranges(address: str, why: str) -> None:
    policy = AddressPolicy()
    with pytest.raises(RefusedAddress) as caught:
        policy.check(address)
    assert why in str(caught.value)
    assert address.split("%")[0] in str(caught.value) or "form of" in str(caught.value)
    assert not policy.allows(ip_address(address.split("%")[0]))


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses_pass(address: str) -> None:
    policy = AddressPolicy()
    policy.check(address)  # does not raise
    assert policy.allows(address)
    assert refusal_reason(ip_address(address)) is None


def test_user_sentence_and_detail() -> None:
    with pytest.raises(FetchError) as caught:
        AddressPolicy().check(IPv4Address("169.254.169.254"))
    err = caught.value
    assert isinstance(err, RefusedAddress)
    assert err.user_message == (
        "That link points to a private network address, so it will not be opened."
    )
    assert "169.254.169.254" in str(err) and "link-local" in str(err)


def test_allow_private_lifts_the_check() -> None:
    policy = AddressPolicy(allow_private=True)
    for address, _ in REFUSED:
        policy.check(address)


def test_also_allowed_admits_exactly_that_address() -> None:
    policy = AddressPolicy(also_allowed=frozenset({IPv4Address("127.0.0.2")}))
    policy.check("127.0.0.2")
    assert policy.allows(IPv4Address("127.0.0.2"))
    for other in ("127.0.0.1", "127.0.0.3", "::ffff:127.0.0.2", "::1"):
        assert not policy.allows(other), other


def test_embedded_ipv4_forms() -> None:
    assert embedded_ipv4(IPv6Address("::ffff:1.2.3.4")) == [("IPv4-mapped", IPv4Address("1.2.3.4"))]
    assert embedded_ipv4(IPv6Address("64:ff9b::102:304")) == [("NAT64", IPv4Address("1.2.3.4"))]
    assert embedded_ipv4(IPv6Address("2002:102:304::1")) == [("6to4", IPv4Address("1.2.3.4"))]
    teredo = embedded_ipv4(IPv6Address("2001:0:4136:e378:8000:63bf:80ff:fffe"))
    assert teredo == [
        ("Teredo server", IPv4Address("65.54.227.120")),
        ("Teredo client", IPv4Address("127.0.0.1")),
    ]
    # :: and ::1 are themselves, not IPv4 addresses in disguise
    assert embedded_ipv4(IPv6Address("::1")) == []
    assert embedded_ipv4(IPv6Address("2606:4700::1")) == []


def test_policy_is_frozen() -> None:
    policy = AddressPolicy()
    with pytest.raises(AttributeError):
        policy.allow_private = True  # type: ignore[misc]
