"""Words of speaker mentions and actor names, as PolNeAR's reference position scorer reads them.

Ported from positions_eval.py (the reference scorer beside the PolNeAR builder) so the
figures are the same; `mention_kind` adds the error breakdown both quote lists share.
"""

from __future__ import annotations

import re
from typing import Literal

STOP = frozenset(
    {
        "the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "former",
        "us", "said", "his", "her", "its", "their", "for", "in", "on", "at", "to", "this",
        "that", "these", "those", "some", "many", "other", "one", "two", "three", "several",
        "our", "my", "by", "with", "who", "which", "whose", "from", "as", "is", "was", "new",
    }
)  # fmt: skip
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
DETERMINERS = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
        "my", "some", "many", "several", "other", "another", "one", "two", "three", "both",
        "all", "most", "few", "each", "every", "any", "no", "such",
    }
)  # fmt: skip
PREPOSITION = re.compile(r"\s(?:in|at|from|of|for|with|on|about)\s")
HEAD_CUT = re.compile(r",|\(|\s[-\u2013\u2014]+\s|\s(?:who|which|whose|whom)\s", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019.&-]*")
LOWER_WORD = re.compile(r"\b[a-z][a-z'-]*\b")

MentionKind = Literal["pronoun", "name", "description", "none"]


def tokens(text: str | None) -> list[str]:
    """Lower-case words, possessives and final dots dropped, U.S. → us."""
    out = []
    for raw in WORD.findall(text or ""):
        word = raw.lower().removesuffix("'s").removesuffix("\u2019s").rstrip(".'\u2019-")
        if word in ("u.s", "u.s.a", "usa"):
            word = "us"
        if word:
            out.append(word)
    return out


def name_words(text: str | None) -> list[str]:
    return [w for w in tokens(text) if w not in STOP]


def last_name_word(words: list[str]) -> str | None:
    """The surname: the last word that is not Jr., III or a number."""
    for word in reversed(words):
        if word not in SUFFIXES and not word.isdigit():
            return word
    return None


def head(mention: str | None) -> str:
    """The mention without its appositive, relative clause or trailing prepositional phrase.

    "Jane Roe, a professor…" → "Jane Roe"; "One Acme Bank clerk in Ohio" → "One Acme Bank
    clerk"; but "Minister of Finance Ann Lee" keeps its name: a preposition cuts only after
    a name and a common noun, or after a two-word name.
    """
    cut = HEAD_CUT.search(mention or "")
    phrase = (mention[: cut.start()] if mention and cut else mention or "").strip()
    for prep in PREPOSITION.finditer(phrase):
        before = WORD.findall(phrase[: prep.start()])
        caps = [w for w in before if w[0].isupper() and w.lower() not in DETERMINERS]
        if caps and (before[-1][0].islower() or len(before) >= 2):
            return phrase[: prep.start()].strip()
    return phrase


def lower_case_words(text: str) -> set[str]:
    """Words the article writes in lower case: a capital on them only starts a sentence."""
    return set(LOWER_WORD.findall(text))


def is_named(mention: str, lower_words: set[str]) -> bool:
    """The head holds a proper-noun word; a capitalised first word counts only when the
    article never uses it in lower case (so a sentence-initial "Officials" is not a name)."""
    for i, word in enumerate(WORD.findall(head(mention))):
        if not word[0].isupper() or word.lower() in DETERMINERS or word == "I":
            continue
        if i == 0 and word.lower() in lower_words:
            continue
        return True
    return False


def mention_kind(mention: str | None, *, pronoun: bool, lower_words: set[str]) -> MentionKind:
    """What sort of gold mention a wrong speaker had: the errors of each sort differ.

    A description is a mention whose head word is lower case ("the Ohio senator",
    "officials", also "Officials" opening a sentence when the article writes "officials").
    """
    if pronoun:
        return "pronoun"
    words = WORD.findall(head(mention))
    if not words:
        return "none"
    last = words[-1]
    if last[0].islower() or (len(words) == 1 and last.lower() in lower_words):
        return "description"
    return "name"
