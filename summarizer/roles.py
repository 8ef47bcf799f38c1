"""Titles as roles: "Israeli Prime Minister" before a name, "the leader of Hezbollah" beside it.

A title is never part of a name: it is split off and kept as the name's role, whether it is
written capitalised in front of the name, in lower case in front of it ("union leader"), or
in apposition between commas.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.sentences import Sentence
from summarizer.text import is_capitalised
from summarizer.tokens import Tok
from summarizer.wordlists import load_set, norm_word

_MAX_TITLE_WORDS = 4
_TITLES = load_set("titles.txt")
# The first word of every title: a title can start only at a word among these.
_TITLE_HEADS = frozenset(title.split(" ")[0] for title in _TITLES)


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """(role words, name words): the role ends where the last title before the name ends.

    "Israeli Prime Minister Benjamin Netanyahu" and "Malaysia Airlines CEO Ahmad Jauhari
    Yahya" both split after their title; a run with no title is all name.
    """
    if len(words) < 2:
        return [], words[:]  # a title is never the last word: nothing to split
    titles = _TITLES
    heads = _TITLE_HEADS
    normed = [norm_word(w) for w in words]
    cut = 0
    i = 0
    while i < len(words) - 1:
        if normed[i] not in heads:
            i += 1
            continue
        for n in range(min(_MAX_TITLE_WORDS, len(words) - 1 - i), 0, -1):
            if " ".join(normed[i : i + n]) in titles:
                cut = i + n
                i += n
                break
        else:
            i += 1
    return words[:cut], words[cut:]


def role_before(tokens: list[Tok], first: int) -> list[str]:
    """Lower-case titles written before a name: "Union leader Maria Costa" → "Union leader".

    The word right before the name must be such a title, so most names are settled by it."""
    titles = _TITLES
    last = tokens[first - 1].text if first > 0 else ""
    if not last.islower() or norm_word(last) not in titles:
        return []
    k = first - 2
    while (
        k >= 0
        and first - k <= _MAX_TITLE_WORDS
        and (
            norm_word(tokens[k].text) in titles
            or (is_capitalised(tokens[k].text) and tokens[k].lower not in STOP_WORDS)
        )
    ):
        k -= 1
    return [t.text for t in tokens[k + 1 : first]]


def appositive_role(text: str, start: int, end: int, sentence: Sentence) -> str | None:
    """A role in apposition: "The leader of Hezbollah, Nasrallah," or "Nasrallah, the leader …,"."""
    after = text[end : sentence.end]
    if not after.lstrip().startswith(","):
        return None  # both forms need a comma after the name
    before = text[sentence.start : start].rstrip()
    titles = _TITLES
    if before.endswith(",") and after.lstrip().startswith(","):
        segment = before[:-1].rsplit(",", 1)[-1].strip()
        words = segment.split()
        if (
            1 < len(words) <= 8
            and words[0].lower() in ("the", "a", "an")
            and _has_title(words, titles)
        ):
            return " ".join(words[1:])
    if after.startswith(", "):
        segment = after[2:].split(",", 1)[0]
        words = segment.split()
        if (
            1 < len(words) <= 8
            and words[0].lower() in ("the", "a", "an")
            and "," in after[2:]
            and _has_title(words, titles)
        ):
            return " ".join(words[1:])
    return None


def _has_title(words: list[str], titles: frozenset[str]) -> bool:
    return any(norm_word(w) in titles for w in words)
