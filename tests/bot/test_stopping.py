"""Stopping, on its own: handler work is refused once stopping and waited for until the grace
period ends (injected, never waited out); a second request cuts what still runs at once."""

from __future__ import annotations

import asyncio
import logging
import signal

import pytest

from bot.stopping import Stopping


async def never_ends(seconds: float) -> None:
    """A grace period that does not end by itself in these tests."""
    await asyncio.Event().wait()


async def test_work_under_way_is_waited_for_and_new_work_refused() -> None:
    stopping = Stopping(grace=5.0, timer=never_ends)
    release, done = asyncio.Event(), []

    async def handler(name: str) -> None:
        await release.wait()
        done.append(name)

    work = stopping.tracked(handler, what="test message")
    first = asyncio.create_task(work("taken before the stop"))
    await asyncio.sleep(0)  # the handler starts
    assert stopping.in_flight == 1
    stopping.stop(signal.SIGTERM)
    assert stopping.signal is signal.SIGTERM
    await work("sent after the stop")  # returns at once: refused
    finishing = asyncio.create_task(stopping.finish())
    await asyncio.sleep(0)
    assert not finishing.done()
    release.set()
    assert await asyncio.wait_for(finishing, 5) == 0
    assert done == ["taken before the stop"] and first.done()


async def test_a_second_request_cuts_what_still_runs(caplog: pytest.LogCaptureFixture) -> None:
    stopping = Stopping(grace=30.0, timer=never_ends)
    stuck = asyncio.create_task(stopping.tracked(never_ends)(0))
    await asyncio.sleep(0)
    stopping.stop(signal.SIGINT)
    finishing = asyncio.create_task(stopping.finish())
    await asyncio.sleep(0)
    assert not finishing.done()  # inside the grace period
    with caplog.at_level(logging.WARNING):
        stopping.stop(signal.SIGINT)  # Ctrl-C again
        assert await asyncio.wait_for(finishing, 5) == 1
    assert stuck.cancelled()
    assert stopping.signal is signal.SIGINT  # the first request's signal is the one kept
    assert "Stopping now" in caplog.text
