"""What several stages look for in every token, marked once when the token table is read.

Names start at capitalised words (`summarizer.mentions`), cues at speech and stance verbs
(`summarizer.cues`), and genders are voted by pronouns and titles (`summarizer.antecedents`).
Each stage used to test every token of an article; a token's marks depend only on its text,
so the table works them out once per run of text it learns (`summarizer.tokens`), and each
stage reads only the few marked tokens. The word lists live here, below the token table.
"""

from __future__ import annotations

from summarizer.text import is_capitalised
from summarizer.wordlists import load_lines, load_table


def verb_forms(name: str) -> dict[str, frozenset[str]]:
    """First word of every form → the words that must follow it ("" for none): call → {"for"}."""
    forms: dict[str, set[str]] = {}
    for line in load_lines(name):
        for form in line.split(","):
            first, _, rest = form.strip().partition(" ")
            forms.setdefault(first, set()).add(rest)
    return {first: frozenset(rests) for first, rests in forms.items()}


REPORTING = verb_forms("reporting_verbs.txt")
# Speech verbs whose forms are mostly nouns or adjectives ("the state", "the alleged plot"):
# cues only where a verb stands, and never words a subject phrase stops at ("secretary of state").
NOUN_LIKE = verb_forms("noun_like_cues.txt")
STANCES = verb_forms("stance_verbs.txt")
# The words a speech cue can start with.
SPEECH_WORDS = frozenset(REPORTING) | frozenset(NOUN_LIKE) | {"according"}
GENDER_WORDS = load_table("gendered_words.txt")

# A token's marks, as bits of one int (0 for most tokens).
CAPITAL = 1  # summarizer.text.is_capitalised: a name may start here
SPEECH = 2  # its lower case is one of SPEECH_WORDS
STANCE = 4  # its lower case is a stance verb's first word
GENDERED = 8  # its lower case is one of GENDER_WORDS
CUE = SPEECH | STANCE


def marks(text: str, lower: str) -> int:
    """The marks of a token with this text and lower case."""
    return (
        (CAPITAL if is_capitalised(text) else 0)
        | (SPEECH if lower in SPEECH_WORDS else 0)
        | (STANCE if lower in STANCES else 0)
        | (GENDERED if lower in GENDER_WORDS else 0)
    )
