"""The kind of actor a name shows by its own words: place, organisation, group or person.

Read from data (GeoNames places, our lists of organisations, place and group words,
demonyms) and from how the article writes the name's words; a trained pipeline's entity
labels, when present, come first (`ENT_KINDS`).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.gazetteer import first_name_gender, is_place
from summarizer.text import LowerCaseWords
from summarizer.wordlists import load_set, load_table, norm_word

# A name with one of these inside is an institution or place, never a person's surname.
INSTITUTIONAL = frozenset({"of"})
ENT_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "place",
}
_ORGANIZATIONS = load_set("organizations.txt")
_ORGANIZATION_WORDS = load_set("organization_words.txt")
_PLACE_WORDS = load_set("place_words.txt")
_GROUP_WORDS = load_set("group_words.txt")
_DEMONYMS = load_table("demonyms.txt")


# A name recurs across articles (about one lookup in four on a stream of distinct CNN
# articles); the word lists are fixed. Small enough that a benchmark repeating its articles
# gains nothing more than a stream of new ones would.
@lru_cache(maxsize=1024)
def classify(name: str, has_role: bool) -> str | None:
    """The kind a name's own words show, or None when they show nothing."""
    if is_place(name):
        return "place"
    words = name.split()
    normed = [norm_word(w) for w in words]
    low = name.lower()
    if low in _ORGANIZATIONS or not _ORGANIZATION_WORDS.isdisjoint(normed):
        return "organization"
    if len(words) > 1 and normed[-1] in _PLACE_WORDS:
        return "place"
    if has_role:
        return "person"
    if len(words) > 1 and normed[-1] in _GROUP_WORDS:
        return "group"  # Florida Republicans, Iowa Democrats
    for w in words:  # a loop, not all(): most names settle it on their first word
        if w.isalpha() and (len(w) < 2 or not w.isupper()):
            break
    else:
        return "organization"  # NTSB, KL ATCC: every word of letters in capitals
    if norm_word(name) in _DEMONYMS or norm_word(name.removesuffix("s")) in _DEMONYMS:
        return "group"  # Israelis, Americans
    if not INSTITUTIONAL.isdisjoint(low.split()):  # its words in lower case
        return "organization"
    return None


def is_adjective(words: list[str]) -> bool:
    """A lone stop word or nationality adjective ("Israeli") names no actor."""
    return len(words) == 1 and (words[0].lower() in STOP_WORDS or norm_word(words[0]) in _DEMONYMS)


def looks_personal(name: str, lower_case: LowerCaseWords) -> bool:
    """A run of several capitalised words is a person's name unless one of its words is
    written in lower case elsewhere in the article ("Democratic National Convention" next to
    "the national convention"), or it opens with a known first name ("Carly Fiorina")."""
    words = name.split()
    if len(words) < 2:
        return False
    if first_name_gender(words[0]) is not None:
        return True
    return not any(w.lower() in lower_case for w in words)
