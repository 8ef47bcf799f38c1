"""SIGTERM (docker stop, systemd) and SIGINT during a digest post, through the real
`briefbot run slack --http` as a subprocess against the Slack stand-in, which holds the post
open: the bot takes no new work, lets the post finish within the grace period or records it
as stopped, closes the store and exits (0 on SIGTERM, 130 on Ctrl-C). Every wait is on the
process or the stand-in, bounded; nothing sleeps."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_standin import CHANNEL, TEAM, SlackStandIn, briefbot_env, until

from bot.channels import ChannelRef, Platform
from bot.digests import STOPPED
from bot.store import Store
from bot.store.records import DIGEST_RUN_STATUSES

TARGET = ChannelRef(Platform.slack, CHANNEL, TEAM)
START = 120.0  # the bound on starting up (imports, migrations, warm-up) on a busy machine
GRACE = 2.0  # BRIEFBOT_SHUTDOWN_GRACE_SECONDS for these runs
EXIT = GRACE + 20.0  # the bound on exiting after the signal: the grace, then closing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def due_digest(url: str) -> None:
    """A daily digest for the channel, due a minute ago: posted as a catch-up at start."""
    now = datetime.now(UTC)
    due = now - timedelta(minutes=1)
    store = await Store.open(url)
    try:
        await store.set_digest_schedule(
            TARGET,
            hour=due.hour,
            minute=due.minute,
            timezone="UTC",
            weekdays=range(7),
            quiet=False,
            updated_at=now - timedelta(days=1),
        )
    finally:
        await store.close()


async def last_run_status(url: str) -> tuple[str, str | None]:
    store = await Store.open(url)
    try:
        run = await store.last_digest_run(TARGET, statuses=DIGEST_RUN_STATUSES)
    finally:
        await store.close()
    assert run is not None
    return run.status, run.detail


async def start_bot(slack: SlackStandIn, url: str, cwd: Path) -> asyncio.subprocess.Process:
    env = briefbot_env(slack, BRIEFBOT_DATABASE_URL=url, BRIEFBOT_SHUTDOWN_GRACE_SECONDS=str(GRACE))
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot.cli", "run", "slack", "--http", "--port", str(free_port())),
        env=env,
        cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def read_until(stream: asyncio.StreamReader, text: str, seen: list[str]) -> None:
    """Read stderr lines (kept in `seen`) until one holds `text`."""
    while not any(text in line for line in seen):
        line = await stream.readline()
        if not line:
            raise AssertionError(f"the bot ended without saying {text!r}: {''.join(seen)}")
        seen.append(line.decode())


@pytest.mark.parametrize(
    ("sig", "released", "code", "status"),
    [
        (signal.SIGTERM, True, 0, "empty"),
        (signal.SIGTERM, False, 0, "failed"),
        (signal.SIGINT, True, 130, "empty"),
    ],
    ids=["sigterm-post-finishes", "sigterm-post-held-past-the-grace", "sigint-post-finishes"],
)
async def test_a_signal_during_a_digest_post_stops_gracefully(
    slack: SlackStandIn,
    tmp_path: Path,
    sig: signal.Signals,
    released: bool,
    code: int,
    status: str,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/briefbot.db"
    await due_digest(url)
    post = slack.hold["chat.postMessage"] = asyncio.Event()
    bot = await start_bot(slack, url, tmp_path)
    assert bot.stderr is not None
    err: list[str] = []
    try:
        await until(
            lambda: "chat.postMessage" in slack.waiting or bot.returncode is not None, START
        )
        assert bot.returncode is None, await bot.stderr.read()
        bot.send_signal(sig)
        await asyncio.wait_for(read_until(bot.stderr, f"Stopping on {sig.name}", err), EXIT)
        if released:  # the post under way completes inside the grace period
            post.set()
        rest = await asyncio.wait_for(bot.stderr.read(), EXIT)
        await asyncio.wait_for(bot.wait(), EXIT)
    finally:
        post.set()
        if bot.returncode is None:
            bot.kill()
            await bot.wait()
    err.append(rest.decode())
    text = "".join(err)
    assert bot.returncode == code, text
    assert "Traceback" not in text
    run_status, detail = await last_run_status(url)
    assert run_status == status  # posted (an empty digest's one line) or recorded as stopped
    assert len(slack.waiting) == 1  # one post, never a second one
    if released:
        assert len(slack.posts()) == 1
    else:
        assert detail == STOPPED
        assert "unfinished" not in text  # the digest is the scheduler's: recorded, not cut work
