"""Many `/brief`s at once through the real `briefbot run slack --http`: how long Slack waits
for each acknowledgement, and for each reply.

A measurement, not a test: it prints figures for the notes. The bot runs as its own process,
as deployed, on the database given (a fresh SQLite file by default); a small stand-in of
Slack's Web API on 127.0.0.1 records when each reply is posted. Every request is the sample
article cut to `--words` words with its own first sentence and its own channel, so each one
is a new article that is stored, briefed and posted.

    .venv/bin/python -m bot.slack_bench --count 200
    .venv/bin/python -m bot.slack_bench --count 200 --database postgresql://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import os
import socket
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from bot.bench import requests
from bot.timings import spread

SECRET = "bench-signing-secret"
START = 120.0  # seconds the bot may take to start
REPLIES = 120.0  # seconds every reply may take


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SlackApi:
    """auth.test and chat.postMessage, with the time each channel's reply came."""

    def __init__(self) -> None:
        self.replied: dict[str, float] = {}
        self.all_replied = asyncio.Event()
        self.expected = 0

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "chat.postMessage":
            payload = await request.json()
            self.replied.setdefault(str(payload.get("channel")), time.perf_counter())
            if len(self.replied) >= self.expected:
                self.all_replied.set()
            return web.json_response({"ok": True, "channel": payload.get("channel"), "ts": "1.2"})
        return web.json_response(
            {"ok": True, "team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT", "team": "Bench"}
        )


def _signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


async def _ready(http: aiohttp.ClientSession, base: str, bot: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + START
    while time.monotonic() < deadline and bot.returncode is None:
        try:
            async with http.get(f"{base}/readyz") as resp:
                if resp.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("the bot did not become ready")


async def main(count: int, words: int, database: str | None) -> None:
    api = SlackApi()
    api.expected = count
    server = web.Application()
    server.router.add_post("/api/{method}", api.handle)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    api_port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", api_port).start()
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_"))},
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "BRIEFBOT_SLACK_API_URL": f"http://127.0.0.1:{api_port}/api/",
            "BRIEFBOT_DATABASE_URL": database or f"sqlite:///{Path(folder) / 'bench.db'}",
            "BRIEFBOT_LOG_LEVEL": "WARNING",
        }
        bot = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "bot.cli", "run", "slack", "--http", "--port", str(port)),
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        limits = aiohttp.TCPConnector(limit=0)
        timeout = aiohttp.ClientTimeout(total=REPLIES)
        try:
            async with aiohttp.ClientSession(connector=limits, timeout=timeout) as http:
                await _ready(http, base, bot)
                texts = requests(count, words)
                sent: dict[str, float] = {}

                async def brief(n: int) -> float:
                    channel = f"C{n:05d}"
                    body = urlencode(
                        {
                            "command": "/brief",
                            "text": texts[n],
                            "team_id": "T1",
                            "channel_id": channel,
                            "user_id": "U1",
                            "response_url": f"http://127.0.0.1:{api_port}/hook",
                        }
                    )
                    sent[channel] = time.perf_counter()
                    async with http.post(f"{base}/slack/events", data=body, headers=_signed(body)):
                        return time.perf_counter() - sent[channel]

                acks = await asyncio.gather(*(brief(n) for n in range(count)))
                await asyncio.wait_for(api.all_replied.wait(), REPLIES)
                replies = [api.replied[c] - sent[c] for c in sent]
        finally:
            bot.terminate()
            await bot.wait()
            await runner.cleanup()
    store = "PostgreSQL" if database and database.startswith("postgres") else "SQLite"
    print(f"{count} /briefs at once, {words + 9} words each, on {store}")
    print(spread("acks", acks, width=8))
    print(spread("replies", replies, width=8))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--database", help="the bot's BRIEFBOT_DATABASE_URL (default: SQLite)")
    args = parser.parse_args()
    asyncio.run(main(args.count, args.words, args.database))
