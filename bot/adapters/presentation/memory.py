"""How every platform words /who and /briefs: the headings, the sentences for nothing found,
and each quote or position with the article it is from. Plain, unescaped text; each adapter
escapes it and makes its own links."""

from __future__ import annotations

from collections.abc import Sequence

from bot.adapters.presentation.briefs import UNTITLED, human_date
from bot.adapters.presentation.text import one_line, quote_text
from bot.memory import SearchHit, WhoAnswer, WhoItem

# How many quotes or positions, and search results, a chat reply shows.
MAX_SHOWN = 10
WHO_WHAT = "/who whom? Put a person's or an organisation's name after /who, e.g. /who the mayor."
BRIEFS_WHAT = "/briefs what? Put the words to look for after /briefs, e.g. /briefs flood barrier."


def who_heading(answer: WhoAnswer) -> str:
    """ "Clara Oswin (Mayor): what the briefs shared here quote and report"."""
    name = one_line(answer.name or answer.asked)
    role = f" ({one_line(answer.role)})" if answer.role else ""
    return f"{name}{role}: what the briefs shared here quote and report, newest first"


def who_nothing(answer: WhoAnswer, *, days: int | None = None) -> str | None:
    """The sentence for an answer with nothing to list (None when it has items)."""
    if answer.items:
        return None
    lately = f" in the last {days} days" if days is not None else ""
    if answer.name is None:
        asked = one_line(answer.asked)
        if not answer.suggestions:
            return f"No one called “{asked}” is quoted in the briefs shared here{lately}."
        known = ", ".join(one_line(s) for s in answer.suggestions)
        return f"No one called “{asked}” in the briefs shared here. Did you mean: {known}?"
    return f"Nothing said by {one_line(answer.name)} in the briefs shared here{lately}."


def item_text(item: WhoItem) -> str:
    """A quote in quotation marks; a position as the briefs word it ("warned that …")."""
    if item.kind == "quote":
        return f"“{quote_text(item.text)}”"
    return one_line(item.text)


def title_text(title: str | None) -> str:
    return one_line(title or "") or UNTITLED


def when(item: WhoItem | SearchHit) -> str:
    """The day it was shared, as people write it."""
    return human_date(item.shared_at.isoformat())


def search_heading(words: str, hits: Sequence[SearchHit]) -> str:
    """The heading of a search's answer, or the sentence saying nothing was found."""
    asked = one_line(words)
    if not hits:
        return f"No brief shared here holds “{asked}”."
    return f"Briefs shared here holding “{asked}”, best first"
