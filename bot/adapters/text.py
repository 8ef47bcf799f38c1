"""Text shaping every renderer shares: a brief is read line by line, whatever the platform."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Newlines and runs of white space collapsed to single spaces."""
    return _SPACES.sub(" ", text).strip()


def quote_text(text: str) -> str:
    """The quotation as displayed: the comma that led into "he said" has nothing to lead to."""
    return one_line(text).rstrip(",;:").rstrip()
