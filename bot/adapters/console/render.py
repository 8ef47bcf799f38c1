"""Pure renderers of a Brief for the terminal: a rich renderable and a Markdown string.

Article text is untrusted, so every piece of it is escaped (rich markup, Markdown syntax)
before it meets our own formatting; nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from bot.adapters.presentation.briefs import (
    UNATTRIBUTED,
    actor_detail,
    cue_shown,
    mentions_of,
    position_text,
    source_facts,
    source_name,
    title_of,
    top_actors,
    top_positions,
    top_quotes,
)
from bot.adapters.presentation.news import (
    FIRST_SEEN,
    first_seen,
    lead_of,
    news_actors,
    news_quotes,
)
from bot.adapters.presentation.text import one_line, quote_text
from summarizer import Actor, Brief, Quote

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
_MD_LINE_MARK = re.compile(r"^([#+=-])")


def source_line(brief: Brief) -> list[str]:
    """The pieces of the 'where from' line: site, byline, date, length (the link has a line
    of its own, whole, so a terminal can open it)."""
    return [source_name(brief), *source_facts(brief)]


def _role(quote: Quote, escape_text: Callable[[str], str]) -> str:
    """The " (role)" that follows a speaker's name, or an empty string."""
    return f" ({escape_text(quote.speaker_role)})" if quote.speaker_role else ""


def _actor_detail(actor: Actor) -> str:
    return f"{actor_detail(actor)} · {mentions_of(actor)}"


# --- rich -------------------------------------------------------------------------------------


def _markup(markup: str) -> Text:
    # emoji=False: ":name:" sequences in an article must stay text, like markup does.
    return Text.from_markup(markup, emoji=False)


def _esc(text: str) -> str:
    return escape(one_line(text))


