"""Cue verbs: the reporting verbs that introduce a quotation ("said", "according to") and
the stance verbs that carry an indirect position ("accuses", "blames"), and what follows
a cue: content, or only when and where it was said.

A cue is read only outside quotation text, never inside a relative clause.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from summarizer.article import Article
from summarizer.lexicon import CUE, NOUN_LIKE, REPORTING, SPEECH, STANCE, STANCES, verb_forms
from summarizer.tokens import Tok
from summarizer.wordlists import load_set

_VERB_BEFORE = frozenset({"he", "she", "it", "they", "to"})  # "It states", "to call"
_VERB_AFTER = frozenset({"that", ":"})  # "notes that", "the website notes:"
# "a screaming crowd", "his warning"
_NOUN_DETERMINERS = load_set("noun_determiners.txt") | load_set("possessive_determiners.txt")
# `Rivera calls him a "fascist"`: verbs whose short quoted fragments are their subject's.
CHARACTERISING = verb_forms("characterising_verbs.txt")
# Any cue word: a subject phrase read back from a cue ends at the next one.
VERB_WORDS = frozenset(REPORTING) | frozenset(STANCES)
MODIFIERS = load_set("verb_modifiers.txt")
CALENDAR = load_set("calendar_words.txt")
TIME_WORDS = load_set("time_words.txt")
# When something was said ("on Tuesday", "last week"): no part of who said it or what.
WHEN_WORDS = CALENDAR | TIME_WORDS
CIRCUMSTANCES = load_set("circumstance_words.txt")
_CLAUSE_OPENERS = load_set("clause_openers.txt")
# Cues whose object is the one spoken to, never the speaker.
ADDRESSING = frozenset({"told", "tell", "tells", "telling"})
MARKS_AND_COMMAS = frozenset({",", "’", "'", '"', "”"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'"})
_RELATIVES = frozenset({"which", "who", "whom", "whose"})
_RELATIVE_VERB = 2  # words after "who" before a cue that can be the main clause's
_RELATIVE_SPAN = 12  # and at most this far: a relative clause before the main verb is short
_MAX_CIRCUMSTANCE = 16  # tokens of "on Tuesday in Paris …" after a cue that says nothing


def _in_frame(candidates: list[int], frame: list[int]) -> Iterator[tuple[int, int]]:
    """(n, frame[n]) for each of the `candidates` (token indices in order) that stands in
    `frame` (token indices in order)."""
    if not frame:
        return
    first = bisect.bisect_left(candidates, frame[0])
    for i in candidates[first : bisect.bisect_right(candidates, frame[-1], first)]:
        n = bisect.bisect_left(frame, i)
        if frame[n] == i:
            yield n, i


def _any_in(candidates: list[int], span: range) -> bool:
    """Whether any of the `candidates` (token indices in order) lies in `span`."""
    k = bisect.bisect_left(candidates, span.start)
    return k < len(candidates) and candidates[k] < span.stop


def cue_text(token: Tok) -> str:
    return "according to" if token.lower == "according" else token.text


def is_participle(tokens: list[Tok], c: int) -> bool:
    """`…, saying` shares its clause's subject; `…, according to X` names its own source."""
    word = tokens[c].text
    if not word.endswith("ing") or word.lower() == "according" or c < 1:
        return False
    if tokens[c - 1].text in _CLOSING_MARKS and c > 1:
        c -= 1  # `… on "Morning Joe," adding`: the comma inside the closing mark
    return tokens[c - 1].text == ","


def is_modifier(word: str) -> bool:
    return word.islower() and (word in MODIFIERS or word.endswith("ly"))


