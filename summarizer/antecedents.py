"""What a source phrase may stand for, gathered once per article before any quotation
is attributed: the persons named (cue subjects marked), the genders the article gives
them, and the unnamed sources as introduced ("An anonymous US official said …"), with
the test of what such a description may be.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.article import Article
from summarizer.cast import Entity
from summarizer.cues import CALENDAR, CueFinder, is_participle
from summarizer.lexicon import GENDER_WORDS, GENDERED
from summarizer.phrases import FILLERS, PHRASE_WORDS, Phrases
from summarizer.text import is_capitalised
from summarizer.wordlists import load_set

_NEVER_SPEAKERS = frozenset({"i", "we", "you", "it", "me", "us", "this", "that", "which", "who"})
_RELATIVE_WORDS = frozenset({"who", "'ve", "’ve", "'re", "’re", "'s", "’s"})
_ROLES = load_set("titles.txt") | load_set("affiliate_nouns.txt") | load_set("role_words.txt")
_OPENING_FILLERS = FILLERS - {"the"}  # "the official said" introduces no one
_DESCRIBING = PHRASE_WORDS | {"'s", "’s", "-"}
# A character no role word holds (nor "'s"): a gap with one is no run of role words. Found
# in C at once, where splitting the gap between two names far apart read all of it.
_ROLE_LETTERS = "".join(sorted({c for w in _ROLES if w.isalpha() for c in w}))
_NOT_ROLE_GAP = re.compile(f"[^{re.escape(_ROLE_LETTERS)}'’s\\s]")


class Antecedents:
    """The persons, cue subjects, unnamed sources and guessed genders of one article."""

    def __init__(self, article: Article, cue_finder: CueFinder, phrases: Phrases) -> None:
        self.sources, self.subject_entities, subjects = _scan_cues(article, cue_finder, phrases)
        self.persons = _flag_subjects(article, subjects)
        self.governed = {m.start for m, _ in article.mentions if m.governed}
        self.possessors = {
            m.start for m, _ in article.mentions if article.text.startswith(("'s", "’s"), m.end)
        }
        self.person_starts = [p[0] for p in self.persons]
        self.genders = _guess_genders(article, self.persons)


def _scan_cues(
    article: Article, cue_finder: CueFinder, phrases: Phrases
) -> tuple[list[tuple[int, str]], list[tuple[int, Entity]], set[int]]:
    """One pass over every cue outside quotations.

    Collects unnamed sources as introduced ("An anonymous US official said talks …"),
    for "the official" to link back to, and the names that head a cue's subject
    (appositives included), which pronouns prefer.
    """
    sources: list[tuple[int, str]] = []
    subject_entities: list[tuple[int, Entity]] = []
    subjects: set[int] = set()
    tokens = article.tokens
    for sentence in article.sentences:
        span = article.sentence_tokens(sentence)
        if not cue_finder.may_speak(span):
            continue  # half the sentences: no word that could be a cue, no frame to read
        cues = cue_finder.cues(article.frame(sentence))
        if not cues:
            continue  # most sentences: no set to build
        frame_set = article.frame_set(sentence)
        floor = span.start
        for c in cues:
            if is_participle(tokens, c):
                continue  # "Trump went after Bush, calling him": no subject of its own
            phrase = phrases.phrase_before(c, frame_set, floor)
            inverted = [] if phrase else phrases.phrase_after(c, frame_set)
            for m, e in article.mentions_in(phrases.head_part(phrase or inverted or [c])):
                subjects.add(m.start)  # "Smith said", and `Q," says Hamdan Eliemat`
                subject_entities.append((m.start, e))
            if not phrase:
                continue
            words = [tokens[i].text for i in phrase]
            if (
                len(words) > 1
                and words[0].lower() in _OPENING_FILLERS
                and not article.mentions_in(phrase)
                and plausible(words)
            ):
                described = strip_fillers(phrases.phrase_text(phrase).split())
                if described:
                    sources.append((tokens[phrase[0]].idx, described))
    subject_entities.sort(key=lambda item: item[0])
    return sources, subject_entities, subjects


def _flag_subjects(article: Article, subjects: set[int]) -> list[tuple[int, Entity, bool]]:
    """The persons named outside quotations, flagged when a pronoun should prefer them: a
    cue's subject or a sentence's opener, but not a name that only modifies a role before
    another name ("McConnell spokesman Don Stewart")."""
    mentions = article.mentions
    persons: list[tuple[int, Entity, bool]] = []
    heads: set[int] = set()  # "McConnell spokesman Don Stewart wouldn't say": Stewart leads
    for k, (m, e) in enumerate(mentions):
        following = mentions[k + 1][0].start if k + 1 < len(mentions) else None
        modifier = following is not None and _modifies_next(article, m.end, following)
        subject = m.subject or m.start in subjects or m.start in heads
        if modifier and subject and following is not None:
            heads.add(following)  # the subject is the name the modifier leads into
        if e.kind != "person" or m.in_quote:
            continue
        persons.append((m.start, e, subject and not modifier))
    return persons


def _modifies_next(article: Article, end: int, following: int) -> bool:
    """Only role words stand between a name and the next one: "McConnell spokesman Don"."""
    if _NOT_ROLE_GAP.search(article.text, end, following):
        return False
    gap = article.text[end:following].replace("’s", " ").replace("'s", " ").split()
    return 1 <= len(gap) <= 3 and all(w.isalpha() and w.islower() and w in _ROLES for w in gap)


def _guess_genders(article: Article, persons: list[tuple[int, Entity, bool]]) -> dict[int, str]:
    """Votes from pronouns that follow a person's mention, and from gendered titles."""
    votes: dict[int, list[str]] = {}
    following = iter(persons)
    current = next(following, None)
    last: tuple[int, Entity] | None = None
    # only pronouns and gendered words vote (a few in a hundred, marked when the table was
    # read): the persons are caught up
    tokens = article.tokens
    for tok in [tokens[k] for k in article.marked if tokens[k].marks & GENDERED]:
        gender = GENDER_WORDS[tok.lower]
        while current is not None and current[0] <= tok.idx:
            last = (article.sentence_of(current[0]), current[1])
            current = next(following, None)
        if (
            last is not None
            and not article.is_blocked(tok.idx)
            and article.sentence_of(tok.idx) - last[0] <= 1
        ):
            votes.setdefault(id(last[1]), []).append(gender)
    for _, entity, _ in persons:
        for word in (entity.role or "").lower().split():
            if word in GENDER_WORDS:
                votes.setdefault(id(entity), []).extend([GENDER_WORDS[word]] * 3)
    guessed = {
        key: max(set(v), key=v.count)
        for key, v in votes.items()
        if v.count(max(set(v), key=v.count)) > len(v) / 2
    }
    for _, entity, _ in persons:
        if entity.gender is not None:  # the first name's usual gender settles it
            guessed[id(entity)] = entity.gender
    return guessed


