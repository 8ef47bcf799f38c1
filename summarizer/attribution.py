"""Who said each quotation: cue search, speaker phrases, pronouns and unnamed sources.

Follows the rules DESIGN.md lists: the cue is looked for in the quotation's own
sentence, then one sentence either side within the paragraph, never inside quotation
text; the nearest cue wins; pronouns go to the nearest person named before the
quotation; unnamed sources keep their description and "the official" links back.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.names import Cast, Entity, Mention, is_capitalised
from summarizer.quotemarks import Quoted
from summarizer.sentences import Sentence
from summarizer.tokens import Tok
from summarizer.wordlists import load_lines, load_set, load_table

_SINGULAR_PRONOUNS = frozenset({"he", "she"})
_PLURAL_PRONOUNS = frozenset({"they"})
_NEVER_SPEAKERS = frozenset({"i", "we", "you", "it", "me", "us", "this", "that", "which", "who"})
_PHRASE_STOPS = load_set("phrase_stops.txt")
_MAX_PHRASE_TOKENS = 9
_MAX_TITLE_WORDS = 3  # a role before the subject's name ("Texas Sen. Ted Cruz")
_MAX_PRINCIPAL_LOOKBACK = 40  # mentions back in which "the campaign" finds its principal
_MAX_SIGNATURE_WORDS = 8  # "- Michelle Marks, Philadelphia." under a quotation
_MAX_OPENING = 6  # tokens of an opening phrase before its comma ("Last year, he …")
_MAX_SUBJECT_WORDS = 5  # a subject opening a sentence before its cue ("LeVell declared")
_MAX_ASIDE = 8  # tokens inside a parenthesis a subject may carry before its cue
_MAX_APPOSITIVE = 16  # tokens between the two commas of an apposition
_MIN_UNCUED_WORDS = 6  # a cue-less stretch shorter than this is a term, title or scare quote
_PRONOUN_WINDOW = 3  # sentences back in which a subject is a pronoun's first choice
_PHRASE_WORDS = load_set("phrase_words.txt")
# Cues whose object is the one spoken to, never the speaker.
_ADDRESSING = frozenset({"told", "tell", "tells", "telling"})
_HEAD_ENDS = frozenset({"of", "for", "at", "from", "with", "in"})
_AGE_ANAPHOR = re.compile(r"the \d+-year-old", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None
    kind: str  # person, organization, place, group
    entity: Entity | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    quoted: Quoted
    sentence: int
    speaker: Speaker | None
    cue: str | None


@cache
def _verb_forms(name: str) -> dict[str, frozenset[str]]:
    """First word of every form → the words that must follow it ("" for none): call → {"for"}."""
    forms: dict[str, set[str]] = {}
    for line in load_lines(name):
        for form in line.split(","):
            first, _, rest = form.strip().partition(" ")
            forms.setdefault(first, set()).add(rest)
    return {first: frozenset(rests) for first, rests in forms.items()}


class Attributor:
    """Attribution for one article; built once, asked once per quotation."""

    def __init__(
        self,
        text: str,
        tokens: list[Tok],
        sentences: list[Sentence],
        quoted: list[Quoted],
        cast: Cast,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.starts_set = set(self.sent_starts)
        self.tokens = tokens
        self._frames: dict[int, list[int]] = {}
        self.token_starts = [t.idx for t in self.tokens]
        self.cast = cast
        self.cues = _verb_forms("reporting_verbs.txt")
        self.stances = _verb_forms("stance_verbs.txt")
        self.modifiers = load_set("verb_modifiers.txt")
        self.fillers = load_set("source_fillers.txt")
        # quotation text, marks included, where no cue or speaker may be read
        self.blocked = [
            (q.open_at, (q.close_at + 1) if q.close_at is not None else q.end)
            for q in quoted
            if q.depth == 0 and not _title_like(text[q.start : q.end])
        ]  # a quoted title ("the "Intelligence Report,"") hides no cue words
        self.blocked_starts = [b[0] for b in self.blocked]
        self.all_mentions = cast.mentions()
        self.mention_starts = [m.start for m, _ in self.all_mentions]
        self.documents = load_set("document_words.txt")
        self.affiliates = load_set("affiliate_nouns.txt")
        self.clause_openers = load_set("clause_openers.txt")
        self.lowercase = {t.text for t in tokens if t.text.islower()}
        self.time_words = load_set("time_words.txt")
        self.circumstances = load_set("circumstance_words.txt")
        self.source_nouns = load_set("source_nouns.txt")
        self.naming = load_set("naming_words.txt")
        self.titles = load_set("titles.txt")
        self.calendar = load_set("calendar_words.txt")
        self.gender_words = load_table("gendered_words.txt")
        self.subject_entities: list[tuple[int, Entity]] = []
        self.sources, subjects = self._scan_cues()
        self.subject_entities.sort(key=lambda item: item[0])
        self.persons = [
            (m.start, e, m.subject or m.start in subjects)
            for m, e in self.all_mentions
            if e.kind == "person" and not m.in_quote
        ]
        self.governed = {m.start for m, _ in self.all_mentions if m.governed}
        self.possessors = {
            m.start for m, _ in self.all_mentions if text.startswith(("'s", "’s"), m.end)
        }
        self.person_starts = [p[0] for p in self.persons]
        self.genders = self._guess_genders()

    # -- small helpers -------------------------------------------------------------
    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def _blocked(self, offset: int) -> bool:
        k = bisect.bisect_right(self.blocked_starts, offset) - 1
        return k >= 0 and self.blocked[k][0] <= offset < self.blocked[k][1]

    def _token_range(self, start: int, end: int) -> range:
        return range(
            bisect.bisect_left(self.token_starts, start), bisect.bisect_left(self.token_starts, end)
        )

    def first_token(self, sentence: Sentence) -> int:
        return self._token_range(sentence.start, sentence.end).start

    def stance_cues(self, frame: list[int]) -> list[int]:
        return [i for i in frame if self._is_verb(i, self.stances)]

    def _is_verb(self, i: int, forms: dict[str, frozenset[str]]) -> bool:
        word = self.tokens[i].text
        if not word.islower() and not (word.istitle() and self.tokens[i].idx in self.starts_set):
            return False  # "State Department" holds no cue; "Wrote one poster, …" does
        rests = forms.get(word.lower())
        if not rests:
            return False
        following = self.tokens[i + 1].text.lower() if i + 1 < len(self.tokens) else ""
        return "" in rests or following in rests

    def resolve_holder(self, phrase: list[int], at: int) -> Speaker | None:
        """The holder of an indirect position: a named actor, the person a "he" or "she"
        stands for, or an unnamed source whose head is a source noun ("the official"). Other
        descriptions give none, so no position is invented."""
        entity = (
            self._head_entity(phrase) or self._principal(phrase) or self._named_by_head(phrase, at)
        )
        if entity is not None:
            if entity.kind == "place":
                return None  # "around Aleppo, saying": a place holds no position
            return Speaker(entity.name, entity.role, entity.kind, entity)
        first = self.tokens[phrase[0]].text.lower()
        if len(phrase) == 1 and first in _SINGULAR_PRONOUNS:
            found = self._pronoun(at, first, None)
            return found if found is not None and found.entity is not None else None
        if len(phrase) == 1:
            found = self._bare_name(self.tokens[phrase[0]])  # "…, Cuban said."
            if found is not None:
                return found
        head = self.tokens[self._head_part(phrase)[-1]].text.lower()
        if head not in self.source_nouns or first in _SINGULAR_PRONOUNS:
            return None
        return self._resolve(phrase, at, None)

    def _principal(self, phrase: list[int]) -> Entity | None:
        """Whom an entourage speaks for: "Clinton's campaign", "the Sanders campaign",
        "Clinton advisers" hold their principal's position."""
        head = self._head_part(phrase)
        if self.tokens[head[-1]].text.lower() not in self.affiliates:
            return None
        named = [e for _, e in self._mentions_in(head) if e.kind in ("person", "organization")]
        return named[0] if len(named) == 1 else None

    def _named_by_head(self, phrase: list[int], at: int) -> Entity | None:
        """A definite description to the named holder it abbreviates, by head match:
        "the department" → "State Department", "the institute" → "Wine Growers Institute"."""
        words = [self.tokens[i].text for i in self._head_part(phrase)]
        if len(words) != 2 or words[0].lower() != "the" or not words[1].islower():
            return None
        if words[1] in self.affiliates:
            return self._principal_before(
                words[1], at
            )  # "the campaign" after "the Sanders campaign"
        return self._entity_ending(words[1], at)

    def _principal_before(self, head: str, at: int) -> Entity | None:
        """The entity most recently named as `head`'s principal: "Sanders('s) campaign"."""
        k = bisect.bisect_left(self.mention_starts, at) - 1
        for j in range(k, max(-1, k - _MAX_PRINCIPAL_LOOKBACK), -1):
            m, entity = self.all_mentions[j]
            after = self.text[m.end : m.end + len(head) + 3].lower().replace("’", "'")
            if after.startswith((f" {head}", f"'s {head}")):
                return entity
        return None

    def _entity_ending(self, head: str, at: int) -> Entity | None:
        """The organisation most recently named before `at` whose name ends with `head`."""
        k = bisect.bisect_left(self.mention_starts, at) - 1
        for j in range(k, -1, -1):
            _, entity = self.all_mentions[j]
            if entity.kind == "organization" and entity.name.lower().split()[-1] == head:
                return entity
        return None

    def all_cues(self, frame: list[int]) -> list[int]:
        """Speech and stance cues of a frame, in order."""
        return sorted(set(self._cues(frame)) | set(self.stance_cues(frame)))

    def phrase_after(self, i: int, frame: set[int]) -> list[int]:
        return self._phrase_after(i, frame)

    def in_quotation(self, offset: int) -> bool:
        return self._blocked(offset)

    def sentence_tokens(self, sentence: Sentence) -> range:
        return self._token_range(sentence.start, sentence.end)

    def clause_subject(self, c: int, sentence: Sentence) -> Speaker | None:
        return self._coordinated_subject(c, sentence, self._frame(sentence))

    def says_nothing(self, c: int, frame: set[int]) -> bool:
        return self._says_nothing(c, frame)

    def frame(self, sentence: Sentence) -> list[int]:
        return self._frame(sentence)

    def phrase_before(self, i: int, frame: set[int], floor: int) -> list[int]:
        return self._phrase_before(i, frame, floor)

    def _frame(self, sentence: Sentence) -> list[int]:
        """Token indices of a sentence outside quotation text (computed once per sentence)."""
        frame = self._frames.get(sentence.index)
        if frame is None:
            frame = [
                i
                for i in self._token_range(sentence.start, sentence.end)
                if not self._blocked(self.tokens[i].idx)
            ]
            self._frames[sentence.index] = frame
        return frame

    # -- cue search ----------------------------------------------------------------
    def _cues(self, frame: list[int]) -> list[int]:
        found = []
        for n, i in enumerate(frame):
            word = self.tokens[i].text.lower()
            if (
                self._is_verb(i, self.cues)
                or (
                    word == "according"
                    and i + 1 < len(self.tokens)
                    and self.tokens[i + 1].text == "to"
                )
            ) and not self._in_relative_clause(frame, n):
                found.append(i)
        return found

    def _in_relative_clause(self, frame: list[int], n: int) -> bool:
        """`the talks, which began … and continued through Sunday,`: no cue in there."""
        for k in range(n - 1, -1, -1):
            word = self.tokens[frame[k]].text.lower()
            if word == ",":
                return False
            if word in ("which", "who", "whom", "whose"):
                return True
        return False

    def _phrase_after(self, i: int, frame: set[int]) -> list[int]:
        """`said Smith, a spokesman` / `said the official`: the words after an inverted cue."""
        j = i + 1
        if self.tokens[i].text.lower() == "according":
            j += 1
        out: list[int] = []
        while j < len(self.tokens) and j in frame and len(out) < _MAX_PHRASE_TOKENS:
            word = self.tokens[j].text
            if word in {",", ".", ";", ":", "!", "?", "(", ")"} or (
                word.islower() and word in _PHRASE_STOPS - {"of"}
            ):
                break  # "according to Said Boumedouha": a capitalised "Said" is a name
            out.append(j)
            j += 1
        named = j + 1
        if (
            out
            and self.tokens[out[-1]].text.lower() in self.documents
            and j < len(self.tokens)
            and self.tokens[j].text == ","
            and named < len(self.tokens)
            and is_capitalised(self.tokens[named].text)
        ):
            return [named]  # `says Waring's website, ShipSnowYo.com`: the site speaks
        return out

    def _phrase_before(self, i: int, frame: set[int], floor: int) -> list[int]:
        """The subject before a cue: `An anonymous US official said`, appositives included."""
        j = self._before_aside(i - 1, frame, floor)
        while j >= floor and j in frame and self._is_modifier(self.tokens[j].text):
            j -= 1
        j = self._before_time(self._before_aside(j, frame, floor), frame, floor)
        if j > floor and self.tokens[j].text in _CLOSING_MARKS and self.tokens[j - 1].text == ",":
            j -= 1  # `Mark Potok, editor of the "Intelligence Report," told`: a title's comma
        if j >= floor and self.tokens[j].text == ",":
            return self._appositive(j, frame, floor)
        phrase = self._words_back(j, frame, floor)
        comma = phrase[0] - 1 if phrase else -1
        if (
            comma > floor
            and self.tokens[comma].text in _APPOSITIVE_MARKS
            and self.tokens[phrase[0]].text.lower() in ("a", "an", "the")
            and self._head_entity(phrase) is None
        ):
            # "Martin Weiss, a spokesman for the ministry tweeted": the closing comma is missing
            name = self._words_back(comma - 1, frame, floor)
            if name and self._head_entity(name) is not None:
                return name
        return phrase

    def _before_time(self, j: int, frame: set[int], floor: int) -> int:
        """Step back over when it was said: "Clinton on Tuesday said", "Ryan last week said"."""
        k = j
        while (
            k > floor
            and k in frame
            and (self.tokens[k].text.lower() in self.calendar | self.time_words)
        ):
            k -= 1
        if k == j or k not in frame:
            return j
        word = self.tokens[k].text
        return k if is_capitalised(word) or word.lower() in self.source_nouns else j

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

    def _relative_in_description(self, j: int, out: list[int]) -> bool:
        """ "other people who've heard the story say": a relative clause after a noun."""
        if not out:
            return False
        word = self.tokens[j].text.lower()
        if word in ("'ve", "’ve", "'re", "’re") and j > 1 and self.tokens[j - 1].text == "who":
            j -= 1  # "who've"
        elif word != "who":
            return False
        noun = self.tokens[j - 1].text if j > 0 else ""
        return noun.isalpha() and noun.islower() and noun not in STOP_WORDS

    def _is_modifier(self, word: str) -> bool:
        return word.islower() and (word in self.modifiers or word.endswith("ly"))

    def _words_back(self, j: int, frame: set[int], floor: int) -> list[int]:
        out: list[int] = []
        while j >= floor and j in frame and len(out) < _MAX_PHRASE_TOKENS:
            tok = self.tokens[j]
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
            low = word.lower()
            if self._relative_in_description(j, out):
                out.append(j)
                j -= 1
                continue
            if self._place_modifier(j, out):
                out.append(j)
                j -= 1
                continue
            if low in _PHRASE_STOPS and not (
                out and low == "and" and is_capitalised(self.tokens[j - 1].text)
            ):
                break
            if word.islower() and (low in self.cues or low in self.stances):
                break
            if word.islower() and low.endswith("ing") and not self._modifies(j):
                break  # "imposing new demands" ends a subject; "governing body" does not
            if word.islower() and low in STOP_WORDS and low not in _PHRASE_WORDS:
                if not out and low in _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS:
                    out.append(j)  # "he said"
                break  # "can", "then", "be": the subject ended before them
            out.append(j)
            j -= 1
        out.reverse()
        return out

    def _place_modifier(self, j: int, out: list[int]) -> bool:
        """ "a Democratic staffer in the room wondered": "in …" modifies the subject's noun."""
        if self.tokens[j].text != "in" or not out or j == 0:
            return False
        noun = self.tokens[j - 1].text
        return noun.isalpha() and noun.lower() not in STOP_WORDS and not noun.endswith("ly")

    def _modifies(self, j: int) -> bool:
        """An -ing word after "'s", an article or a name is an adjective ("the governing body")."""
        before = self.tokens[j - 1].text if j > 0 else ""
        return before.lower() in ("'s", "’s", "the", "a", "an") or is_capitalised(before)

    def _appositive(self, comma: int, frame: set[int], floor: int) -> list[int]:
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
            return self._words_back(comma - 1, frame, floor)
        inner = list(range(before + 1, comma))
        outer = self._words_back(before - 1, frame, floor)
        opening = self.tokens[inner[0]].text.lower() if inner else ""
        if opening in ("who", "which", "whose") or opening.isdigit():
            return outer  # a relative clause or an age: the subject stands before it
        inner = self._words_back(comma - 1, frame, before + 1) or inner
        for candidate in (inner, outer):
            if candidate and self._head_entity(candidate) is not None:
                return candidate
        return inner

    def _mentions_in(self, idxs: list[int]) -> list[tuple[Mention, Entity]]:
        start = self.tokens[idxs[0]].idx
        end = self.tokens[idxs[-1]].idx + len(self.tokens[idxs[-1]].text)
        k = bisect.bisect_left(self.mention_starts, start)
        found = []
        while k < len(self.all_mentions) and self.all_mentions[k][0].start < end:
            if self.all_mentions[k][0].end <= end:
                found.append(self.all_mentions[k])
            k += 1
        return found

    def _head_part(self, idxs: list[int]) -> list[int]:
        """The phrase up to its first preposition: "Dr. Pho of KevinMD.com" → "Dr. Pho"."""
        for k in range(1, len(idxs)):
            if self.tokens[idxs[k]].text.lower() in _HEAD_ENDS:
                return idxs[:k]
        return idxs

    def _head_entity(self, idxs: list[int]) -> Entity | None:
        """The entity the phrase is about: a name at its head, or the author of "X's statement"."""
        head = self._head_part(idxs)
        last = self.tokens[head[-1]]
        mentions = self._mentions_in(head)
        for m, e in mentions:
            if m.start <= last.idx < m.end:
                return e
        if last.text.lower() in self.documents:
            # the author of a text: "Cisse's statement", "The CBC issued a statement"
            whole = self._mentions_in(idxs)
            owners = [e for m, e in whole if self.text.startswith(("'s", "’s"), m.end)]
            return (owners or [e for _, e in whole] or [None])[0]
        return None

    def _phrase_text(self, idxs: list[int]) -> str:
        return self.text[
            self.tokens[idxs[0]].idx : self.tokens[idxs[-1]].idx + len(self.tokens[idxs[-1]].text)
        ]

    # -- resolving a phrase ------------------------------------------------------------
    def _resolve(self, idxs: list[int], before: int, previous: Speaker | None) -> Speaker | None:
        if not idxs:
            return None
        words = [self.tokens[i].text for i in idxs]
        lower = [w.lower() for w in words]
        if len(words) == 1 and lower[0] in _SINGULAR_PRONOUNS:
            return self._pronoun(before, lower[0], previous)
        if len(words) == 1 and lower[0] in _PLURAL_PRONOUNS:
            return previous if previous and previous.kind in ("group", "organization") else None
        entity = self._head_entity(idxs)
        if entity is not None:
            return Speaker(entity.name, entity.role, entity.kind, entity)
        idxs = self._from_determiner(self._without_participle(self._without_place(idxs)))
        phrase = self._phrase_text(idxs)
        if _AGE_ANAPHOR.fullmatch(phrase):
            return self._pronoun(before, None, previous)
        if not self._plausible([self.tokens[i].text for i in self._head_part(idxs)]):
            return None
        if len(idxs) == 1 and not self._bare_source(self.tokens[idxs[0]].text):
            return self._bare_name(self.tokens[idxs[0]])
        return self._description(phrase, self.tokens[idxs[0]].idx)

    def _without_place(self, idxs: list[int]) -> list[int]:
        """ "a Democratic staffer in the room" is described as "Democratic staffer"."""
        for k in range(1, len(idxs)):
            if self.tokens[idxs[k]].text == "in":
                return idxs[:k]
        return idxs

    def _bare_name(self, tok: Tok) -> Speaker | None:
        """A lone capitalised word that is a cue's subject is a name, even one the mention
        finder passed over as an adjective ("Cuban said"): the surname of a person named
        in full, else a person of that name. "He is careful not to say": no source."""
        word = tok.text
        if (
            not is_capitalised(word)
            or word.lower() in STOP_WORDS | self.calendar
            or not word.isalpha()
            or self._after_preposition(tok)
        ):
            return None  # "fire on Sunday threatened": a day, the object of "on"
        owners = [
            e
            for e in self.cast.entities
            if e.kind == "person" and e.name.split()[-1] == word and e.first < tok.idx
        ]
        if len({id(e) for e in owners}) == 1:
            return Speaker(owners[0].name, owners[0].role, owners[0].kind, owners[0])
        if tok.idx in self.starts_set and word.lower() in self.lowercase:
            return None  # "Critics said": a common noun that only opens the sentence
        return Speaker(word, None, "person")

    def _after_preposition(self, tok: Tok) -> bool:
        k = bisect.bisect_left(self.token_starts, tok.idx)
        return k > 0 and self.tokens[k - 1].text.lower() in _PHRASE_STOPS | _HEAD_ENDS

    def _bare_source(self, word: str) -> bool:
        """A lone word can name a source: "Authorities", "police", "prosecutors"."""
        low = word.lower()
        return low in self.source_nouns or (low.endswith("s") and not low.endswith("ss"))

    def _from_determiner(self, idxs: list[int]) -> list[int]:
        """ "know other people who've heard the story" → "other people …": a description
        starts at its first determiner when only lower-case words stand before it."""
        for k, i in enumerate(idxs):
            word = self.tokens[i].text
            if word.lower() in self.fillers:
                return idxs[k:]
            if not word.islower():
                return idxs
        return idxs

    def _without_participle(self, idxs: list[int]) -> list[int]:
        """ "Court documents filed Tuesday" → "Court documents": the head comes first."""
        for k in range(1, len(idxs)):
            word = self.tokens[idxs[k]].text
            before = self.tokens[idxs[k - 1]].text.lower()
            after = self.tokens[idxs[k + 1]].text if k + 1 < len(idxs) else ""
            attributive = after.islower() and after.lower() not in STOP_WORDS
            if (
                word.islower()
                and word.endswith("ed")
                and before not in self.fillers
                and not before.endswith("ly")
                and not attributive  # "recognized government" is the head's adjective
            ):
                return idxs[:k]
        return idxs

    def _plausible(self, words: list[str]) -> bool:
        """A description is a short noun phrase: no verbs, adverbs, dates or pronouns in it."""
        content = [w for w in words if w.lower() not in self.fillers and not w.isdigit()]
        if not content or len(content) > 6:
            return False
        for k, w in enumerate(content):
            low = w.lower()
            if k > 0 and low in _RELATIVE_WORDS:
                continue  # "people who've heard the story"
            if (
                w.islower()
                and low.endswith("ing")
                and k > 0
                and (content[k - 1].lower() in ("'s", "’s") or is_capitalised(content[k - 1]))
            ):
                continue  # "English football's governing body"
            if ((w.islower() or w == "I") and low in _NEVER_SPEAKERS) or low in self.calendar:
                return False
            if (
                w.islower()
                and low in STOP_WORDS
                and low not in _PHRASE_WORDS | {"'s", "’s", "-"}  # "one former official"
            ):
                return False
            following = content[k + 1] if k + 1 < len(content) else ""
            if w.islower() and low.endswith(("ly", "ed")) and following.islower():
                continue  # "internationally recognized government": modifiers of the head
            if w.islower() and (low.endswith("ly") or low.endswith("ing") or low.endswith("ed")):
                return False
        return True

    def _pronoun(
        self, before: int, pronoun: str | None, previous: Speaker | None
    ) -> Speaker | None:
        """A subject named in the last sentences, else the nearest person named there, else the
        last speaker.

        Only persons whose gender the article does not contradict are candidates.
        """
        want = self.gender_words.get(pronoun or "")
        k = bisect.bisect_left(self.person_starts, before) - 1
        window = self.sentence_of(before) - _PRONOUN_WINDOW
        nearest: Entity | None = None
        for j in range(k, -1, -1):
            start, entity, subject = self.persons[j]
            if want and self.genders.get(id(entity)) not in (None, want):
                continue
            if self.sentence_of(start) < window:
                break
            if nearest is None and start not in self.governed:
                nearest = entity
            if subject:
                return Speaker(entity.name, entity.role, entity.kind, entity)
        if nearest is not None and (previous is None or previous.entity is not nearest):
            # someone named since the last quotation: "One of the victims was Frank Garcia"
            return Speaker(nearest.name, nearest.role, nearest.kind, nearest)
        if (
            previous is not None
            and previous.kind == "person"
            and (
                not want
                or previous.entity is None
                or self.genders.get(id(previous.entity)) in (None, want)
            )
        ):
            return previous
        if nearest is not None:
            return Speaker(nearest.name, nearest.role, nearest.kind, nearest)
        return previous

    def _guess_genders(self) -> dict[int, str]:
        """Votes from pronouns that follow a person's mention, and from gendered titles."""
        votes: dict[int, list[str]] = {}
        persons = iter(self.persons)
        current = next(persons, None)
        last: tuple[int, Entity] | None = None
        for tok in self.tokens:
            while current is not None and current[0] <= tok.idx:
                last = (self.sentence_of(current[0]), current[1])
                current = next(persons, None)
            gender = self.gender_words.get(tok.text.lower())
            if (
                gender
                and last is not None
                and not self._blocked(tok.idx)
                and self.sentence_of(tok.idx) - last[0] <= 1
            ):
                votes.setdefault(id(last[1]), []).append(gender)
        for _, entity, _ in self.persons:
            for word in (entity.role or "").lower().split():
                if word in self.gender_words:
                    votes.setdefault(id(entity), []).extend([self.gender_words[word]] * 3)
        guessed = {
            key: max(set(v), key=v.count)
            for key, v in votes.items()
            if v.count(max(set(v), key=v.count)) > len(v) / 2
        }
        for _, entity, _ in self.persons:
            if entity.gender is not None:  # the first name's usual gender settles it
                guessed[id(entity)] = entity.gender
        return guessed

    def _scan_cues(self) -> tuple[list[tuple[int, str]], set[int]]:
        """One pass over every cue outside quotations.

        Collects unnamed sources as introduced ("An anonymous US official said talks …"),
        for "the official" to link back to, and the names that head a cue's subject
        (appositives included), which pronouns prefer.
        """
        sources: list[tuple[int, str]] = []
        subjects: set[int] = set()
        for sentence in self.sentences:
            frame = self._frame(sentence)
            frame_set = set(frame)
            floor = self._token_range(sentence.start, sentence.end).start
            for c in self._cues(frame):
                phrase = self._phrase_before(c, frame_set, floor)
                inverted = [] if phrase else self._phrase_after(c, frame_set)
                for m, e in self._mentions_in(self._head_part(phrase or inverted or [c])):
                    subjects.add(m.start)  # "Smith said", and `Q," says Hamdan Eliemat`
                    self.subject_entities.append((m.start, e))
                if not phrase:
                    continue
                words = [self.tokens[i].text for i in phrase]
                if (
                    len(words) > 1
                    and words[0].lower() in self.fillers - {"the"}
                    and not self._mentions_in(phrase)
                    and self._plausible(words)
                ):
                    described = self._strip_fillers(self._phrase_text(phrase).split())
                    if described:
                        sources.append((self.tokens[phrase[0]].idx, described))
        return sources, subjects

    def _strip_fillers(self, words: list[str]) -> str:
        while words and (words[0].lower() in self.fillers or words[0].isdigit()):
            words = words[1:]
        return " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")

    def _description(self, text: str, at: int) -> Speaker | None:
        phrase = self._strip_fillers(text.split())
        if not phrase:
            return None
        head = phrase.split()[-1].lower()
        if text.split()[0].lower() == "the" and " " not in phrase:
            named = self._entity_ending(head, at)  # "the institute" → its full name
            if named is not None:
                return Speaker(named.name, named.role, named.kind, named)
        # "the official" links back to "US official"; "the medical center" to its full name
        for start, earlier in reversed(self.sources):
            if start < at and earlier.lower().endswith(head) and len(earlier) >= len(phrase):
                return Speaker(earlier, None, "group")
        if text.split()[0].lower() == "the" and head in self.titles:
            holder = self._title_holder(head, at)
            if holder is not None:
                return holder  # "the North High School principal" → Principal Sherman Padgett
        definite = text.split()[0].lower() == "the" and " " not in phrase
        if definite and head in self.documents:
            return self._recent_subject(at)  # "the report said": whoever issued it
        if definite:
            fuller = re.findall(rf"\b([a-z]+|[A-Z][a-z]+) {re.escape(phrase)}\b", self.text[:at])
            fuller = [f for f in fuller if f.lower() not in STOP_WORDS]
            if fuller:
                phrase = f"{fuller[-1]} {phrase}"  # "the crew" after "the flight crew"
        tail = phrase.lower()
        if " " not in tail:
            # "the Pope" → the one person named "Pope …"
            named = [e for e in self.cast.entities if e.name.lower().startswith(tail + " ")]
            if len(named) == 1 and phrase[:1].isupper():
                return Speaker(named[0].name, named[0].role, named[0].kind, named[0])
        if " " in tail:
            for entity in self.cast.entities:
                if entity.name.lower().endswith(tail):
                    return Speaker(entity.name, entity.role, entity.kind, entity)
        return Speaker(phrase, None, "group")

    # -- per quotation ---------------------------------------------------------------
    def _cue_in(
        self, q: Quoted, sentence: Sentence, previous: Speaker | None
    ) -> tuple[Speaker | None, str | None] | None:
        frame = self._frame(sentence)
        frame_set = set(frame)
        close = q.close_at if q.close_at is not None else q.end
        floor = self._token_range(sentence.start, sentence.end).start
        cues = self._cues(frame)
        if not cues:
            return None

        def distance(c: int) -> int:
            at = self.tokens[c].idx
            return at - close if at > close else q.open_at - at

        if self.text[q.end - 1 : q.end] in (".", "!", "?"):
            # `"… wherever it exists." The French Embassy warned its citizens …`: a cue with
            # its own content after a finished quotation starts a new statement
            cues = [c for c in cues if not self._new_statement(c, close, frame_set)]
            if not cues:
                return None
        ordered = sorted(cues, key=distance)
        fallback: tuple[Speaker, str] | None = None
        first = min(cues)
        for c in ordered:
            participle = self.tokens[c].text.endswith("ing") and self.tokens[c - 1].text == ","
            if participle:
                # "Scholes said he did not believe …, telling BT Sport:": the sentence's subject
                main = (
                    (
                        self._phrase_before(first, frame_set, floor)
                        or self._phrase_after(first, frame_set)
                    )
                    if c != first
                    else []
                )
                speaker = (
                    self._resolve(main, q.open_at, previous)
                    if main
                    else self._subject_of(sentence, sentence.paragraph, self.tokens[c].idx)
                )
                if speaker is not None:
                    return speaker, _cue_text(self.tokens[c])
                continue
            phrase = self._speaker_phrase(c, close, frame_set, floor)
            if not phrase and c != first and self.tokens[c - 1].text == "and":
                phrase = self._phrase_before(first, frame_set, floor)  # "X called … and said"
            speaker = (
                self._resolve(phrase, q.open_at, previous)
                if phrase
                else self._coordinated_subject(c, sentence, frame)
            )
            if speaker is None:
                continue
            if self.tokens[c].text.lower() == "according" and speaker.kind == "organization":
                fallback = fallback or (speaker, _cue_text(self.tokens[c]))
                continue  # "X described …, according to KUTV": the outlet only reports it
            return speaker, _cue_text(self.tokens[c])
        if fallback is not None:
            return fallback
        # "The official called the talks “constructive” and said …": the sentence's subject
        speaker = self._resolve(self._phrase_before(first, frame_set, floor), q.open_at, previous)
        return speaker, _cue_text(self.tokens[ordered[0]])

    def _speaker_phrase(self, c: int, close: int, frame: set[int], floor: int) -> list[int]:
        cue_tok = self.tokens[c]
        if cue_tok.text.lower() == "according":
            return self._phrase_after(c, frame)
        if cue_tok.idx > close:
            # `Q," S V` when words stand between the quotation and the cue, else `Q," V S`
            between = [i for i in range(c - 1, floor - 1, -1) if self.tokens[i].idx > close]
            after = self._phrase_after(c, frame)
            inverted = after and (
                is_capitalised(self.tokens[after[0]].text)
                or self.tokens[after[0]].text.lower() in ("the", "a", "an")
            )
            before = (
                self._phrase_before(c, frame, min(between))
                if any(self.tokens[i].text not in _MARKS_AND_COMMAS for i in between)
                else []
            )
            addressed = cue_tok.text.lower() in _ADDRESSING  # "told CNN": CNN was told
            if inverted and not addressed and self.tokens[c - 1].text in _MARKS_AND_COMMAS:
                return after  # `Q," said John Delury` / `… to North Korea, said John Delury`
            return before or ([] if addressed else after)
        # `Smith said: "Q"`, or sentence-initial and inverted: `Wrote one poster, "Q"`
        before = self._phrase_before(c, frame, floor)
        return before if before or c != floor else self._phrase_after(c, frame)

    def attribute(self, q: Quoted, previous: Attribution | None) -> Attribution | None:
        """The quotation's attribution, or None when it is not a direct quotation."""
        n = self.sentence_of(q.start)
        sentence = self.sentences[n]
        prev_speaker = previous.speaker if previous else None
        words = len(self.text[q.start : q.end].split())
        found = self._cue_in(q, sentence, prev_speaker)
        if found is None and n > 0:
            before = self.sentences[n - 1]
            opens = self.text[sentence.start : q.open_at].strip() == ""
            near = before.paragraph == sentence.paragraph or (
                opens and before.paragraph == sentence.paragraph - 1
            )
            if near and self.text[before.start : before.end].rstrip().endswith(":"):
                found = self._cue_in(q, before, prev_speaker)  # "Dr. Ward stated:\n\n"Q""
        if found is None and self._cue_opens_next(q, n):
            found = self._cue_in(q, self.sentences[n + 1], prev_speaker)
        if found is None:
            labelled = self._label(q, n)
            if labelled is not None:
                return Attribution(q, n, labelled, None)
        if found is None:
            mostly = self._mostly_quotation(q, sentence)
            if not q.continued and words >= _MIN_UNCUED_WORDS:
                # "… Ricciardo is looking to …, "Q."" or "Herzog believes …. "Q.""
                own = None if mostly else self._subject_of(sentence, sentence.paragraph, q.open_at)
                spoke_before = previous is not None and previous.sentence == n - 1
                if own is None and mostly and n > 0 and not spoke_before:
                    # "Herzog believes …. "Q."": unless a quotation there already had a speaker
                    own = self._subject_of(self.sentences[n - 1], sentence.paragraph)
                if own is not None:
                    return Attribution(q, n, own, None)
            inherits = previous is not None and (
                q.continued
                or (previous.sentence >= n - 2 and mostly)
                or (
                    self.sentences[previous.sentence].paragraph == sentence.paragraph
                    and previous.sentence >= n - 1
                    and words >= _MIN_UNCUED_WORDS
                    and not self._is_name_or_title(q, words)
                )
            )
            if inherits and previous is not None:
                return Attribution(q, n, previous.speaker, None)
            if words < _MIN_UNCUED_WORDS or q.single or self._is_name_or_title(q, words):
                return None  # a term, a title, or a single-quoted line with nobody saying it
            return Attribution(q, n, None, None)
        speaker, cue = found
        if self._is_name_or_title(q, words):
            return None
        return Attribution(q, n, speaker, cue)

    def _label(self, q: Quoted, n: int) -> Speaker | None:
        """A name that labels a quotation: `Michael P. McDonald: "…"` before it, or a
        signature line after it (`"…"` then `- Sanders.`)."""
        k = bisect.bisect_left(self.token_starts, q.open_at) - 1
        if k > 0 and self.tokens[k].text == ":":
            named = self._mentions_in([k - 1])
            if not named:
                end = self.tokens[k - 1].idx + len(self.tokens[k - 1].text)
                j = bisect.bisect_left(self.mention_starts, end) - 1
                named = (
                    [self.all_mentions[j]] if j >= 0 and self.all_mentions[j][0].end == end else []
                )
            if named:
                entity = named[-1][1]
                return Speaker(entity.name, entity.role, entity.kind, entity)
        if q.close_at is None or n + 1 >= len(self.sentences):
            return None
        after = self.sentences[n + 1]
        line = self.text[after.start : after.end].strip()
        if line[:1] not in ("-", "—", "–") or len(line.split()) > _MAX_SIGNATURE_WORDS:
            return None
        for m, entity in self.all_mentions[bisect.bisect_left(self.mention_starts, after.start) :]:
            if m.start >= after.end:
                break
            if entity.kind in ("person", "organization"):
                return Speaker(entity.name, entity.role, entity.kind, entity)
        return None

    def _cue_opens_next(self, q: Quoted, n: int) -> bool:
        """`"And I'm not being paid!" LeVell declared.`: the splitter ended the sentence at
        the quotation's "!" or "?", and the next one in the paragraph opens with `S V`."""
        if q.close_at is None or n + 1 >= len(self.sentences):
            return False
        after = self.sentences[n + 1]
        if after.paragraph != self.sentences[n].paragraph or after.start - q.close_at > 2:
            return False
        frame = self._frame(after)[: _MAX_SUBJECT_WORDS + 1]
        for k, i in enumerate(frame):
            if self.tokens[i].text in {",", ";", ":", "(", "—"}:
                return False
            if k > 0 and self._is_verb(i, self.cues):
                return self._says_nothing(i, set(self._frame(after)))
        return False

    def _new_statement(self, c: int, close: int, frame: set[int]) -> bool:
        """After a finished quotation, `S V content` is a new statement; `V S` (`says
        Waring's website`) and `S V.` (`LeVell declared.`) still point back to it."""
        if self.tokens[c].idx < close:
            return False
        between = [
            i
            for i in range(c - 1, -1, -1)
            if self.tokens[i].idx > close and self.tokens[i].text not in _MARKS_AND_COMMAS
        ]
        if not between or self._says_nothing(c, frame):
            return False
        nxt = c + 1
        while nxt in frame and self._is_modifier(self.tokens[nxt].text):
            nxt += 1
        # "warned its citizens to …", "said that …": content; "told Britain's ITV": an addressee
        return nxt in frame and self.tokens[nxt].text.lower() in self.clause_openers

    def _says_nothing(self, c: int, frame: set[int]) -> bool:
        """Nothing said after the cue ("LeVell declared.", "LeVell declared, a point …",
        "Hollande said Tuesday in Paris, noting …"), so it can point back to what came
        before it."""
        nxt = c + 1
        while nxt in frame and (
            self.tokens[nxt].text.lower() in self.calendar | self.time_words
            or self._is_modifier(self.tokens[nxt].text)  # "asked rhetorically"
        ):
            nxt += 1
        if nxt in frame and self.tokens[nxt].text.lower() in self.circumstances:
            while nxt in frame and self.tokens[nxt].text not in {",", ".", ";"}:
                if self.tokens[nxt].text.lower() == "that":
                    return False
                nxt += 1
        return nxt not in frame or self.tokens[nxt].text in {".", ",", "!", "?", ";"}

    def _is_name_or_title(self, q: Quoted, words: int) -> bool:
        """Titles of works and names ("Go Set a Watchman," 'known as a "least weasel"')."""
        if words <= 10 and _title_like(self.text[q.start : q.end]):
            return True
        before = self.text[max(0, q.open_at - 30) : q.open_at].lower().split()
        tail = " ".join(before[-3:])
        return any(tail.endswith(w) or f"{w} " in tail + " " for w in self.naming)

    def _title_holder(self, title: str, at: int) -> Speaker | None:
        """The person most recently named with this title as (the end of) their role."""
        k = bisect.bisect_left(self.person_starts, at) - 1
        for j in range(k, -1, -1):
            entity = self.persons[j][1]
            if entity.role and entity.role.lower().split()[-1] == title:
                return Speaker(entity.name, entity.role, entity.kind, entity)
        return None

    def _recent_subject(self, at: int) -> Speaker | None:
        """The actor most recently named as the subject of a cue, a few sentences back."""
        window = self.sentence_of(at) - _PRONOUN_WINDOW
        for start, entity in reversed(self.subject_entities):
            if start < at:
                if self.sentence_of(start) < window:
                    break
                return Speaker(entity.name, entity.role, entity.kind, entity)
        return None

    def _coordinated_subject(self, c: int, sentence: Sentence, frame: list[int]) -> Speaker | None:
        """ "Carson took the stage … and called the system "rotten"": a cue after "and" or
        "but" shares the subject that opens the sentence (after an opening phrase such as
        "Last year,"), when that subject is a name or a pronoun."""
        before = self.tokens[c - 1].text.lower()
        if before in self.modifiers and c > 1:
            before = self.tokens[c - 2].text.lower()  # "and then joked"
        participle = self.tokens[c].text.endswith("ing")  # "… is making a pitch, saying"
        if (before not in ("and", "but") and not participle) or not frame:
            return None
        if participle:
            # "Ryan and Trump will meet, Spicer said, adding …": the speaker of the cue before
            earlier = [
                i for i in self._cues(frame) if i < c and not self.tokens[i].text.endswith("ing")
            ]
            if earlier:
                frame_set = set(frame)
                phrase = self._phrase_before(earlier[-1], frame_set, frame[0])
                phrase = phrase or self._phrase_after(earlier[-1], frame_set)
                found = (
                    self._resolve(phrase, self.tokens[earlier[-1]].idx, None) if phrase else None
                )
                if found is not None:
                    return found
        opening = [i for i in frame[:_MAX_OPENING] if self.tokens[i].text == ","]
        start = opening[0] + 1 if opening and opening[0] < c else frame[0]
        tok = self.tokens[start]
        if tok.text.lower() in _SINGULAR_PRONOUNS:
            return self._pronoun(tok.idx, tok.text.lower(), None)
        k = bisect.bisect_left(self.mention_starts, tok.idx)
        if k >= len(self.all_mentions):
            return None
        m, entity = self.all_mentions[k]
        lead = self.text[tok.idx : m.start].split()
        # only a role may stand before the name ("Texas Sen. Ted Cruz"), not "Silverman, a …"
        if len(lead) > _MAX_TITLE_WORDS or not all(is_capitalised(w) for w in lead):
            return None
        if entity.kind in ("person", "organization") and m.start < self.tokens[c].idx:
            return Speaker(entity.name, entity.role, entity.kind, entity)
        return None

    def _subject_of(
        self, sentence: Sentence, paragraph: int, before: int | None = None
    ) -> Speaker | None:
        """The person a sentence is about: the first person it names outside quotations and
        outside a preposition's reach, or the person its first "he" or "she" stands for."""
        if sentence.paragraph != paragraph:
            return None
        end = sentence.end if before is None else before
        frame = self._frame(sentence)
        first = self.tokens[frame[0]] if frame else None
        if (
            first is not None
            and first.idx == sentence.start
            and first.text.lower() in _SINGULAR_PRONOUNS
        ):
            return self._pronoun(first.idx, first.text.lower(), None)  # "He echoed that …"
        k = bisect.bisect_left(self.person_starts, sentence.start)
        while k < len(self.persons) and self.persons[k][0] < end:
            start, entity, _ = self.persons[k]
            if start not in self.governed and start not in self.possessors:
                return Speaker(entity.name, entity.role, entity.kind, entity)
            k += 1
        for i in frame:
            word = self.tokens[i].text
            if self.tokens[i].idx >= end:
                break
            if word.lower() in _SINGULAR_PRONOUNS:
                return self._pronoun(self.tokens[i].idx, word.lower(), None)  # "He laughs."
        return None

    def _mostly_quotation(self, q: Quoted, sentence: Sentence) -> bool:
        span = sentence.end - sentence.start
        return span > 0 and (q.end - q.start) / span >= 0.6


_APPOSITIVE_MARKS = frozenset({",", "--", "—", "–"})  # "Stormfront -- a website claiming"
_RELATIVE_WORDS = frozenset({"who", "'ve", "’ve", "'re", "’re", "'s", "’s"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
_MARKS_AND_COMMAS = frozenset({",", "’", "'", '"', "”"})


def _cue_text(token: Tok) -> str:
    return "according to" if token.text.lower() == "according" else token.text


def _title_like(text: str) -> bool:
    """Titles and names are in title case: most words capitalised, more than one word."""
    words = [w for w in text.rstrip(",.!?").split() if w[:1].isalpha()]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised / len(words) >= 0.6


def attribute_all(attributor: Attributor, quoted: list[Quoted]) -> list[Attribution]:
    """Every top-level quotation's attribution; a nested one is read inside its container."""
    found: list[Attribution] = []
    previous: Attribution | None = None
    for q in quoted:
        if q.depth > 0:
            continue
        a = attributor.attribute(q, previous)
        if a is not None:
            found.append(a)
            if a.speaker is not None or previous is None:
                previous = a
    return found
