"""Plain token records read once from a spaCy Doc.

The rule components walk tokens back and forth many times; spaCy builds a new Token
object on every access, so reading text and offsets once keeps the engine fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    idx: int
    whitespace_: str


# `way,"she` → `way` `,` `"` `she`: a closing mark written against the next word.
_GLUED = re.compile(r"^(.*?)([,.!?]?)([\"“”«»])([A-Za-z].*)$")


def token_table(doc: Doc) -> list[Tok]:
    """Every token but runs of white space ("he  said" is two words, not three), with a
    quotation mark split off a word it was written against."""
    table: list[Tok] = []
    for t in doc:
        if t.is_space:
            continue
        glued = _GLUED.match(t.text) if len(t.text) > 2 else None
        if glued is None:
            table.append(Tok(t.text, t.idx, t.whitespace_))
            continue
        at = t.idx
        for piece in glued.groups():
            if piece:
                table.append(Tok(piece, at, ""))
                at += len(piece)
        table[-1] = Tok(table[-1].text, table[-1].idx, t.whitespace_)
    return table
