"""Pure renderers for Discord: a Brief as embeds within Discord's limits, plain lines, help.

Article text is untrusted: Markdown in it is escaped and mentions are broken with a zero-width
space, so nothing an article says can format our message or ping anyone (the client also sends
`allowed_mentions` with nothing allowed). Text that does not fit is trimmed at a sentence end,
else at a word end, with "…"; bullets that do not fit the first embed go to a second one.
Nothing here does I/O.
"""

from __future__ import annotations

from typing import Any

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.adapters.presentation.briefs import (
    UNATTRIBUTED,
    actor_detail,
    could_not_brief,
    cue_shown,
    position_text,
    source_facts,
    source_name,
    title_of,
    top_actors,
    top_positions,
    top_quotes,
)
from bot.adapters.presentation.help import HELP_FACTS
from bot.adapters.presentation.news import (
    FIRST_SEEN,
    first_seen,
    lead_of,
    news_actors,
    news_quotes,
)
from bot.adapters.presentation.text import clip_words, one_line, quote_text
from summarizer import Actor, Brief, Quote

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-limits).
CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
TOTAL_LIMIT = 6000  # every embed of one message together
EMBEDS_PER_BRIEF = 2

COLOUR = discord.Colour(0x2B6CB0)

# What /briefbot help answers: the facts every platform says, in Discord's command syntax.
HELP = (
    f"**Briefbot** {HELP_FACTS.about}\n"
    f"• {HELP_FACTS.paste} in a channel where auto-brief is on, and I reply with a brief.\n"
    "• `/brief source:` a link or a text: a brief on request, in any channel.\n"
    "• `/briefbot auto on` or `off`: brief pasted articles unasked in this channel, or not "
    "(needs the Manage Channels permission; on by default).\n"
    "• `/digest on time:08:30` (and optionally `timezone:`, `days:` such as mon-fri, and "
    "`quiet:`): a digest of what was shared here at that time of day; `/digest off` stops it "
    "(both need Manage Channels).\n"
    "• `/digest now` posts that digest here now, `/digest preview` shows it only to you, "
    "`/digest status` says when the next one comes and what is waiting.\n"
    "• `/digest sources add` or `remove` with a `channel:` folds in what is shared in another "
    "channel of this server (needs Manage Channels); `/digest sources list` names them.\n"
    f"• `{HELP_FACTS.digest_help}`: {HELP_FACTS.digest_help_says}.\n"
    "• `/who name:` what a person or organisation said in the articles shared here, "
    "`/briefs words:` the briefs that hold these words (both only to you).\n"
    "• `/briefbot help`: this message."
)


def safe(text: str) -> str:
    """Article text made inert for Discord: one line, Markdown escaped, mentions broken."""
    return escape_mentions(escape_markdown(one_line(text)))


def plain(text: str) -> str:
    """For places Discord shows without Markdown (footer): one line, mentions broken."""
    return escape_mentions(one_line(text))


def clip(text: str, limit: int) -> str:
    """`text` within `limit` characters: cut after the last whole sentence that fits, else after
    the last whole word, and marked with " …"; never mid-word."""
    return clip_words(text, limit, spaced=True)


def footer_text(brief: Brief) -> str:
    """Source and reading time: site, byline, date, length (the title links the article)."""
    return clip(plain(" · ".join([source_name(brief), *source_facts(brief)])), FOOTER_LIMIT)


def quote_field(quote: Quote) -> tuple[str, str]:
    who = safe(quote.speaker) if quote.speaker else UNATTRIBUTED.capitalize()
    if quote.speaker and quote.speaker_role:
        who += f" ({safe(quote.speaker_role)})"
    name = clip("💬 " + who, FIELD_NAME_LIMIT)
    body = clip(safe(quote_text(quote.text)), FIELD_VALUE_LIMIT - 2)
    return name, f"“{body}”"


def actor_field(actor: Actor, quotes: list[Quote]) -> tuple[str, str] | None:
    """The actor's stated positions (less the quotations among `quotes`), or None when the
    article gives none."""
    lines = [
        f"• {position_text(pos, safe)}{cue_shown(pos, safe, '_({})_')}"
        for pos in top_positions(actor, quotes)
    ]
    if not lines:
        return None
    name = clip(f"🧭 {safe(actor.name)} ({safe(actor_detail(actor))})", FIELD_NAME_LIMIT)
    return name, _fit_lines(lines, FIELD_VALUE_LIMIT)


def _fit_lines(lines: list[str], limit: int) -> str:
    """Whole lines while they fit; the first line that does not is clipped, the rest dropped."""
    out: list[str] = []
    used = 0
    for line in lines:
        extra = len(line) + (1 if out else 0)
        if used + extra <= limit:
            out.append(line)
            used += extra
            continue
        room = limit - used - (1 if out else 0)
        part = clip(line, room) if room > 40 else ""
        if part:
            out.append(part)
        break
    return "\n".join(out)


