"""How much of a brief every platform shows, and the words it is shown in.

A reader who moves from Slack to Discord or the terminal should see the same quotes, actors
and positions, named the same way; only the markup and the platform's size limits differ, and
those stay in each adapter. Every function here returns plain, unescaped text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from importlib.resources import files

from bot.adapters.presentation.text import one_line, quote_text, site_of
from bot.digests.wording import count
from bot.service import PASTED
from summarizer import Actor, Brief, Position, Quote
from summarizer.stories import UNTITLED as UNTITLED_STORY
from summarizer.types import NewActor

# Quotes and actors arrive most important first; a reader wants only the first few.
MAX_QUOTES = 5
MAX_ACTORS = 6
MAX_POSITIONS = 2
# Characters of a name (a speaker, an actor, a role) and of a quotation worth showing.
NAME_LIMIT = 120
QUOTE_LIMIT = 600

# The words the digest engine gives a story without a title: an article without one is
# called the same, so a brief and a digest never name the missing title two ways.
UNTITLED = UNTITLED_STORY
UNATTRIBUTED = "unattributed"
# How we say the source the service calls PASTED.
PASTED_TEXT = "the pasted text"
# What the source line says of an article that came with no link.
PASTED_LABEL = "Pasted text"


@cache
def plain_cues() -> frozenset[str]:
    """Cues that say only that someone spoke ("said", "told"): shown after a position they add
    nothing, since the actor's name heads the line (data/plain_cues.txt)."""
    text = files(__package__).joinpath("data", "plain_cues.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return frozenset(
        word.strip().lower() for line in lines for word in line.split(",") if word.strip()
    )


def title_of(brief: Brief) -> str:
    """The brief's title on one line, or UNTITLED when the article has none worth showing."""
    return one_line(brief.title or "") or UNTITLED


def top_quotes(brief: Brief) -> list[Quote]:
    return brief.quotes[:MAX_QUOTES]


def top_actors(brief: Brief) -> list[Actor]:
    return brief.actors[:MAX_ACTORS]


def _same_words(text: str) -> str:
    return " ".join(quote_text(text).lower().split())


def top_positions(actor: Actor | NewActor, quotes: Sequence[Quote] = ()) -> list[Position]:
    """The actor's first positions, leaving out a quotation already shown among `quotes` (the
    key quotes above): a reader sees each quotation once."""
    shown = {_same_words(q.text) for q in quotes}
    kept = [p for p in actor.positions if not (p.direct and _same_words(p.text) in shown)]
    return kept[:MAX_POSITIONS]


def actor_detail(actor: Actor) -> str:
    """What follows an actor's name: the role the article gives, else the kind of actor
    ("person" beside "Prime Minister" says nothing the role does not)."""
    return one_line(actor.role or "") or actor.kind


def mentions_of(actor: Actor) -> str:
    """'1 mention', '4 mentions'."""
    return count(actor.mentions, "mention")


def position_text(position: Position, shown: Callable[[str], str]) -> str:
    """A position as `shown` (the platform's escaping) makes it, in quotation marks when it is
    in the actor's own words."""
    text = shown(position.text)
    return f"“{text}”" if position.direct else text


def cue_shown(position: Position, shown: Callable[[str], str], mark: str = "({})") -> str:
    """The cue after a position (" (insists)"), in the platform's `mark`; nothing when no
    cue word introduced it (a name and a colon label the line), when the cue says only that
    the actor spoke ("said"), or when the position's text opens with it ("accuses X of …")."""
    cue = position.cue.lower()
    if not cue or cue in plain_cues() or position.text.lower().startswith(cue + " "):
        return ""
    return " " + mark.format(shown(position.cue))


def reading_time(minutes: float) -> str:
    """A brief's length in time: "2.5 min read"."""
    return f"{minutes:g} min read"


def human_date(published: str) -> str:
    """The day an ISO date or time falls on, as people write it ("25 August 2024"); the time
    of day is noise. Text that is no ISO date is shown as it came."""
    day = one_line(published)
    try:
        when = date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{when.day} {when:%B %Y}"


def source_name(brief: Brief) -> str:
    """Where the article is from: the site's own name, else its host, else a pasted text."""
    return one_line(brief.site or "") or site_of(brief.url) or PASTED_LABEL


def source_facts(brief: Brief) -> list[str]:
    """The facts of the 'where from' line after the source itself (source_name, linked or not
    as the platform can): byline, date, length."""
    facts = [f"by {one_line(brief.byline)}"] if brief.byline else []
    if brief.published:
        facts.append(human_date(brief.published))
    facts.append(f"{brief.word_count:,} words, {reading_time(brief.reading_minutes)}")
    return facts


def could_not_brief(source: str, problem: str, shown: Callable[[str], str]) -> str:
    """One sentence about a source that could not be briefed; `shown` gives the source as the
    platform shows it (a pasted text is called the same everywhere)."""
    where = PASTED_TEXT if source == PASTED else shown(source)
    return f"Could not brief {where}: {problem}"
