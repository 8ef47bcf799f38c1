"""`briefbot who NAME` and `briefbot search WORDS`: who said what, and text search, over the
briefs the command line shared (bot/memory.py). Registered on the app by bot/cli.py; as
there, the heavy parts are imported by the commands, so `--help` answers at once."""

from __future__ import annotations

import sys
from collections.abc import Coroutine
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from bot.channels import ChannelRef, Platform
from bot.exits import UserError, plain_errors

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.memory import SearchHit, WhoAnswer

T = TypeVar("T")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _run(work: Coroutine[Any, Any, T]) -> T:
    import asyncio

    return asyncio.run(work)


# Where `briefbot who` and `briefbot search` ask from: the terminal, as `briefbot brief` and
# `ingest` share (see _terminal), so they find what the command line shared.
TERMINAL = ChannelRef(Platform.cli, "terminal")


async def _who(settings: Settings, name: str, days: int | None) -> WhoAnswer:
    from bot import runtime

    async with runtime.open_memory(settings) as memory:
        return await memory.who(name, TERMINAL, days=days)


async def _search(settings: Settings, words: str) -> tuple[SearchHit, ...]:
    from bot import runtime

    async with runtime.open_memory(settings) as memory:
        return await memory.search(words, TERMINAL)


def who(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="A person or organisation: a name, a surname or a role.")
    ],
    days: Annotated[
        int | None, typer.Option(min=1, help="Only what was shared in the last N days.")
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to print the answer.")
    ] = OutputFormat.text,
) -> None:
    """What a person or organisation said, and where they stand, in the briefs kept here."""
    with plain_errors():
        if not name.strip():
            raise UserError("Give the name of a person or organisation.")
        answer = _run(_who(ctx.obj, name, days))
    if fmt is OutputFormat.json:
        import json

        sys.stdout.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
        return
    from bot.adapters.console.memory import render_who_rich
    from bot.adapters.console.output import make_console, show

    show(make_console(), render_who_rich(answer, days=days, limit=len(answer.items)))


def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="WORDS...", help="Words to look for.")],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to print the briefs found.")
    ] = OutputFormat.text,
) -> None:
    """The briefs kept here whose title, bullets or quotes hold every word, best first."""
    asked = " ".join(words)
    with plain_errors():
        if not asked.strip():
            raise UserError("Give the words to look for.")
        hits = _run(_search(ctx.obj, asked))
    if fmt is OutputFormat.json:
        import json

        found = [hit.to_dict() for hit in hits]
        sys.stdout.write(json.dumps({"words": asked, "briefs": found}, ensure_ascii=False) + "\n")
        return
    from bot.adapters.console.memory import render_search_rich
    from bot.adapters.console.output import make_console, show

    show(make_console(), render_search_rich(asked, hits))
