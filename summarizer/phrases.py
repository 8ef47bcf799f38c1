"""The source phrase around a cue: the subject before it, the words after an inverted cue,
appositives, and the head that names who the phrase is about.

Phrases are token indices inside one sentence's frame (quotation text excluded).
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.article import Article
from summarizer.cast import Entity
from summarizer.cues import VERB_WORDS, WHEN_WORDS, is_modifier
from summarizer.text import is_capitalised
from summarizer.wordlists import load_set

SINGULAR_PRONOUNS = frozenset({"he", "she"})
PLURAL_PRONOUNS = frozenset({"they"})
MAX_PHRASE_TOKENS = 9
FILLERS = load_set("source_fillers.txt")
DOCUMENTS = load_set("document_words.txt")
SOURCE_NOUNS = load_set("source_nouns.txt")
PHRASE_STOPS = load_set("phrase_stops.txt")
PHRASE_WORDS = load_set("phrase_words.txt")
CONJUNCTIONS = load_set("conjunctions.txt")  # "But, said Solovey, …": no subject alone
_MAX_APPOSITIVE = 16  # tokens between the two commas of an apposition
_MAX_RELATIVE = 40  # tokens of a relative clause between a subject and its cue
_MAX_ASIDE = 8  # tokens inside a parenthesis a subject may carry before its cue
HEAD_ENDS = frozenset({"of", "for", "at", "from", "with", "in"})
_APPOSITIVE_MARKS = frozenset({",", "--", "—", "–"})  # "Stormfront -- a website claiming"
_CLOSING_MARKS = frozenset({'"', "”", "’", "'"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
_AFTER_STOPS = PHRASE_STOPS - {"of"}  # "according to Bank of America": "of" goes on
_PRONOUNS = SINGULAR_PRONOUNS | PLURAL_PRONOUNS


_WORD_TAILS = frozenset({"-", "'s", "’s"})  # parts that end a word, never open one
_WHO_FORMS = frozenset({"who", "'ve", "’ve", "'re", "’re"})  # relative_in_description reads


class Phrases:
    """Source phrases in one article, read back and forth from a cue."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.tokens = article.tokens  # read at every step back and forth
        # The antecedent, quotation and position rules ask about the same cues: each phrase
        # is read once per frame object (Article.frame_set; frames are never changed).
        self._before: dict[tuple[int, int], tuple[Collection[int], list[int]]] = {}

    def phrase_after(self, i: int, frame: Collection[int]) -> list[int]:
        """`said Smith, a spokesman` / `said the official`: the words after an inverted cue."""
        j = i + 1
        if self.tokens[i].lower == "according":
            j += 1
        out: list[int] = []
        while j < len(self.tokens) and j in frame and len(out) < MAX_PHRASE_TOKENS:
            word = self.tokens[j].text
            if word in {",", ".", ";", ":", "!", "?", "(", ")"} or (
                word.islower() and word in _AFTER_STOPS
            ):
                break  # "according to Said Boumedouha": a capitalised "Said" is a name
            out.append(j)
            j += 1
        named = j + 1
        if (
            out
            and self.tokens[out[-1]].lower in DOCUMENTS
            and j < len(self.tokens)
            and self.tokens[j].text == ","
            and named < len(self.tokens)
            and is_capitalised(self.tokens[named].text)
        ):
            return [named]  # `says Waring's website, ShipSnowYo.com`: the site speaks
        return out

    def phrase_before(self, i: int, frame: Collection[int], floor: int) -> list[int]:
        """The subject before a cue: `An anonymous US official said`, appositives included."""
        known = self._before.get((i, floor))
        if known is not None and known[0] is frame:  # held here, so the same object
            return list(known[1])
        phrase = self._phrase_before(i, frame, floor)
        self._before[i, floor] = (frame, phrase)
        return list(phrase)

    def _phrase_before(self, i: int, frame: Collection[int], floor: int) -> list[int]:
        j = self._before_aside(i - 1, frame, floor)
        while j >= floor and j in frame and is_modifier(self.tokens[j].text):
            j -= 1
        j = self._before_time(self._before_aside(j, frame, floor), frame, floor)
        if j > floor and self.tokens[j].text in _CLOSING_MARKS and self.tokens[j - 1].text == ",":
            j -= 1  # `Mark Potok, editor of the "Intelligence Report," told`: a title's comma
        if j >= floor and self.tokens[j].text == ",":
            return self.appositive(j, frame, floor)
        phrase = self.words_back(j, frame, floor)
        comma = phrase[0] - 1 if phrase else -1
        if (
            comma > floor
            and self.tokens[comma].text in _APPOSITIVE_MARKS
            and self.tokens[phrase[0]].lower in ("a", "an", "the")
            and self.head_entity(phrase) is None
        ):
            # "Martin Weiss, a spokesman for the ministry tweeted": the closing comma is missing
            name = self.words_back(comma - 1, frame, floor)
            if (
                name
                and self.head_entity(name) is not None
                and (self.tokens[comma].text != "," or self._opens_clause(name[0], floor))
            ):
                return name
        return phrase

    def _opens_clause(self, i: int, floor: int) -> bool:
        """A subject opens its clause: nothing but a mark or a conjunction before it. A name
        after a preposition or a verb ends an opening phrase, its comma no apposition's ("In
        an interview with X, the candidate said", "… likely to vote Democratic, the lawsuit
        says"); a dash still describes it ("users to Stormfront -- a website claiming")."""
        before = self.tokens[i - 1].text if i > floor else ""
        return not before or not before.isalpha() or before.lower() in CONJUNCTIONS

    def _before_time(self, j: int, frame: set[int], floor: int) -> int:
        """Step back over when it was said: "Clinton on Tuesday said", "Ryan last week said"."""
        k = j
        while k > floor and k in frame and self.tokens[k].lower in WHEN_WORDS:
            k -= 1
        if k == j or k not in frame:
            return j
        word = self.tokens[k].text
        return k if is_capitalised(word) or word.lower() in SOURCE_NOUNS else j

    def _before_aside(self, j: int, frame: set[int], floor: int) -> int:
        """Step back over a short parenthesis before a cue: a party tag ("Sen. Jane Roe
        (D-Ore.) said"), an age or a place ("Tom Ray (R) said")."""
        if j < floor or self.tokens[j].text != ")":
            return j
        for k in range(j - 1, max(floor, j - _MAX_ASIDE) - 1, -1):
            if k not in frame or self.tokens[k].text == ")":
                return j
            if self.tokens[k].text == "(":
                return k - 1
        return j

    def relative_in_description(self, j: int, out: list[int]) -> bool:
        """ "other people who've heard the story say": a relative clause after a noun."""
        if not out:
            return False
        word = self.tokens[j].lower
        if word in ("'ve", "’ve", "'re", "’re") and j > 1 and self.tokens[j - 1].text == "who":
            j -= 1  # "who've"
        elif word != "who":
            return False
        noun = self.tokens[j - 1].text if j > 0 else ""
        return noun.isalpha() and noun.islower() and noun not in STOP_WORDS

    def words_back(self, j: int, frame: set[int], floor: int) -> list[int]:
        out: list[int] = []
        tokens = self.tokens
        while j >= floor and j in frame and len(out) < MAX_PHRASE_TOKENS:
            tok = tokens[j]
            word = tok.text
            if word in _QUOTE_MARKS:
                j -= 1  # the marks of a quoted title: real quotations are not in the frame
                continue
            if not (
                word.isalnum()
                or word in {"'s", "’s", "-", "&", "."}
                or any(c.isalpha() for c in word)
            ):
                break
            low = tok.lower
            # each rule below is asked only of the words it can hold (the token after `j`
            # was read before it when `out` has a word)
            if (
                (out and tokens[j + 1].text == "-" and self._glued_to_hyphen(j))
                or (low in _WHO_FORMS and self.relative_in_description(j, out))
                or (word == "in" and self._place_modifier(j, out))
            ):
                # "front-runner", "so-called": one word, whatever its parts; "people who've
                # heard"; "a staffer in the room"
                out.append(j)
                j -= 1
                continue
            if low in PHRASE_STOPS and not (
                out and low == "and" and is_capitalised(tokens[j - 1].text)
            ):
                break
            if word.islower() and (
                low in VERB_WORDS
                or (low.endswith("ing") and not self.modifies(j))  # "imposing new demands"
                # ends a subject; "governing body" does not
            ):
                break
            if word.islower() and low in STOP_WORDS and low not in PHRASE_WORDS:
                if not out and low in _PRONOUNS:
                    out.append(j)  # "he said"
                break  # "can", "then", "be": the subject ended before them
            out.append(j)
            j -= 1
        out.reverse()
        while out and tokens[out[0]].text in _WORD_TAILS:
            out.pop(0)  # "it’s today called": a subject never starts inside a word
        return out

    def _glued_to_hyphen(self, j: int) -> bool:
        """The word before a hyphen that joins it to the next ("front" in "front-runner")."""
        tok = self.tokens[j]
        nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        return (
            nxt is not None
            and nxt.text == "-"
            and not tok.whitespace_
            and not nxt.whitespace_
            and tok.text.isalnum()
        )

    def _place_modifier(self, j: int, out: list[int]) -> bool:
        """ "a Democratic staffer in the room wondered": "in …" modifies the subject's noun."""
        if self.tokens[j].text != "in" or not out or j == 0:
            return False
        noun = self.tokens[j - 1].text
        return noun.isalpha() and noun.lower() not in STOP_WORDS and not noun.endswith("ly")

    def modifies(self, j: int) -> bool:
        """An -ing word after "'s", an article or a name is an adjective ("the governing body")."""
        before = self.tokens[j - 1].text if j > 0 else ""
        return before.lower() in ("'s", "’s", "the", "a", "an") or is_capitalised(before)

    def appositive(self, comma: int, frame: set[int], floor: int) -> list[int]:
        """`Nasrallah, the leader of Hezbollah, said`, `The leader …, Nasrallah, said` or
        `Dagan, who was the director of Mossad from 2002 to 2010, continued`."""
        before = next(
            (
                k
                for k in range(comma - 1, max(floor, comma - _MAX_APPOSITIVE) - 1, -1)
                if self.tokens[k].text in _APPOSITIVE_MARKS and k in frame
            ),
            None,
        )
        if before is None:
            before = self._relative_opening(comma, frame, floor)
            if before is None:
                return self.words_back(comma - 1, frame, floor)
        inner = list(range(before + 1, comma))
        outer = self._outer(before, frame, floor)
        opening = self.tokens[inner[0]].lower if inner else ""
        if opening in ("who", "whom", "which", "whose") or opening.isdigit():
            return outer  # a relative clause or an age: the subject stands before it
        if outer and (self._aside_about_another(inner) or self._circumstance(inner)):
            return outer  # "Peña Nieto, contradicting Trump, said": Trump is the object
        inner = self.words_back(comma - 1, frame, before + 1) or inner
        # "Joe Maloy, a Republican from the Concord area, said": a description after a name
        described = opening in ("a", "an", "the")
        for candidate in (outer, inner) if described else (inner, outer):
            if candidate and self.head_entity(candidate) is not None:
                return candidate
        return inner

    def _outer(self, before: int, frame: set[int], floor: int) -> list[int]:
        """The words before an apposition's first mark, past a party tag ("Rep. Elijah
        Cummings (D-Md.), chair of …") and an age ("Jillian Chase, 27, a Tinder user …")."""
        outer = self.words_back(self._before_aside(before - 1, frame, floor), frame, floor)
        if len(outer) == 1 and self.tokens[outer[0]].text.isdigit():
            comma = outer[0] - 1
            if comma > floor and self.tokens[comma].text == ",":
                return self.words_back(comma - 1, frame, floor)
        return outer

    def _relative_opening(self, comma: int, frame: set[int], floor: int) -> int | None:
        """The comma opening a relative clause too long for an apposition: "Trump, who
        previously questioned whether … on the Mexican border, said"."""
        for k in range(comma - 2, max(floor, comma - _MAX_RELATIVE) - 1, -1):
            if k not in frame:
                return None
            if self.tokens[k].text == "," and self.tokens[k + 1].lower in ("who", "whom"):
                return k
        return None

    def _circumstance(self, inner: list[int]) -> bool:
        """An aside opening with a preposition or a lower-case word other than a determiner
        ("Trump, in Kentucky, said", "Mary Susan, clad in …, said", "The message, sent to …
        Clinton, called"): the subject stands before it, not among the aside's names."""
        opening = self.tokens[inner[0]].text if inner else ""
        return opening.isalpha() and opening.islower() and opening not in FILLERS | {"former"}

    def _aside_about_another(self, inner: list[int]) -> bool:
        """An aside that is a participle phrase or holds a relative clause ("contradicting
        Trump", "a Republican who has refused to endorse Mr. Trump"): a name at its end is
        what the aside is about, not the subject."""
        if not inner:
            return False
        first = self.tokens[inner[0]].text
        if first.islower() and first.endswith("ing"):
            return True
        return any(self.tokens[k].lower in ("who", "whom", "which", "whose") for k in inner)

    def head_part(self, idxs: list[int]) -> list[int]:
        """The phrase up to its first preposition: "Dr. Pho of KevinMD.com" → "Dr. Pho"."""
        for k in range(1, len(idxs)):
            if self.tokens[idxs[k]].lower in HEAD_ENDS:
                return idxs[:k]
        return idxs

    def head_entity(self, idxs: list[int], head: list[int] | None = None) -> Entity | None:
        """The entity the phrase is about: a name at its head, or the author of "X's statement"
        (`head`: its head_part, when the caller has it already)."""
        if head is None:
            head = self.head_part(idxs)
        last = self.tokens[head[-1]]
        mentions = self.article.mentions_in(head)
        for m, e in mentions:
            if m.start <= last.idx < m.end:
                return e
        if last.lower in DOCUMENTS:
            # the author of a text: "Cisse's statement", "The CBC issued a statement"
            whole = self.article.mentions_in(idxs)
            owners = [e for m, e in whole if self.text.startswith(("'s", "’s"), m.end)]
            return (owners or [e for _, e in whole] or [None])[0]
        return None

    def phrase_text(self, idxs: list[int]) -> str:
        return self.text[
            self.tokens[idxs[0]].idx : self.tokens[idxs[-1]].idx + len(self.tokens[idxs[-1]].text)
        ]

    def without_place(self, idxs: list[int]) -> list[int]:
        """ "a Democratic staffer in the room" is described as "Democratic staffer"."""
        for k in range(1, len(idxs)):
            if self.tokens[idxs[k]].text == "in":
                return idxs[:k]
        return idxs

    def from_determiner(self, idxs: list[int]) -> list[int]:
        """ "know other people who've heard the story" → "other people …": a description
        starts at its first determiner when only lower-case words stand before it."""
        for k, i in enumerate(idxs):
            word = self.tokens[i].text
            if word.lower() in FILLERS:
                return idxs[k:]
            if not word.islower():
                return idxs
        return idxs

    def without_participle(self, idxs: list[int]) -> list[int]:
        """ "Court documents filed Tuesday" → "Court documents": the head comes first."""
        for k in range(1, len(idxs)):
            word = self.tokens[idxs[k]].text
            before = self.tokens[idxs[k - 1]].lower
            after = self.tokens[idxs[k + 1]].text if k + 1 < len(idxs) else ""
            attributive = after.islower() and after.lower() not in STOP_WORDS
            if (
                word.islower()
                and word.endswith("ed")
                and before not in FILLERS
                and not before.endswith("ly")
                and not attributive  # "recognized government" is the head's adjective
            ):
                return idxs[:k]
        return idxs
