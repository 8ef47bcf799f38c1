"""Typing a lone name from how the text goes on: "Maher stated … . He added": a person.

A one-word name ("Maher", "Breitbart") shows no kind by its own words. When a singular
personal pronoun (he, his, she, her) follows it outside quotation text, in its sentence or the
next, before any other name comes in, the text treats it as a person; without that, it stays
undecided and the cast's other evidence decides.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Container

from summarizer.tokens import Tok
from summarizer.wordlists import load_set, norm_word

_PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_POSSESSIVES = load_set("possessive_determiners.txt") | {"'s", "’s"}
# Words after which a clause, and so its subject, begins.
_OPENERS = frozenset(
    {"and", "but", "that", "when", "while", "because", "as", "if", "since", "so", "then"}
)
_TITLES = load_set("titles.txt")


def taken_up_as_person(
    tokens: list[Tok],
    name: int,
    firsts: list[int],
    sentence_first: Container[int],
    quoted_at: Callable[[int], bool],
) -> bool:
    """Whether a personal pronoun takes up the one-word name at token `name` (module doc);
    `firsts` holds each sentence's first token in order, `sentence_first` the same as a set.

    Only a name that can open a clause counts: at its sentence's start, or after punctuation
    or a conjunction. A word after a determiner, a possessive or a verb ("the Depression",
    "Netanyahu's Likud party", "likes being Pope") and a title are no person's name,
    whatever follows them."""
    before = tokens[name - 1] if name > 0 and name not in sentence_first else None
    if before is not None and (
        before.lower in _POSSESSIVES or (before.text.isalpha() and before.lower not in _OPENERS)
    ):
        return False
    if norm_word(tokens[name].text) in _TITLES:
        return False
    # Up to the end of the next sentence, only a pronoun or a name decides, and only outside
    # quotation text: the (slower) quotation check is asked of those few tokens alone.
    after = bisect.bisect_right(firsts, name) + 1  # the sentence after the next one starts
    until = firsts[after] if after < len(firsts) else len(tokens)
    for k, tok in enumerate(tokens[name + 1 : until], name + 1):
        if tok.lower in _PERSONAL:
            if not quoted_at(tok.idx):
                return True
        elif tok.text[:1].isupper() and k not in sentence_first and not quoted_at(tok.idx):
            return False  # another name comes in first: the pronoun may be theirs
    return False