class CueFinder:
    """The cues of one article's sentence frames."""

    def __init__(self, article: Article) -> None:
        self.tokens = article.tokens
        self.starts_set = article.starts_set
        # A sentence's cues are asked for by every quotation and position near it: found
        # once, keyed by the frame's first token (the frame itself kept, to be sure of it).
        self._speech: dict[int, tuple[list[int], list[int]]] = {}
        self._all: dict[int, tuple[list[int], list[int]]] = {}
        self.past_relative: dict[int, int] = {}  # a cue past a relative clause → its "who"
        # The few words that could be a cue were marked when the table was read; whether
        # each is a verb depends on its neighbours only, not on its sentence, so the words
        # that are cues, quotation text aside, are found once for the article, and a frame
        # reads its own from them (each sentence is asked for its cues by several rules).
        tokens, blocked = self.tokens, article.token_blocked
        could_be = [k for k in article.marked if tokens[k].marks & CUE and not blocked[k]]
        self._speech_at = [k for k in could_be if tokens[k].marks & SPEECH and self._speaks(k)]
        self._stance_at = [
            k for k in could_be if tokens[k].marks & STANCE and self.is_verb(k, STANCES)
        ]
        # every cue word outside quotation text, in order
        self.cue_tokens = sorted(set(self._speech_at) | set(self._stance_at))

    def _speaks(self, i: int) -> bool:
        """A speech verb, or "according to"."""
        tokens = self.tokens
        if tokens[i].lower == "according":
            return i + 1 < len(tokens) and tokens[i + 1].text == "to"
        return self.is_speech_verb(i)

    def may_speak(self, span: range) -> bool:
        """Whether a speech cue stands in the tokens `span`: a sentence without one has no
        cues, and most rules can pass it by unread."""
        return _any_in(self._speech_at, span)

    def may_cue(self, span: range) -> bool:
        """Whether a speech or stance cue stands in the tokens `span`."""
        return _any_in(self.cue_tokens, span)

    def is_verb(self, i: int, forms: dict[str, frozenset[str]]) -> bool:
        tok = self.tokens[i]
        rests = forms.get(tok.lower)  # first: almost no word is a cue
        if not rests:
            return False
        word = tok.text
        if not word.islower() and not (word.istitle() and tok.idx in self.starts_set):
            return False  # "State Department" holds no cue; "Wrote one poster, …" does
        if i > 0 and self.tokens[i - 1].text == "-" and not self.tokens[i - 1].whitespace_:
            return False  # "so-called", "well-said": part of an adjective
        following = self.tokens[i + 1].lower if i + 1 < len(self.tokens) else ""
        return "" in rests or following in rests

    def after_determiner(self, i: int) -> bool:
        """`a lament for`, `his warning that`, `a screaming crowd`: a word right after an
        article or a possessive stands in a noun phrase, so it is no verb."""
        return i > 0 and self.tokens[i - 1].lower in _NOUN_DETERMINERS

    def is_characterising(self, i: int) -> bool:
        """`calls him a "fascist"`, not `a call for`."""
        return self.is_verb(i, CHARACTERISING) and not self.after_determiner(i)

    def is_speech_verb(self, i: int) -> bool:
        """A reporting verb; a form that is mostly a noun or adjective only between a
        pronoun or "to" and its content ("It states that", "the complaint alleged that")."""
        if self.after_determiner(i):
            return False
        if self.is_verb(i, REPORTING):
            return True
        before = self.tokens[i - 1].lower if i > 0 else ""
        following = self.tokens[i + 1].lower if i + 1 < len(self.tokens) else ""
        return self.is_verb(i, NOUN_LIKE) and (before in _VERB_BEFORE or following in _VERB_AFTER)

    def cues(self, frame: list[int]) -> list[int]:
        """The speech cues of a sentence's frame (Article.frame), in order."""
        if not frame:
            return []
        known = self._speech.get(frame[0])
        if known is not None and known[0] is frame:
            return known[1]
        found = self._speech_cues(frame)
        self._speech[frame[0]] = (frame, found)
        return found

    def _speech_cues(self, frame: list[int]) -> list[int]:
        found: list[int] = []
        tokens = self.tokens
        # in_relative_clause(frame, n), read back from each cue only as far as the cue
        # before it (past that, what was read for it carries on): one pass at most
        relative, seen, opened = False, 0, 0
        members: set[int] | None = None  # the frame as a set, made when first asked
        for n, i in _in_frame(self._speech_at, frame):
            for k in range(n - 1, seen - 1, -1):
                if frame[k + 1] - frame[k] > 1:
                    relative = False
                    break
                word = tokens[frame[k]].lower
                if word == ",":
                    relative = False
                    break
                if word in _RELATIVES:
                    relative, opened = True, k
                    break
            seen = n
            if not relative:
                found.append(i)
            elif self.past_the_relative(
                frame, n, opened, members if members is not None else (members := set(frame))
            ):
                found.append(i)
                after = tokens[frame[opened] + 1]
                if after.text.islower() and after.lower not in _CLAUSE_OPENERS:
                    self.past_relative[i] = frame[opened]  # "who spoke", not "which an FBI …"
        return found

    def stance_cues(self, frame: list[int]) -> list[int]:
        return [i for _, i in _in_frame(self._stance_at, frame)]

    def all_cues(self, frame: list[int]) -> list[int]:
        """Speech and stance cues of a sentence's frame (Article.frame), in order."""
        if not frame:
            return []
        known = self._all.get(frame[0])
        if known is not None and known[0] is frame:
            return known[1]
        speech, stances = self.cues(frame), self.stance_cues(frame)
        # speech cues are in order already: merged only with the few stance cues
        found = sorted(set(speech) | set(stances)) if stances else speech
        self._all[frame[0]] = (frame, found)
        return found

    def in_relative_clause(self, frame: list[int], n: int) -> bool:
        """`the talks, which began … and continued through Sunday,`: no cue in there. A
        quotation ends the clause (`to whom they can "take their frustrations," Sexton said`)."""
        return self.relative_opening(frame, n) is not None

    def relative_opening(self, frame: list[int], n: int) -> int | None:
        """Where in `frame` the relative clause holding its `n`th token opens ("who"), if it
        stands in one."""
        for k in range(n - 1, -1, -1):
            if frame[k + 1] - frame[k] > 1:
                return None
            word = self.tokens[frame[k]].lower
            if word == ",":
                return None
            if word in _RELATIVES:
                return k
        return None

    def past_the_relative(self, frame: list[int], n: int, opened: int, members: set[int]) -> bool:
        """ "an official who spoke anonymously said Wednesday, "Q"": the relative clause opened
        at `opened` has its own verb, and the cue at `n` past it that says nothing is the main
        clause's, its subject the noun before "who"."""
        i = frame[n]
        return (
            _RELATIVE_VERB < n - opened <= _RELATIVE_SPAN
            and self.tokens[i - 1].lower not in ("and", "or", "but")  # "who began … and went"
            and self.says_nothing(i, members)
        )

    def new_statement(self, c: int, close: int, frame: set[int]) -> bool:
        """After a finished quotation, `S V content` is a new statement; `V S` (`says
        Waring's website`) and `S V.` (`LeVell declared.`) still point back to it."""
        if self.tokens[c].idx < close:
            return False
        # any word between the quotation and the cue (read back only as far as the quotation)
        i = c - 1
        while i >= 0 and self.tokens[i].idx > close and self.tokens[i].text in MARKS_AND_COMMAS:
            i -= 1
        if i < 0 or self.tokens[i].idx <= close or self.says_nothing(c, frame):
            return False
        nxt = c + 1
        while nxt in frame and is_modifier(self.tokens[nxt].text):
            nxt += 1
        # "warned its citizens to …", "said that …": content; "told Britain's ITV": an addressee
        return nxt in frame and self.tokens[nxt].lower in _CLAUSE_OPENERS

    def says_nothing(self, c: int, frame: set[int]) -> bool:
        """Nothing said after the cue ("LeVell declared.", "LeVell declared, a point …",
        "Hollande said Tuesday in Paris, noting …"), so it can point back to what came
        before it."""
        nxt = c + 1
        while nxt in frame and (
            self.tokens[nxt].lower in WHEN_WORDS
            or is_modifier(self.tokens[nxt].text)  # "asked rhetorically"
        ):
            nxt += 1
        if nxt in frame and self.tokens[nxt].lower in CIRCUMSTANCES:
            stop = nxt + _MAX_CIRCUMSTANCE  # read no further: each cue asks, however long
            while nxt in frame and self.tokens[nxt].text not in {",", ".", ";"}:
                if self.tokens[nxt].lower == "that" or nxt >= stop:
                    return False
                nxt += 1
        return nxt not in frame or self.tokens[nxt].text in {".", ",", "!", "?", ";"}
