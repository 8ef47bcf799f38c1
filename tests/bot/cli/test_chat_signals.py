"""SIGTERM during `briefbot chat`, with its input still open: the link being read is briefed
and shown, the session ends there and the command exits 0; Ctrl-C (SIGINT) the same, with
130. The news site stands in on 127.0.0.2 and holds the page until the signal was taken."""

from __future__ import annotations

import asyncio
import signal
import sys

import pytest
from sites import held_site

SITE_HOST = "127.0.0.2"
BOUND = 120.0  # the bound on any one wait (start-up and briefing on a busy machine)


async def said_line(stderr: asyncio.StreamReader, text: str) -> str:
    """Read stderr up to the line holding `text` (what came before it, with it)."""
    said = ""
    while text not in said:
        line = await stderr.readline()
        assert line, f"the chat ended without saying {text!r}: {said}"
        said += line.decode()
    return said


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
async def test_a_signal_ends_the_chat_after_the_brief_being_made(
    sig: signal.Signals, code: int
) -> None:
    asked, release = asyncio.Event(), asyncio.Event()
    async with held_site(SITE_HOST, release, asked) as story:
        chat = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "bot.cli", "chat", "--allow-private-networks"),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert chat.stdin is not None and chat.stderr is not None
        try:
            # A pipe's /brief runs to the next command line: /send ends it, the input stays open.
            chat.stdin.write(f"/brief {story}\n/send\n".encode())
            await chat.stdin.drain()
            await asyncio.wait_for(asked.wait(), BOUND)
            chat.send_signal(sig)
            said = await asyncio.wait_for(said_line(chat.stderr, f"Stopping on {sig.name}"), BOUND)
            release.set()  # the page comes while the bot is stopping: its brief is still shown
            out, err = await asyncio.wait_for(chat.communicate(), BOUND)
        finally:
            if chat.returncode is None:
                chat.kill()
                await chat.wait()
    assert chat.returncode == code, err.decode()
    assert "Israel strikes Hezbollah" in out.decode()
    assert "Traceback" not in said + err.decode()