def bullet_lines(brief: Brief) -> list[str]:
    notes = [f"⚠️ _{safe(n)}_" for n in brief.notices]
    news = news_lines(brief)
    if news and brief.bullets:
        news.append("**Summary**")
    return notes + news + [f"• {safe(b.text)}" for b in brief.bullets]


def news_lines(brief: Brief) -> list[str]:
    """What's new since the earlier article of the story (or the link's earlier version)."""
    lead = lead_of(brief)
    if lead is None or brief.whats_new is None:
        return []
    news = brief.whats_new
    title = clip(safe(lead.title), 200)
    if lead.url and not lead.updated:
        title = f"[{title}]({one_line(lead.url).replace(')', '%29').replace(' ', '%20')})"
    lines = [f"**{lead.heading}** {lead.says(title)}"]
    if news.nothing:
        return [*lines, lead.nothing]
    lines += [f"🆕 {safe(s.text)}" for s in news.sentences]
    for q in news_quotes(news):
        who = f" — **{safe(q.speaker)}**" if q.speaker else ""
        lines.append(f"💬 “{safe(quote_text(q.text))}”{who}")
    for actor, positions in news_actors(news):
        lines.append(
            f"🧭 **{safe(actor.name)}**: " + "; ".join(position_text(p, safe) for p in positions)
        )
    if names := first_seen(news):
        lines.append(f"👤 {FIRST_SEEN}: " + ", ".join(safe(n) for n in names))
    return lines


def _split_lines(lines: list[str], limit: int) -> tuple[list[str], list[str]]:
    """The lines that fit in `limit` (joined by newlines) and those left over."""
    used = 0
    for i, line in enumerate(lines):
        extra = len(line) + (1 if i else 0)
        if used + extra > limit:
            return lines[:i], lines[i:]
        used += extra
    return lines, []


def render_brief(brief: Brief) -> list[discord.Embed]:
    """One embed (two when the bullets overflow the first), all together within 6000
    characters: title linked to the article, bullets, key quotes and actors' positions as
    fields, source and reading time in the footer."""
    title = clip(safe(title_of(brief)), TITLE_LIMIT)
    footer = footer_text(brief)
    key_quotes = top_quotes(brief)
    quotes = [quote_field(q) for q in key_quotes]
    actors = [f for f in (actor_field(a, key_quotes) for a in top_actors(brief)) if f]
    quotes = quotes[:FIELDS_LIMIT]
    actors = actors[: FIELDS_LIMIT - len(quotes)]

    lines = bullet_lines(brief) or ["_No summary could be made of this text._"]
    lines = [clip(line, DESCRIPTION_LIMIT) for line in lines]
    first, rest = _split_lines(lines, DESCRIPTION_LIMIT)
    second, _ = _split_lines(rest, DESCRIPTION_LIMIT)

    def size() -> int:
        descriptions = ("\n".join(first), "\n".join(second))
        return (
            len(title)
            + len(footer)
            + sum(len(d) for d in descriptions)
            + sum(len(n) + len(v) for n, v in quotes + actors)
        )

    # Over the total: give things up, least important first, until it fits.
    steps: list[tuple[list[Any], int]] = [
        (second, 0),  # overflow bullets
        (actors, 0),  # the least prominent actors first
        (first, 5),  # bullets beyond the first five
        (quotes, 2),  # quotes beyond the first two
        (first, 1),
        (quotes, 0),
    ]
    for items, keep in steps:
        while size() > TOTAL_LIMIT and len(items) > keep:
            items.pop()
    if size() > TOTAL_LIMIT:
        first = [clip(first[0], len(first[0]) - (size() - TOTAL_LIMIT))]
    fields = quotes + actors

    main = discord.Embed(title=title, url=brief.url or None, colour=COLOUR)
    main.description = "\n".join(first)
    if not second:
        for name, value in fields:
            main.add_field(name=name, value=value, inline=False)
        main.set_footer(text=footer)
        return [main]
    more = discord.Embed(description="\n".join(second), colour=COLOUR)
    for name, value in fields:
        more.add_field(name=name, value=value, inline=False)
    more.set_footer(text=footer)
    return [main, more]


def problem_line(source: str, problem: str) -> str:
    """A failure as one message: which source, and the plain sentence why."""
    return clip(escape_mentions(could_not_brief(source, problem, _source)), CONTENT_LIMIT)


def _source(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return f"<{one_line(source)}>"  # angle brackets: no preview of the failing page
    return safe(source)  # a file name, chosen by whoever posted it


def content(text: str) -> str:
    """Our own words as message content, within 2000 characters, mentions broken."""
    return clip(escape_mentions(text), CONTENT_LIMIT)
