"""Local stand-ins shared by the tests: article pages, and aiohttp apps served on 127.0.0.x
(127.0.0.2 plays a public news site; Linux routes all of 127/8 to loopback)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import escape

from aiohttp import web
from locations import SEED


def article_page(
    text: str,
    title: str,
    canonical: str,
    *,
    head_title: str | None = None,
    head: str = "",
    before: str = "",
    after: str = "",
) -> str:
    """A news page: one <p> per line of `text` (escaped), with room for page furniture."""
    paragraphs = "".join(
        f"<p>{escape(p, quote=False)}</p>\n" for p in text.split("\n") if p.strip()
    )
    shown = escape(head_title or title, quote=False)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{shown}</title>
<link rel="canonical" href="{canonical}">{head}</head>
<body>{before}<article><h1>{escape(title, quote=False)}</h1>{paragraphs}</article>{after}
</body></html>"""


async def serve(app: web.Application, *hosts: str) -> tuple[web.AppRunner, list[int]]:
    """Serve `app` on each host at a free port; the runner (to clean up) and the ports."""
    runner = web.AppRunner(app)
    await runner.setup()
    ports = []
    for host in hosts:
        site = web.TCPSite(runner, host, 0)
        await site.start()
        ports.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
    return runner, ports


@asynccontextmanager
async def held_site(
    host: str, release: asyncio.Event, asked: asyncio.Event | None = None
) -> AsyncIterator[str]:
    """A news site on `host` whose article (the seed) is sent only once `release` is set;
    `asked` is set when the page is asked for. Yields the story's URL."""
    page = article_page(
        SEED.read_text(encoding="utf-8"),
        "Israel strikes Hezbollah",
        "https://news.example.com/world/strike",
    )

    async def answer(request: web.Request) -> web.Response:
        if asked is not None:
            asked.set()
        await release.wait()
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    runner, (port,) = await serve(app, host)
    try:
        yield f"http://{host}:{port}/story"
    finally:
        release.set()
        await runner.cleanup()
