"""Plain token records read once from a spaCy Doc.

The rule components walk tokens back and forth many times; spaCy builds a new Token
object on every access, so reading text and offsets once keeps the engine fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    idx: int
    whitespace_: str


def token_table(doc: Doc) -> list[Tok]:
    """Every token but runs of white space ("he  said" is two words, not three)."""
    return [Tok(t.text, t.idx, t.whitespace_) for t in doc if not t.is_space]
