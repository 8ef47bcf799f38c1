"""Plain token records read once from a spaCy Doc.

The rule components walk tokens back and forth many times; spaCy builds a new Token
object on every access, so reading text and offsets once keeps the engine fast. The
lower-cased text is kept too: nearly every rule compares words in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDX, ORTH, SPACY
from spacy.tokens import Doc


# Not frozen: a frozen dataclass sets every field through object.__setattr__, which made
# building the table cost as much as tokenising. The rules only read these records.
@dataclass(slots=True)
class Tok:
    text: str
    idx: int
    whitespace_: str
    lower: str  # text.lower(), read by most rules


# `way,"she` → `way` `,` `"` `she`: a closing mark written against the next word.
_GLUED = re.compile(r"^(.*?)([,.!?]?)([\"“”«»])([A-Za-z].*)$")


def token_table(doc: Doc) -> list[Tok]:
    """Every token but runs of white space ("he  said" is two words, not three), with a
    quotation mark split off a word it was written against."""
    table: list[Tok] = []
    append = table.append
    strings = doc.vocab.strings
    # Reading spaCy's arrays avoids building a Token object per word (the hot path), and
    # reading them column by column avoids a small list per token.
    columns = doc.to_array([ORTH, IDX, SPACY]).T.tolist()
    for orth, idx, space in zip(*columns, strict=True):
        text = strings[orth]
        after = " " if space else ""
        if text.isalpha():  # most words: no white space, no quotation mark
            append(Tok(text, idx, after, text.lower()))
            continue
        if text.isspace():
            continue
        glued = _GLUED.match(text) if len(text) > 2 else None
        if glued is None:
            append(Tok(text, idx, after, text.lower()))
            continue
        at = idx
        for piece in glued.groups():
            if piece:
                append(Tok(piece, at, "", piece.lower()))
                at += len(piece)
        table[-1].whitespace_ = after
    return table
