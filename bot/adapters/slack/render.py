"""Pure renderers for Slack: Block Kit for a Brief, a failure sentence, and the help text.

Article text is untrusted: every piece of it has &, < and > escaped, so `<!channel>` or
`<@U123>` in an article shows as text and never pings anyone. Slack's limits are kept here
(section text 3000 characters, header 150, 50 blocks a message): long text is trimmed on a
sentence boundary, else a word boundary, and marked with "…", never cut mid-word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.adapters.presentation.briefs import (
    NAME_LIMIT,
    QUOTE_LIMIT,
    UNATTRIBUTED,
    actor_detail,
    could_not_brief,
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
from bot.adapters.presentation.help import HELP_FACTS
from bot.adapters.presentation.news import (
    FIRST_SEEN,
    first_seen,
    lead_of,
    news_actors,
    news_quotes,
)
from bot.adapters.presentation.text import ELLIPSIS, clip_words, one_line, quote_text
from summarizer import Actor, Brief, Quote

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
CONTEXT_LIMIT = 300  # one context element: source line, notice
BLOCK_LIMIT = 50
FALLBACK_LIMIT = 3000  # the plain-text `text` of a message (Slack truncates far above this)
BULLET_LIMIT = 900
POSITION_LIMIT = 280

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """Slack's own escaping: & < > become entities, so nothing in the text acts as markup."""
    return re.sub(r"[&<>]", lambda m: _ESCAPES[m.group(0)], text)


def trim(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a sentence or word end with "…"; a single
    over-long word is cut hard (a brief shows something of it rather than nothing)."""
    return clip_words(text, limit, hard=True)


def fit(text: str, limit: int, *, keep_lines: bool = False, hard: bool = True) -> str:
    """Article text trimmed and escaped so that the escaped form fits `limit` (on one line
    unless `keep_lines`); trimmed before escaping, so no entity is ever cut in half. Unless
    `hard`, a single over-long word is never cut: only "…" is left of it."""
    text = text.strip() if keep_lines else one_line(text)
    budget = limit
    while True:
        out = escape(clip_words(text, budget, hard=hard))
        if len(out) <= limit or budget <= 1:
            return out[:limit]
        budget -= len(out) - limit


def link_target(url: str) -> str:
    """A URL safe inside Slack's <url|label> markup (| and spaces would end it early)."""
    return escape(url.replace("|", "%7C").replace(" ", "%20"))


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": False}


def _mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: Slack must not turn names or URLs in article text into links or mentions.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def header_block(text: str) -> dict[str, Any]:
    """A header of untrusted text, escaped and trimmed to Slack's 150 characters."""
    return {"type": "header", "text": _plain(fit(text, HEADER_LIMIT))}


def section_block(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text)}


def context_block(texts: list[str]) -> dict[str, Any]:
    return {"type": "context", "elements": [_mrkdwn(t) for t in texts[:10]]}


def pack(heading: str, lines: list[str], limit: int = SECTION_LIMIT) -> list[str]:
    """Lines (each already within `limit`) packed into as few section texts as fit."""
    out: list[str] = []
    current = heading
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                out.append(current)
            current = line
    if current and current != heading:
        out.append(current)
    return out


def source_line(brief: Brief) -> str:
    """The context line: the site (linked to the article), byline, date and length, escaped."""
    site = fit(source_name(brief), NAME_LIMIT)
    if brief.url:
        site = f"<{link_target(brief.url)}|{site}>"
    rest = CONTEXT_LIMIT - len(site) - 3
    return site + " · " + fit(" · ".join(source_facts(brief)), rest)


def quote_line(quote: Quote) -> str:
    said = f"“{fit(quote_text(quote.text), QUOTE_LIMIT)}”"
    if not quote.speaker:
        return f"• {said} — _{UNATTRIBUTED}_"
    who = f"*{fit(quote.speaker, NAME_LIMIT)}*"
    if quote.speaker_role:
        who += f" ({fit(quote.speaker_role, NAME_LIMIT)})"
    return f"• {said} — {who}"


def actor_line(actor: Actor, quotes: list[Quote]) -> str:
    """The actor and its positions, less the quotations already among `quotes`."""
    head = f"• *{fit(actor.name, NAME_LIMIT)}* ({fit(actor_detail(actor), NAME_LIMIT)})"
    stands = [
        f"{position_text(pos, lambda t: fit(t, POSITION_LIMIT))}"
        f"{cue_shown(pos, lambda t: fit(t, 40), '_({})_')}"
        for pos in top_positions(actor, quotes)
    ]
    if stands:
        return head + ": " + "; ".join(stands)
    return f"{head} · {mentions_of(actor)}"