def _numbered(rows: list[tuple[str, Text]]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, body in rows:
        grid.add_row(mark, body)
    return grid


def _rich_quote(quote: Quote) -> Text:
    if quote.speaker:
        who = f"[bold]{_esc(quote.speaker)}[/bold]{_role(quote, _esc)}"
    else:
        who = f"[italic]{UNATTRIBUTED}[/italic]"
    return _markup(f"“{escape(quote_text(quote.text))}” — {who}")


def _rich_actor(actor: Actor, quotes: list[Quote]) -> RenderableType:
    head = _markup(f"[bold]{_esc(actor.name)}[/bold] [dim]{escape(_actor_detail(actor))}[/dim]")
    rows = []
    for pos in top_positions(actor, quotes):
        text = position_text(pos, _esc)
        rows.append(("·", _markup(f"{text}{cue_shown(pos, _esc, '[dim]({})[/dim]')}")))
    return Group(head, _numbered(rows)) if rows else head


def _rich_news(brief: Brief) -> list[RenderableType]:
    """What's new since the earlier article of the story (or the link's earlier version)."""
    lead = lead_of(brief)
    if lead is None or brief.whats_new is None:
        return []
    news = brief.whats_new
    head = f"\n[bold green]{lead.heading}[/bold green] {lead.says('“' + _esc(lead.title) + '”')}"
    parts: list[RenderableType] = [_markup(head)]
    if lead.url and not lead.updated:
        parts.append(_markup(f"[dim]{_esc(lead.url)}[/dim]"))
    if news.nothing:
        return [*parts, _markup(escape(lead.nothing))]
    rows = [("+", _markup(_esc(s.text))) for s in news.sentences]
    rows += [("›", _rich_quote(q)) for q in news_quotes(news)]
    for actor, positions in news_actors(news):
        stands = "; ".join(position_text(p, _esc) for p in positions)
        rows.append(("·", _markup(f"[bold]{_esc(actor.name)}[/bold]: {stands}")))
    if names := first_seen(news):
        rows.append(("·", _markup(f"{FIRST_SEEN}: " + ", ".join(_esc(n) for n in names))))
    return [*parts, _numbered(rows)]


def render_rich(brief: Brief) -> RenderableType:
    """The briefing as a terminal reader sees it: headline, notices, bullets, quotes, actors."""
    parts: list[RenderableType] = [
        _markup(f"[bold]{_esc(title_of(brief))}[/bold]"),
        _markup("[dim]" + " · ".join(escape(p) for p in source_line(brief)) + "[/dim]"),
    ]
    if brief.url:
        parts.append(_markup(f"[dim]{_esc(brief.url)}[/dim]"))
    parts += [_markup(f"[bold yellow]Note:[/bold yellow] {_esc(n)}") for n in brief.notices]
    parts += _rich_news(brief)
    if brief.bullets:
        parts.append(_markup("\n[bold underline]Summary[/bold underline]"))
        rows = [(f"{i}.", _markup(_esc(b.text))) for i, b in enumerate(brief.bullets, 1)]
        parts.append(_numbered(rows))
    quotes = top_quotes(brief)
    if quotes:
        parts.append(_markup("\n[bold underline]Key quotes[/bold underline]"))
        parts.append(_numbered([("›", _rich_quote(q)) for q in quotes]))
    if actors := top_actors(brief):
        parts.append(_markup("\n[bold underline]Who's who[/bold underline]"))
        parts += [_rich_actor(a, quotes) for a in actors]
    return Group(*parts)


# --- Markdown ---------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Backslash-escape what Markdown would act on, so article text renders as written."""
    text = _MD_INLINE.sub(r"\\\1", one_line(text))
    # Only at the start of a line do "1." "-" "#" make lists and headings.
    text = _MD_LIST_NUMBER.sub(r"\1\\\2", text)
    return _MD_LINE_MARK.sub(r"\\\1", text)


def _md_quote(quote: Quote) -> str:
    if quote.speaker:
        who = f"**{md_escape(quote.speaker)}**{_role(quote, md_escape)}"
    else:
        who = f"_{UNATTRIBUTED}_"
    return f"- “{md_escape(quote_text(quote.text))}” — {who}"


def _md_actor(actor: Actor, quotes: list[Quote]) -> list[str]:
    lines = [f"- **{md_escape(actor.name)}** ({md_escape(_actor_detail(actor))})"]
    for pos in top_positions(actor, quotes):
        lines.append(f"  - {position_text(pos, md_escape)}{cue_shown(pos, md_escape)}")
    return lines


def _md_news(brief: Brief) -> list[str]:
    lead = lead_of(brief)
    if lead is None or brief.whats_new is None:
        return []
    news = brief.whats_new
    title = f"“{md_escape(lead.title)}”"
    if lead.url and not lead.updated:
        title = f"[{title}](<{one_line(lead.url).replace('>', '%3E')}>)"
    lines = [f"## {lead.heading} {lead.says(title)}", ""]
    if news.nothing:
        return [*lines, lead.nothing, ""]
    lines += [f"- {md_escape(s.text)}" for s in news.sentences]
    lines += [_md_quote(q) for q in news_quotes(news)]
    for actor, positions in news_actors(news):
        stands = "; ".join(position_text(p, md_escape) for p in positions)
        lines.append(f"- **{md_escape(actor.name)}**: {stands}")
    if names := first_seen(news):
        lines.append(f"- {FIRST_SEEN}: " + ", ".join(md_escape(n) for n in names))
    return [*lines, ""]


def render_markdown(brief: Brief) -> str:
    """The same briefing as Markdown, for pasting into anything that renders it."""
    lines = [f"# {md_escape(title_of(brief))}", ""]
    lines += ["_" + " · ".join(md_escape(p) for p in source_line(brief)) + "_", ""]
    if brief.url:
        lines += [f"<{one_line(brief.url).replace('>', '%3E')}>", ""]
    for notice in brief.notices:
        lines += [f"> **Note:** {md_escape(notice)}", ""]
    lines += _md_news(brief)
    if brief.bullets:
        lines += ["## Summary", ""]
        lines += [f"{i}. {md_escape(b.text)}" for i, b in enumerate(brief.bullets, 1)]
        lines.append("")
    quotes = top_quotes(brief)
    if quotes:
        lines += ["## Key quotes", "", *(_md_quote(q) for q in quotes), ""]
    if actors := top_actors(brief):
        lines += ["## Who's who", ""]
        for actor in actors:
            lines += _md_actor(actor, quotes)
        lines.append("")
    return "\n".join(lines)
