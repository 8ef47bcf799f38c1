"""/who and /briefs in `briefbot chat`, in process: the chat channel reads typed lines as the
command does, links are read from a local news site, briefs kept in a real SQLite store."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from io import StringIO
from pathlib import Path

import harbour
import pytest
from rich.console import Console

from bot.adapters.console.chat import ChatChannel, run_chat
from bot.adapters.console.lines import read_entries
from bot.digests import DigestService
from bot.ingest import AddressPolicy, Fetcher
from bot.service import BriefService
from bot.store import Store
from summarizer import Summarizer

SITE_HOST = "127.0.0.2"


@pytest.fixture
async def service(tmp_path: Path, summarizer_: Summarizer) -> AsyncIterator[BriefService]:
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    policy = AddressPolicy(also_allowed=frozenset({ipaddress.ip_address(SITE_HOST)}))
    async with Fetcher(contact_url="https://example.org/bot", policy=policy) as fetcher:
        yield BriefService(summarizer_, store, fetcher)
    await store.close()


async def chat(service: BriefService, *lines: str, channel: str = "chat") -> str:
    """What the channel shows for these typed lines."""
    out = StringIO()
    console = Console(file=out, width=400, color_system=None)
    digests = DigestService(service.store)
    room = ChatChannel(service, digests, console, channel=channel)

    async def entries():  # type: ignore[no-untyped-def]
        for entry in read_entries([line + "\n" for line in lines]):
            yield entry

    await run_chat(room, entries(), welcome=False)
    return out.getvalue()


async def test_who_and_briefs_answer_from_what_the_chat_shared(service: BriefService) -> None:
    async with harbour.harbour_site(SITE_HOST) as site:
        shown = await chat(
            service,
            f"{site}/first",
            f"{site}/second",
            "/who Tom Varga",
            "/who the mayor",
            "/who Tom Vargo",
            f"/briefs {harbour.FIRST_QUOTE_WORD}",
        )
    who_varga = shown[shown.index("Tom Varga (opposition leader)") :]
    assert who_varga.index("The numbers keep moving") < who_varga.index("writing a cheque")
    assert f"{harbour.SECOND_TITLE} {site}/second" in who_varga
    assert f"{harbour.FIRST_TITLE} {site}/first" in who_varga
    assert "Clara Oswin (Mayor):" in shown and "Every month of delay" in shown
    assert "Did you mean: Tom Varga?" in shown
    found = shown[shown.index("Briefs shared here holding “cheque”") :]
    assert f"{site}/first" in found and f"{site}/second" not in found


async def test_another_terminal_channel_sees_what_was_shared_in_public(
    service: BriefService,
) -> None:
    async with harbour.harbour_site(SITE_HOST) as site:
        await chat(service, f"{site}/first")
    shown = await chat(service, "/who Varga", "/who", "/briefs", channel="desk")
    assert f"{site}/first" in shown  # the terminal is public: one newsroom, one machine
    assert "/who whom?" in shown and "/briefs what?" in shown
