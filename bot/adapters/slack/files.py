"""Text files shared in Slack (snippets, .txt), downloaded with the bot token: only from Slack's
own file hosts, and no further than the size limit."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.service import MAX_FILE_BYTES

log = logging.getLogger(__name__)

FILE_TIMEOUT = aiohttp.ClientTimeout(total=20)
_SLACK_FILE_HOSTS = (".slack.com", ".slack-edge.com", ".slack-gov.com", ".slack-files.com")


def trusted_file_url(url: str, api_url: str) -> bool:
    """The bot token goes only to Slack's own file hosts (or the configured API host)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host == urlsplit(api_url).hostname:
        return True
    return parts.scheme == "https" and host.endswith(_SLACK_FILE_HOSTS)


async def download(file: dict[str, Any], client: AsyncWebClient, *, api_url: str) -> str | None:
    """The file's text, or None when it is not Slack's, too large or cannot be read."""
    url = file.get("url_private_download") or file.get("url_private")
    if not url or not trusted_file_url(url, api_url):
        return None
    if int(file.get("size") or 0) > MAX_FILE_BYTES:
        return None
    headers = {"Authorization": f"Bearer {client.token}"}
    try:
        async with (
            aiohttp.ClientSession(timeout=FILE_TIMEOUT) as session,
            session.get(url, headers=headers, allow_redirects=False) as resp,
        ):
            if resp.status != 200:
                log.info("Shared file %s: HTTP %d", file.get("id"), resp.status)
                return None
            raw = bytearray()
            async for chunk in resp.content.iter_chunked(64 * 1024):
                raw += chunk  # read() returns only what is buffered: read to the end
                if len(raw) > MAX_FILE_BYTES:
                    return None
    except (aiohttp.ClientError, TimeoutError) as e:
        log.info("Could not download shared file %s: %s", file.get("id"), type(e).__name__)
        return None
    return raw.decode("utf-8", errors="replace")
