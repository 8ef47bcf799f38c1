"""Plain token records read once from a spaCy Doc.

The rule components walk tokens back and forth many times; spaCy builds a new Token
object on every access, so reading text and offsets once keeps the engine fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDX, ORTH, SPACY
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
    strings = doc.vocab.strings
    # Reading spaCy's arrays avoids building a Token object per word (the hot path).
    for orth, idx, space in doc.to_array([ORTH, IDX, SPACY]).tolist():
        text = strings[orth]
        if text.isspace():
            continue
        after = " " if space else ""
        glued = _GLUED.match(text) if len(text) > 2 else None
        if glued is None:
            table.append(Tok(text, idx, after))
            continue
        at = idx
        for piece in glued.groups():
            if piece:
                table.append(Tok(piece, at, ""))
                at += len(piece)
        table[-1] = Tok(table[-1].text, table[-1].idx, after)
    return table
