"""/who and /briefs in the terminal (`briefbot chat`, `briefbot who`, `briefbot search`):
rich text, each article's link written out (terminals make it clickable)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from bot.adapters.presentation.memory import (
    MAX_SHOWN,
    item_text,
    search_heading,
    title_text,
    when,
    who_heading,
    who_nothing,
)
from bot.adapters.presentation.text import one_line
from bot.memory import SearchHit, WhoAnswer, WhoItem


def _source(title: str | None, url: str | None, shared: str) -> Text:
    line = Text("   ")
    line.append(title_text(title), style="italic")
    if url:
        line.append(f" {one_line(url)}", style="cyan")
    line.append(f" · {shared}", style="dim")
    return line


def _item(item: WhoItem) -> list[Text]:
    head = Text("• ")
    head.append(item_text(item), style="" if item.kind == "quote" else "dim")
    return [head, _source(item.title, item.url, when(item))]


def render_who_rich(
    answer: WhoAnswer, *, days: int | None = None, limit: int = MAX_SHOWN
) -> RenderableType:
    """The actor's quotes and positions, newest first, each with its article."""
    nothing = who_nothing(answer, days=days)
    if nothing is not None:
        return Text(nothing)
    lines: list[RenderableType] = [Text(who_heading(answer), style="bold")]
    for item in answer.items[:limit]:
        lines.extend(_item(item))
    return Group(*lines)


def render_search_rich(words: str, hits: tuple[SearchHit, ...]) -> RenderableType:
    """The briefs found, best first: title, link and date, and the line that matched."""
    heading = search_heading(words, hits)
    if not hits:
        return Text(heading)
    lines: list[RenderableType] = [Text(heading, style="bold")]
    for hit in hits:
        lines.append(_source(hit.title, hit.url, when(hit)))
        if hit.snippet:
            lines.append(Text(f"   {one_line(hit.snippet)}", style="dim"))
    return Group(*lines)
