"""Where `briefbot run --http` listens: 127.0.0.1 unless another address is given, through the
adapter and through the runtime that `briefbot run` calls. Against the Slack stand-in."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Awaitable
from pathlib import Path

import pytest
from slack_standin import SlackStandIn, settings_for

from bot import runtime
from bot.adapters.slack import run_slack
from bot.channels import Platform
from bot.digests import DigestService
from bot.service import BriefService


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, port)) == 0


async def listening_on(work: Awaitable[None], port: int, *, listens: str, not_on: str) -> None:
    """Run `work` until it listens on `listens`:port, then check `not_on` gets no answer."""
    task = asyncio.ensure_future(work)
    try:
        for _ in range(600):  # the server is starting (the runtime warms the summarizer up)
            assert not task.done(), task.exception()
            if answers(listens, port):
                break
            await asyncio.sleep(0.05)
        assert answers(listens, port)
        assert not answers(not_on, port)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_the_events_endpoint_listens_on_loopback_by_default(
    slack: SlackStandIn, service: BriefService
) -> None:
    port = free_port()
    work = run_slack(settings_for(slack), service, DigestService(service.store), http_port=port)
    await listening_on(work, port, listens="127.0.0.1", not_on="127.0.0.2")


async def test_the_runtime_listens_on_the_host_it_is_given(
    slack: SlackStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = settings_for(slack, database_url=f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    port = free_port()
    work = runtime.serve(settings, [Platform.slack], http_port=port, http_host="127.0.0.2")
    await listening_on(work, port, listens="127.0.0.2", not_on="127.0.0.1")
