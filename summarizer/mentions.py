"""Names in the text: capitalised runs on spaCy tokens, with their roles and places.

With blank English there are no entities, so a name is a run of capitalised tokens; titles
in front of it are its role (`summarizer.roles`), and each mention records where it stands
(in a quotation, after a possessive, as an object) for the rules that link and type it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.gazetteer import name_particles, name_suffixes
from summarizer.lexicon import CAPITAL
from summarizer.name_kinds import classify, is_adjective
from summarizer.quotemarks import Quoted
from summarizer.roles import appositive_role, role_before, split_role
from summarizer.sentences import Sentence
from summarizer.taken_up import taken_up_as_person
from summarizer.tokens import Tok, TokenTable
from summarizer.wordlists import load_set, norm_word

_CONNECTORS = frozenset({"of"}) | name_particles()
_GOVERNORS = frozenset(
    {"of", "to", "at", "with", "by", "for", "from", "over", "about", "against", "than", "told"}
)
_AGE_WORDS = frozenset({"-", "year", "years", "old"})
_POSSESSIVES = load_set("possessive_determiners.txt")
_OPENING = frozenset({'"', "“", "‘", "'", "("})  # a word after these starts a sentence-like run
_CALENDAR = load_set("calendar_words.txt")
_SUFFIXES = name_suffixes()


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str  # the name as written, role stripped
    role: str | None
    sentence: int
    in_quote: bool
    subject: bool = False  # starts its sentence (cue subjects are found by attribution)
    owned: bool = False  # "his Red Bull debut": a name after a possessive is no person
    governed: bool = False  # "the death of Tony Robinson": the object of a preposition or cue
    who: bool = False  # "Fatiya, who escaped Iraq": only persons take "who"
    taken_up: bool = False  # "Maher stated …. He added": a lone name a pronoun takes up


def _inside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    k = bisect.bisect_right(starts, at) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def find_mentions(
    text: str, table: TokenTable, sentences: list[Sentence], quoted: list[Quoted]
) -> list[Mention]:
    """Capitalised runs, titles split off as roles; sentence-initial words need support."""
    spans = [(q.start, q.end) for q in quoted]
    starts = [s for s, _ in spans]
    sent_starts = [s.start for s in sentences]
    calendar = _CALENDAR
    mentions: list[Mention] = []
    tokens, offsets = table.tokens, table.starts
    firsts = sorted({bisect.bisect_left(offsets, s.start) for s in sentences})
    sentence_first = set(firsts)
    # where a run may start: capitalised words, marked when the table was read
    capital_at = [k for k in table.marked if tokens[k].marks & CAPITAL]
    capitalised_inside = {
        tokens[k].text
        for k in capital_at
        if k not in sentence_first and tokens[k - 1].text not in _OPENING
    }

    def quoted_at(at: int) -> bool:
        return _inside(spans, starts, at)

    n = len(tokens)
    after = 0  # the next run starts past the one just read
    for i in capital_at:
        if i < after:
            continue
        tok = tokens[i]
        word = tok.text
        first = i in sentence_first or (i > 0 and tokens[i - 1].text in _OPENING)
        if tok.lower in calendar or (first and tok.lower in STOP_WORDS):
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if nxt.marks & CAPITAL and nxt.lower not in calendar:
                j += 1
            elif (
                nxt.text == "-"
                and not tokens[j - 1].whitespace_
                and not nxt.whitespace_
                and j + 1 < n
                and tokens[j + 1].text.isalpha()
            ):
                j += 2  # "Soo-hyun", "Ocasio-Cortez": a hyphen glued on both sides
            elif (
                nxt.lower in _CONNECTORS
                and j + 1 < n
                and (
                    tokens[j + 1].marks & CAPITAL
                    or (tokens[j + 1].text == "-" and not nxt.whitespace_)
                )
            ):
                j += 1 if tokens[j + 1].text == "-" else 2  # "bin Laden", "al-Hasan"
            else:
                break
        # a suffix is capitalised
        if j < n and (tokens[j].marks & CAPITAL or tokens[j].text == ","):
            j = _with_suffix(tokens, j)
        while i < j - 1 and tokens[i].lower in STOP_WORDS:
            i += 1  # "The IDF"
        if j > i + 1:
            role_words, name_words = split_role([t.text for t in tokens[i:j]])
            name_words = _person_before_of(name_words)
        elif first and word not in capitalised_inside and classify(word, False) is None:
            after = j
            continue
        else:  # one word: no title before it, no "of" inside
            role_words, name_words = [], [tokens[i].text]
        if name_words and not is_adjective(name_words):
            first_name = i + len(role_words)
            last_name = first_name + len(name_words) - 1
            start = tokens[first_name].idx
            end = tokens[last_name].idx + len(tokens[last_name].text)
            sentence = max(bisect.bisect_right(sent_starts, start) - 1, 0)
            name = text[start:end]
            if not role_words:
                role_words = role_before(tokens, first_name)
            role = " ".join(role_words) or None
            in_quote = _inside(spans, starts, start)
            if role is None and not in_quote:
                role = appositive_role(text, start, end, sentences[sentence])
            governed = _governed(tokens, i, sentence_first)
            owned = first_name > 0 and tokens[first_name - 1].lower in _POSSESSIVES
            who = (
                last_name + 2 < n
                and tokens[last_name + 1].text == ","
                and tokens[last_name + 2].lower == "who"
            )
            taken_up = (
                len(name_words) == 1
                and not governed
                and taken_up_as_person(tokens, first_name, firsts, sentence_first, quoted_at)
            )
            # In field order: keywords cost twice as much, for every mention.
            mentions.append(
                Mention(
                    start,
                    end,
                    name,
                    role,
                    sentence,
                    in_quote,
                    first,
                    owned,
                    governed,
                    who,
                    taken_up,
                )
            )
        after = j
    return mentions


def _with_suffix(tokens: list[Tok], j: int) -> int:
    """ "John Smith Jr.", "John Smith, Jr." and "John Smith III" keep their suffix."""
    k = j + 1 if j < len(tokens) and tokens[j].text == "," else j
    if k < len(tokens) and tokens[k].text[0].isupper() and norm_word(tokens[k].text) in _SUFFIXES:
        return k + 1
    return j


def _governed(tokens: list[Tok], first: int, sentence_first: set[int]) -> bool:
    """After a preposition or "told", a name is an object ("according to X" excepted).

    `first` starts the name's run, title included ("over Prime Minister Netanyahu");
    an age in between does not count ("of 19-year-old Tony Robinson"). A preposition
    that opens the sentence ("For Padgett, who …") introduces its topic."""
    k = first - 1  # the word before
    while k >= 0 and ((word := tokens[k].text) in _AGE_WORDS or word.isdigit()):
        k -= 1
    if k < 0 or k in sentence_first:
        return False
    before = tokens[k].lower
    if before in _GOVERNORS:
        return not (before == "to" and k > 0 and tokens[k - 1].lower == "according")
    for back in range(k, max(-1, k - 3), -1):  # "which runs Puthiya Thalaimurai"
        word = tokens[back].lower
        if word in {",", ".", ";", ":"}:
            return False
        if word in {"which", "whom", "whose"}:
            return True
    return False


def _person_before_of(words: list[str]) -> list[str]:
    """ "Natasha Burgert of KC Kids Doc" names the person; "Bank of America" stays whole."""
    if "of" not in words:
        return words
    head = words[: words.index("of")]
    if len(head) >= 2 and classify(" ".join(head), False) is None:
        return head
    return words