def strip_fillers(words: list[str]) -> str:
    """A description without the words in front of its noun ("An anonymous US official" →
    "US official"), so "the official" later links back to it."""
    while words and (words[0].lower() in FILLERS or words[0].isdigit()):
        words = words[1:]
    return " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")


def plausible(words: list[str]) -> bool:
    """A description is a short noun phrase: no verbs, adverbs, dates or pronouns in it."""
    content = [w for w in words if w.lower() not in FILLERS and not w.isdigit()]
    if not content or len(content) > 6:
        return False
    for k, w in enumerate(content):
        low = w.lower()
        if k > 0 and low in _RELATIVE_WORDS:
            continue  # "people who've heard the story"
        if content[k + 1 : k + 2] == ["-"]:
            continue  # "a well-placed official": part of one hyphenated word
        if (
            w.islower()
            and low.endswith("ing")
            and k > 0
            and (content[k - 1].lower() in ("'s", "’s") or is_capitalised(content[k - 1]))
        ):
            continue  # "English football's governing body"
        if ((w.islower() or w == "I") and low in _NEVER_SPEAKERS) or low in CALENDAR:
            return False
        if (
            w.islower() and low in STOP_WORDS and low not in _DESCRIBING  # "one former official"
        ):
            return False
        following = content[k + 1] if k + 1 < len(content) else ""
        if w.islower() and (low.endswith(("ly", "ed")) or "-" in low) and following[:1].isalpha():
            continue  # "internationally recognized government", "unaligned Florida strategist"
        if w.islower() and (low.endswith("ly") or low.endswith("ing") or low.endswith("ed")):
            return False
    return True
