"""Who a source phrase stands for: a named actor, a pronoun's person, or an unnamed source.

Pronouns go to the nearest person named before the quotation, cue subjects first, and
only to persons whose gender the article does not contradict; unnamed sources keep
their description and "the official" links back to "An anonymous US official".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.antecedents import Antecedents, plausible, strip_fillers
from summarizer.article import Article
from summarizer.cast import Entity
from summarizer.cues import CALENDAR, VERB_WORDS
from summarizer.lexicon import GENDER_WORDS
from summarizer.phrases import (
    DOCUMENTS,
    HEAD_ENDS,
    PHRASE_STOPS,
    PLURAL_PRONOUNS,
    SINGULAR_PRONOUNS,
    SOURCE_NOUNS,
    Phrases,
)
from summarizer.sentences import Sentence
from summarizer.text import is_capitalised
from summarizer.tokens import Tok
from summarizer.wordlists import load_set

LONE_SOURCES = load_set("lone_sources.txt")
_PRONOUN_WINDOW = 3  # sentences back in which a subject is a pronoun's first choice
_AGE_ANAPHOR = re.compile(r"the \d+-year-old", re.IGNORECASE)
_TITLES = load_set("titles.txt")
_PARTITIVES = load_set("partitive_words.txt")
# A lone capitalised word after one of these is an object or a day, not a cue's subject.
_NOT_A_NAME = STOP_WORDS | CALENDAR
# Words whose object a lone capitalised word is; a cue verb is not one ("said Cuban").
_GOVERNING = (PHRASE_STOPS | HEAD_ENDS) - VERB_WORDS


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None
    kind: str  # person, organization, place, group
    entity: Entity | None = None

    @classmethod
    def of(cls, entity: Entity) -> Speaker:
        return cls(entity.name, entity.role, entity.kind, entity)


class Resolver:
    """Resolves phrases to speakers in one article, among the antecedents read once."""

    def __init__(self, article: Article, phrases: Phrases, antecedents: Antecedents) -> None:
        self.article = article
        self.tokens = article.tokens
        self.phrases = phrases
        self.known = antecedents  # persons, genders and sources named so far
        # an organisation's last name word → its mentions' starts and entities, in text order
        self._org_heads: dict[str, tuple[list[int], list[Entity]]] | None = None

    def resolve(self, idxs: list[int], before: int, previous: Speaker | None) -> Speaker | None:
        if not idxs:
            return None
        words = [self.tokens[i].text for i in idxs]
        lower = [w.lower() for w in words]
        if len(words) == 1 and lower[0] in SINGULAR_PRONOUNS:
            # "He adds that Bush is "Q"": a pronoun stands for someone named before itself
            return self.pronoun(min(before, self.tokens[idxs[0]].idx), lower[0], previous)
        if len(words) == 1 and lower[0] in PLURAL_PRONOUNS:
            return previous if previous and previous.kind in ("group", "organization") else None
        if len(words) > 2 and lower[0] in _PARTITIVES and lower[1] == "of":
            group = idxs[2:]  # "one of those advisers": one of the advisers
            while len(group) > 1 and self.tokens[group[0]].lower in ("the", "those", "these"):
                group = group[1:]
            return self.resolve(group, before, previous)
        if len(words) == 1 and lower[0] in LONE_SOURCES:
            return Speaker(lower[0], None, "group")  # "Another said": one more of those described
        entity = self.phrases.head_entity(idxs)
        if entity is not None:
            return Speaker.of(entity)
        phrases = self.phrases
        idxs = phrases.from_determiner(phrases.without_participle(phrases.without_place(idxs)))
        phrase = self.phrases.phrase_text(idxs)
        if _AGE_ANAPHOR.fullmatch(phrase):
            return self.pronoun(before, None, previous)
        if not plausible([self.tokens[i].text for i in self.phrases.head_part(idxs)]):
            return None
        if len(idxs) == 1 and not _bare_source(self.tokens[idxs[0]].text):
            return self.bare_name(self.tokens[idxs[0]])
        return self._description(phrase, self.tokens[idxs[0]].idx)

    def bare_name(self, tok: Tok) -> Speaker | None:
        """A lone capitalised word that is a cue's subject is a name, even one the mention
        finder passed over as an adjective ("Cuban said"): the surname of a person named
        in full, else a person of that name. "He is careful not to say": no source."""
        word = tok.text
        if (
            not is_capitalised(word)
            or word.lower() in _NOT_A_NAME
            or not word.isalpha()
            or self._after_preposition(tok)
        ):
            return None  # "fire on Sunday threatened": a day, the object of "on"
        owners = [
            e
            for e in self.article.cast.entities
            if e.kind == "person" and e.name.split()[-1] == word and e.first < tok.idx
        ]
        if len(owners) == 1:
            return Speaker.of(owners[0])
        if tok.idx in self.article.starts_set and self.article.seen_in_lower_case(word.lower()):
            return None  # "Critics said": a common noun that only opens the sentence
        return Speaker(word, None, "person")

    def _after_preposition(self, tok: Tok) -> bool:
        k = bisect.bisect_left(self.article.token_starts, tok.idx)
        return k > 0 and self.tokens[k - 1].lower in _GOVERNING

    def entity_ending(self, head: str, at: int) -> Entity | None:
        """The organisation most recently named before `at` whose name ends with `head`."""
        if self._org_heads is None:  # indexed on the first question, not read back each time
            self._org_heads = {}
            for m, entity in self.article.mentions:
                if entity.kind == "organization":
                    last = entity.name.lower().split()[-1]
                    self._org_heads.setdefault(last, ([], []))[0].append(m.start)
                    self._org_heads[last][1].append(entity)
        starts, entities = self._org_heads.get(head, ([], []))
        k = bisect.bisect_left(starts, at) - 1
        return entities[k] if k >= 0 else None

    def pronoun(self, before: int, pronoun: str | None, previous: Speaker | None) -> Speaker | None:
        """A subject named in the last sentences, else the nearest person named there, else the
        last speaker.

        Only persons whose gender the article does not contradict are candidates.
        """
        want = GENDER_WORDS.get(pronoun or "")
        k = bisect.bisect_left(self.known.person_starts, before) - 1
        window = self.article.sentence_of(before) - _PRONOUN_WINDOW
        nearest: Entity | None = None
        for j in range(k, -1, -1):
            start, entity, subject = self.known.persons[j]
            if want and self.known.genders.get(id(entity)) not in (None, want):
                continue
            if self.article.sentence_of(start) < window:
                break
            if nearest is None and start not in self.known.governed:
                nearest = entity
            if subject:
                return Speaker.of(entity)
        if nearest is not None and (previous is None or previous.entity is not nearest):
            # someone named since the last quotation: "One of the victims was Frank Garcia"
            return Speaker.of(nearest)
        if (
            previous is not None
            and previous.kind == "person"
            and (
                not want
                or previous.entity is None
                or self.known.genders.get(id(previous.entity)) in (None, want)
            )
        ):
            return previous
        if nearest is not None:
            return Speaker.of(nearest)
        return previous

    def _description(self, text: str, at: int) -> Speaker | None:
        words = text.split()
        phrase = strip_fillers(words)
        if not phrase:
            return None
        head = phrase.split()[-1].lower()
        the = words[0].lower() == "the"
        definite = the and " " not in phrase
        if definite and head not in DOCUMENTS:
            # "the institute" → its full name; "the report" is its issuer's (below)
            named = self.entity_ending(head, at)
            if named is not None:
                return Speaker.of(named)
        # "the official" links back to "US official"; "the medical center" to its full name
        for start, earlier, lower in reversed(self._lower_sources):
            if start < at and lower.endswith(head) and len(earlier) >= len(phrase):
                return Speaker(earlier, None, "group")
        if the and head in _TITLES:
            holder = self._title_holder(head, at)
            if holder is not None:
                return holder  # "the North High School principal" → Principal Sherman Padgett
        if definite and head in DOCUMENTS:
            # "the report said": whoever issued it, else the report itself
            return self._recent_subject(at) or Speaker(phrase, None, "group")
        if definite:
            fuller = [
                f
                for f in _words_before(self.article.text, phrase, at)
                if f.lower() not in STOP_WORDS
            ]
            if fuller:
                phrase = f"{fuller[-1]} {phrase}"  # "the crew" after "the flight crew"
        tail = phrase.lower()
        names = self._lower_names
        if " " not in tail:
            # "the Pope" → the one person named "Pope …"
            first = tail + " "
            named = [e for name, e in names if name.startswith(first)]
            if len(named) == 1 and phrase[:1].isupper():
                return Speaker.of(named[0])
        else:
            for name, entity in names:
                if name.endswith(tail):
                    return Speaker.of(entity)
        return Speaker(phrase, None, "group")

    @cached_property
    def _lower_names(self) -> list[tuple[str, Entity]]:
        """Every cast entity by its name in lower case, read by each description: made on
        the first (few articles ask), not per description and entity."""
        return [(e.name.lower(), e) for e in self.article.cast.entities]

    @cached_property
    def _lower_sources(self) -> list[tuple[int, str, str]]:
        """The unnamed sources as introduced, with their lower case (made on the first
        description, as the names are)."""
        return [(start, s, s.lower()) for start, s in self.known.sources]

    def _title_holder(self, title: str, at: int) -> Speaker | None:
        """The person most recently named with this title as (the end of) their role."""
        k = bisect.bisect_left(self.known.person_starts, at) - 1
        for j in range(k, -1, -1):
            entity = self.known.persons[j][1]
            if entity.role and entity.role.lower().split()[-1] == title:
                return Speaker.of(entity)
        return None

    def _recent_subject(self, at: int) -> Speaker | None:
        """The actor most recently named as the subject of a cue, a few sentences back."""
        window = self.article.sentence_of(at) - _PRONOUN_WINDOW
        for start, entity in reversed(self.known.subject_entities):
            if start < at:
                if self.article.sentence_of(start) < window:
                    break
                return Speaker.of(entity)
        return None

    def subject_of(
        self, sentence: Sentence, paragraph: int, before: int | None = None
    ) -> Speaker | None:
        """The person a sentence is about: the first person it names outside quotations and
        outside a preposition's reach, or the person its first "he" or "she" stands for."""
        if sentence.paragraph != paragraph:
            return None
        end = sentence.end if before is None else before
        frame = self.article.frame(sentence)
        first = self.tokens[frame[0]] if frame else None
        if first is not None and first.idx == sentence.start and first.lower in SINGULAR_PRONOUNS:
            return self.pronoun(first.idx, first.lower, None)  # "He echoed that …"
        k = bisect.bisect_left(self.known.person_starts, sentence.start)
        while k < len(self.known.persons) and self.known.persons[k][0] < end:
            start, entity, _ = self.known.persons[k]
            if start not in self.known.governed and start not in self.known.possessors:
                return Speaker.of(entity)
            k += 1
        for i in frame:
            word = self.tokens[i].text
            if self.tokens[i].idx >= end:
                break
            if word.lower() in SINGULAR_PRONOUNS:
                return self.pronoun(self.tokens[i].idx, word.lower(), None)  # "He laughs."
        return None


def _words_before(text: str, phrase: str, at: int) -> list[str]:
    """The words written right before `phrase` in `text[:at]` ("flight" in "the flight crew").

    The pattern is tried from the word before the phrase's first occurrence on: tried at
    every offset of the text before it, it cost more than the rest of the resolution."""
    first = text.find(" " + phrase, 0, at)
    if first < 0:
        return []
    start = first  # no match starts before the letters that lead into the first occurrence
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    pattern = re.compile(rf"\b([a-z]+|[A-Z][a-z]+) {re.escape(phrase)}\b")
    return pattern.findall(text, start, at)  # \b reads the text before `start` too


def _bare_source(word: str) -> bool:
    """A lone word can name a source: "Authorities", "police", "prosecutors"."""
    low = word.lower()
    return low in SOURCE_NOUNS or (low.endswith("s") and not low.endswith("ss"))