def news_sections(brief: Brief) -> list[str]:
    """What's new since the earlier article of the story (or the link's earlier version), as
    section texts; none when the brief has no What's new."""
    lead = lead_of(brief)
    if lead is None or brief.whats_new is None:
        return []
    news = brief.whats_new
    title = fit(lead.title, NAME_LIMIT)
    if lead.url and not lead.updated:
        title = f"<{link_target(lead.url)}|{title}>"
    heading = f"*{lead.heading}* {lead.says(title)}"
    if news.nothing:
        return [f"{heading}\n{lead.nothing}"]
    lines = [f"• {fit(s.text, BULLET_LIMIT)}" for s in news.sentences]
    lines += [quote_line(q) for q in news_quotes(news)]
    for actor, positions in news_actors(news):
        stands = "; ".join(position_text(p, lambda t: fit(t, POSITION_LIMIT)) for p in positions)
        lines.append(f"• *{fit(actor.name, NAME_LIMIT)}*: {stands}")
    if names := first_seen(news):
        lines.append(f"• {FIRST_SEEN}: " + fit(", ".join(names), BULLET_LIMIT))
    return pack(heading, lines)


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """What chat.postMessage needs besides the channel: the fallback text and the blocks."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if self.blocks:
            out["blocks"] = self.blocks
        return out


def fallback_text(brief: Brief) -> str:
    """The plain-text version shown in notifications and where blocks cannot be."""
    lines = [title_of(brief)]
    if brief.url:
        lines.append(brief.url)
    lines += [f"• {one_line(b.text)}" for b in brief.bullets]
    return fit("\n".join(lines), FALLBACK_LIMIT, keep_lines=True)


def render_brief(brief: Brief) -> SlackMessage:
    """A brief as Block Kit: the headline once, context (the site linked to the article),
    bullets, quotes, actors."""
    blocks: list[dict[str, Any]] = [header_block(title_of(brief))]
    blocks.append(context_block([source_line(brief)]))
    if brief.notices:
        blocks.append(context_block([f":warning: {fit(n, CONTEXT_LIMIT)}" for n in brief.notices]))
    body: list[str] = news_sections(brief)
    body += pack("*Summary*", [f"• {fit(b.text, BULLET_LIMIT)}" for b in brief.bullets])
    quotes = top_quotes(brief)
    body += pack("*Key quotes*", [quote_line(q) for q in quotes])
    body += pack("*Who's who*", [actor_line(a, quotes) for a in top_actors(brief)])
    room = BLOCK_LIMIT - len(blocks)
    if len(body) > room:
        body = [*body[: room - 1], f"{ELLIPSIS} (more than fits in one message)"]
    blocks += [section_block(t) for t in body]
    return SlackMessage(fallback_text(brief), blocks)


def render_problem(source: str, problem: str) -> SlackMessage:
    """One plain sentence about a source that could not be briefed."""
    return SlackMessage(could_not_brief(source, fit(problem, 1000), lambda s: fit(s, 500)))


_HELP_LINES = [
    f"*Briefbot* {HELP_FACTS.about}",
    f"• {HELP_FACTS.paste} in a channel I'm in: I reply in the thread.",
    "• Mention me with a link to ask for a brief even when auto-brief is off.",
    "• `/brief <link or text>`: brief it now and post it in the channel.",
    "• `/briefbot auto on` or `/briefbot auto off`: whether I brief pasted links and texts "
    "in this channel unasked (on by default).",
    "• `/briefbot help`: this message.",
    "• `/digest on 08:30 [time zone] [days] [quiet]`: a digest of the articles shared here, "
    "at that time, for example `/digest on 08:30 Europe/London mon-fri`.",
    "• `/digest off`, `/digest now` (post it now), `/digest preview` (only to you), "
    "`/digest status`.",
    "• `/digest sources add #channel` or `/digest sources remove #channel`: fold in what is "
    "shared in another channel.",
    f"• `{HELP_FACTS.digest_help}`: {HELP_FACTS.digest_help_says}.",
    "• `/who <name>`: what a person or organisation said in the articles shared here "
    "(only to you); `/briefs <words>`: the briefs that hold these words.",
]
HELP = escape("\n".join(_HELP_LINES))


def render_help() -> SlackMessage:
    return SlackMessage(HELP, [section_block(HELP)])
