"""Slack in many workspaces, end to end: the real Bolt app over HTTP with its OAuth flow, the
installations in the real store (SQLite, and PostgreSQL when BRIEFBOT_TEST_DATABASE_URL is
set), the local Slack stand-in's oauth.v2.access, and events signed as Slack signs them. The
test plays the browser: it opens the install page, then comes back to the redirect URL with
the code Slack would give after "Allow"."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from cryptography.fernet import Fernet
from databases import Backend
from pydantic import SecretStr
from sites import serve
from slack_standin import NOW, SECRET, WAIT, SlackStandIn, signed, until
from sqlalchemy import text

from bot.adapters.slack import build_app, run_slack, web_app
from bot.adapters.slack.app import MENTION_HINT
from bot.adapters.slack.install import (
    BOT_SCOPES,
    SOCKET_MODE_REFUSED,
    SlackInstalls,
    SlackWorkspaces,
)
from bot.adapters.slack.poster import SlackDigestPoster
from bot.channels import ChannelRef
from bot.config import Settings
from bot.digests import DigestService
from bot.digests.posting import PermanentPostError
from bot.ingest import AddressPolicy, Fetcher
from bot.logmask import mask
from bot.service import BriefService
from bot.startup import StartupError
from bot.store import Store
from bot.store.installations import slack_install_stores
from summarizer import Summarizer, digest

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "oauth-client-secret-never-logged"
KEY = Fernet.generate_key().decode()
# Two newsrooms, each its own workspace and bot token.
WORKSPACES = {"TA": "xoxb-team-a-token", "TB": "xoxb-team-b-token"}
STATE_COOKIE = "slack-app-oauth-state"
_STATE = re.compile(r"[?&]state=([^&\"']+)")


def oauth_settings(slack: SlackStandIn, **extra: Any) -> Settings:
    return Settings(
        slack_client_id=SecretStr(CLIENT_ID),
        slack_client_secret=SecretStr(CLIENT_SECRET),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=f"{slack.base}/api/",
        **extra,
    )


@dataclass
class Newsrooms:
    """Briefbot in OAuth mode, served on 127.0.0.1, and a browser with its cookies."""

    base: str
    http: aiohttp.ClientSession
    slack: SlackStandIn
    store: Store
    workspaces: SlackWorkspaces

    async def start_install(self) -> str:
        """Open the install page ("Add to Slack"); the state in its link to Slack, which the
        page also gives the browser as a cookie."""
        async with self.http.get(f"{self.base}/slack/install") as resp:
            page = await resp.text()
            assert resp.status == 200, page
            cookie = resp.cookies[STATE_COOKIE]
        found = _STATE.search(page)
        assert found is not None, page
        assert cookie.value == found.group(1)
        assert cookie["secure"] and cookie["httponly"]
        return found.group(1)

    async def finish_install(self, code: str, state: str, *, cookie: str | None = None) -> int:
        """Come back from Slack's authorize page to the redirect URL, with the browser's
        state cookie (`cookie`, the state itself by default; the cookie is Secure, so the
        test sends it by hand over plain HTTP)."""
        url = f"{self.base}/slack/oauth_redirect"
        headers = {"Cookie": f"{STATE_COOKIE}={state if cookie is None else cookie}"}
        async with self.http.get(
            url, params={"code": code, "state": state}, headers=headers
        ) as resp:
            await resp.read()
            return resp.status

    async def install(self, team: str) -> None:
        self.slack.oauth_codes[f"code-{team}"] = (team, WORKSPACES[team])
        state = await self.start_install()
        assert await self.finish_install(f"code-{team}", state) == 200

    async def event(self, team: str, event: dict[str, Any], *, event_id: str) -> int:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": team,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": 1700000000,
                "event": event,
            }
        )
        headers = {**signed(body), "Content-Type": "application/json"}
        async with self.http.post(
            f"{self.base}/slack/events", data=body.encode(), headers=headers
        ) as resp:
            await resp.read()
            return resp.status

    async def mention(self, team: str, event_id: str) -> int:
        event = {
            "type": "app_mention",
            "channel": f"C{team}",
            "user": "U1",
            "team": team,
            "text": "<@UBOT> hello",
            "ts": "1700000000.000100",
        }
        return await self.event(team, event, event_id=event_id)

    def posted_with(self, token: str) -> list[dict[str, Any]]:
        """The messages posted with this bearer token."""
        calls = self.slack.api("chat.postMessage")
        return [c.payload for c in calls if c.authorization == f"Bearer {token}"]

    async def stored(self, table: str) -> list[dict[str, Any]]:
        async with self.store.engine.connect() as conn:
            rows = await conn.execute(text(f"SELECT * FROM {table}"))
            return [dict(r) for r in rows.mappings()]


@pytest.fixture
async def newsrooms(
    backend: Backend, slack: SlackStandIn, summarizer_: Summarizer
) -> AsyncIterator[Newsrooms]:
    slack.client_id, slack.client_secret = CLIENT_ID, CLIENT_SECRET
    store = await backend.open()
    settings = oauth_settings(slack)
    installs = SlackInstalls(*slack_install_stores(store, client_id=CLIENT_ID, keys=[KEY]))
    async with Fetcher(contact_url="https://example.org/bot", policy=AddressPolicy()) as fetcher:
        service = BriefService(summarizer_, store, fetcher, now=lambda: NOW)
        digests = DigestService.from_settings(store, settings, now=lambda: NOW)
        app = build_app(settings, service, digests, now=lambda: NOW, installs=installs)
        runner, (port,) = await serve(web_app(app), "127.0.0.1")
        jar = aiohttp.DummyCookieJar()  # the state cookie is sent by hand
        try:
            async with aiohttp.ClientSession(
                cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=WAIT)
            ) as http:
                yield Newsrooms(
                    f"http://127.0.0.1:{port}",
                    http,
                    slack,
                    store,
                    SlackWorkspaces(settings, installs),
                )
        finally:
            await runner.cleanup()
            await store.close()


async def test_two_workspaces_install_and_each_is_answered_with_its_own_token(
    newsrooms: Newsrooms, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await newsrooms.install("TA")
    await newsrooms.install("TB")
    assert len(newsrooms.slack.api("oauth.v2.access")) == 2

    assert await newsrooms.mention("TA", "EvA") == 200
    assert await newsrooms.mention("TB", "EvB") == 200
    await until(lambda: len(newsrooms.slack.posts()) == 2)
    for team, token in WORKSPACES.items():
        (post,) = newsrooms.posted_with(token)
        assert post["channel"] == f"C{team}"
        assert post["text"] == MENTION_HINT

    # Work outside a request finds each workspace's own client.
    client_a = await newsrooms.workspaces.client_for("TA")
    assert client_a is not None and client_a.token == WORKSPACES["TA"]
    assert await newsrooms.workspaces.client_for("TX") is None

    # At rest the tokens are sealed; the OAuth states were used up.
    bots = await newsrooms.stored("slack_bots")
    assert {b["team_id"] for b in bots} == {"TA", "TB"}
    dump = json.dumps(bots + await newsrooms.stored("slack_installations"), default=str)
    assert not any(token in dump for token in WORKSPACES.values())
    assert await newsrooms.stored("slack_oauth_states") == []
    # Neither the app's secret nor a workspace's token reaches a log line.
    logged = mask(caplog.text)
    assert CLIENT_SECRET not in logged
    assert not any(token in logged for token in WORKSPACES.values())


async def test_uninstall_and_revoked_tokens_remove_the_workspace(newsrooms: Newsrooms) -> None:
    await newsrooms.install("TA")
    await newsrooms.install("TB")
    uninstalled = {"type": "app_uninstalled"}
    assert await newsrooms.event("TA", uninstalled, event_id="EvU") == 200
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}}
    assert await newsrooms.event("TB", revoked, event_id="EvR") == 200

    # Bolt acknowledges an event first and handles it after.
    deadline = time.monotonic() + WAIT
    while await newsrooms.stored("slack_bots") and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert await newsrooms.stored("slack_bots") == []
    assert await newsrooms.stored("slack_installations") == []
    assert await newsrooms.workspaces.client_for("TA") is None
    # Neither workspace is answered any more: there is no token to answer with.
    await newsrooms.mention("TA", "EvA2")
    await newsrooms.mention("TB", "EvB2")
    await asyncio.sleep(0.5)  # time for a wrong answer to go out
    assert newsrooms.slack.posts() == []


async def test_a_bad_or_replayed_state_is_refused(newsrooms: Newsrooms) -> None:
    newsrooms.slack.oauth_codes["code-TA"] = ("TA", WORKSPACES["TA"])
    state = await newsrooms.start_install()
    # A state this browser was not given (a link made for another browser) is refused.
    assert await newsrooms.finish_install("code-TA", "forged-state", cookie=state) == 400
    # So is one it holds in its cookie but the bot never issued (Bolt answers 401).
    assert await newsrooms.finish_install("code-TA", "never-issued") == 401
    assert newsrooms.slack.tries("oauth.v2.access") == []

    assert await newsrooms.finish_install("code-TA", state) == 200
    # The same state again (a replayed callback, cookie and all) is refused: used once.
    assert await newsrooms.finish_install("code-TA", state) == 401
    assert len(newsrooms.slack.tries("oauth.v2.access")) == 1
    assert len(await newsrooms.stored("slack_bots")) == 1


async def test_scheduled_digests_post_with_the_workspace_token(newsrooms: Newsrooms) -> None:
    await newsrooms.install("TA")
    poster = SlackDigestPoster(client_for=newsrooms.workspaces.client_for)
    empty = digest([], now=NOW)
    await poster.post_digest(ChannelRef("slack", "CTA", "TA"), empty, heading="Digest")
    assert len(newsrooms.posted_with(WORKSPACES["TA"])) == 1
    with pytest.raises(PermanentPostError):
        await poster.post_digest(ChannelRef("slack", "CTB", "TB"), empty, heading="Digest")


async def test_oauth_mode_refuses_socket_mode_in_a_plain_sentence(
    slack: SlackStandIn, service: BriefService
) -> None:
    settings = oauth_settings(slack, slack_app_token=SecretStr("xapp-1"))
    digests = DigestService.from_settings(service.store, settings)
    installs = SlackInstalls(*slack_install_stores(service.store, client_id=CLIENT_ID))
    with pytest.raises(StartupError) as refused:
        await run_slack(settings, service, digests, installs=installs)
    assert str(refused.value) == SOCKET_MODE_REFUSED


def test_the_manifest_asks_for_the_scopes_an_install_asks_for() -> None:
    from locations import REPO

    manifest = (REPO / "config" / "slack-manifest.yaml").read_text(encoding="utf-8")
    listed = re.search(r"bot:\n((?:\s+- \S+\n)+)", manifest)
    assert listed is not None
    assert re.findall(r"- (\S+)", listed.group(1)) == list(BOT_SCOPES)
