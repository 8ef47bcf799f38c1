"""Brief each article once, however many figures are computed from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from summarizer.errors import BriefError
from summarizer.types import Brief


@dataclass(slots=True)
class Briefs:
    """Briefs by article text; None where summarize() refused the text (a BriefError).

    Keyed by the text itself, since summarize() is a pure function of it: the CNN quote
    list names articles that ROUGE has already briefed, and those are not briefed again.
    """

    summarize: Callable[[str], Brief]
    made: dict[str, Brief | None] = field(default_factory=dict)

    def of(self, text: str) -> Brief | None:
        if text not in self.made:
            try:
                self.made[text] = self.summarize(text)
            except BriefError:
                self.made[text] = None
        return self.made[text]
