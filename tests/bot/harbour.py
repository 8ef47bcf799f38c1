"""Made-up articles to test who said what and search on: two articles of one story with the
same two speakers, and one shared only in a private channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from sites import article_page, serve

FIRST_URL = "https://harbour.example/council-approves-barrier"
SECOND_URL = "https://harbour.example/barrier-tender"
SECRET_URL = "https://harbour.example/leaked-memo"

FIRST = (
    "The Harbour City council voted on Tuesday to build a flood barrier across the old port, "
    "ending months of argument over the cost of the project.\n\n"
    "“We cannot wait for the next storm to decide for us,” said Mayor Clara Oswin, who has "
    "pushed for the barrier since the floods of 2023.\n\n"
    "Oswin told reporters that the barrier would be finished within four years. The opposition "
    "leader, Tom Varga, warned that the budget would double before the work was done.\n\n"
    "“This council is writing a cheque it cannot cash,” Varga said.\n\n"
    "Engineers from the port authority said the barrier would protect about 12,000 homes. The "
    "council will publish the tender in the spring, officials said."
)
FIRST_TITLE = "Harbour City council approves flood barrier"

SECOND = (
    "Three construction groups have bid to build the Harbour City flood barrier, the council "
    "said on Friday, as estimates of the cost rose again.\n\n"
    "“Every month of delay puts more families at risk,” Mayor Clara Oswin said at a briefing "
    "at city hall.\n\n"
    "The mayor insisted that the city would not cut corners on the seawall's design. Tom "
    "Varga, the opposition leader, said the tender proved his point about the budget.\n\n"
    "“The numbers keep moving, and so does the finish line,” Varga said.\n\n"
    "A decision on the winning bid is expected in June, according to the council."
)
SECOND_TITLE = "Flood barrier tender draws three bidders"

SECRET = (
    "A memo seen by the harbour staff shows the barrier's pumps were never tested, and the "
    "port authority knew it in March.\n\n"
    "“Nobody wanted to be the one to say the pumps might fail,” said Clara Oswin, speaking to "
    "staff in a closed meeting.\n\n"
    "The memo, written by the chief engineer, lists eleven faults in the pump housings and "
    "asks for a delay of six months. The port authority declined to comment on the memo.\n\n"
    "Two of the faults concern the seals around the main pump shafts, which the memo says "
    "could let seawater into the motors during a surge. A third concerns the backup power "
    "supply, which has never been connected to the pump house.\n\n"
    "Staff at the meeting were told not to discuss the memo outside the harbour office "
    "until the council had been briefed, according to two people who were there.\n\n"
    "The council is due to sign the construction contract next month, and the memo asks "
    "that the signing wait until the pumps have been tested at full load."
)
SECRET_TITLE = "Leaked memo: barrier pumps never tested"

# Words of each quote, to search by.
FIRST_QUOTE_WORD = "cheque"
SECOND_QUOTE_WORD = "finish"
SECRET_QUOTE_WORD = "pumps"


@asynccontextmanager
async def harbour_site(host: str) -> AsyncIterator[str]:
    """The three articles as pages of a news site on `host` (at /first, /second, /secret),
    each naming its canonical link; yields the site's address."""
    pages = {
        "/first": article_page(FIRST, FIRST_TITLE, FIRST_URL),
        "/second": article_page(SECOND, SECOND_TITLE, SECOND_URL),
        "/secret": article_page(SECRET, SECRET_TITLE, SECRET_URL),
    }

    async def answer(request: web.Request) -> web.Response:
        if request.path in pages:
            return web.Response(text=pages[request.path], content_type="text/html")
        return web.Response(status=404)

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    runner, (port,) = await serve(app, host)
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()
