"""Names in the text: capitalised runs on spaCy tokens, their titles, kinds and aliases.

With blank English there are no entities, so a name is a run of capitalised tokens,
titles in front of it are its role ("Israeli Prime Minister"), and a surname is
linked to the earliest, fullest name that ends with it. A trained pipeline's
entities, when present, settle the kind.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from summarizer.gazetteer import first_name_gender, is_place, name_particles, name_suffixes
from summarizer.quotemarks import Quoted
from summarizer.sentences import Sentence
from summarizer.text import LowerCaseWords
from summarizer.tokens import Tok, token_starts
from summarizer.wordlists import load_set, load_table

_CONNECTORS = frozenset({"of"}) | name_particles()
# A name with one of these inside is an institution or place, never a person's surname.
_INSTITUTIONAL = frozenset({"of"})
_ENT_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "place",
}
_MAX_TITLE_WORDS = 4
# Full names a one-letter slip of the pen is matched against ("Arduriz" for "Aduriz").
_MAX_SLIP_NAMES = 500
_GOVERNORS = frozenset(
    {"of", "to", "at", "with", "by", "for", "from", "over", "about", "against", "than", "told"}
)
_AGE_WORDS = frozenset({"-", "year", "years", "old"})
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_OPENING = frozenset({'"', "“", "‘", "'", "("})  # a word after these starts a sentence-like run
# The word lists the rules below read for nearly every capitalised word: loaded once.
_TITLES = load_set("titles.txt")
_ORGANIZATIONS = load_set("organizations.txt")
_ORGANIZATION_WORDS = load_set("organization_words.txt")
_PLACE_WORDS = load_set("place_words.txt")
_GROUP_WORDS = load_set("group_words.txt")
_DEMONYMS = load_table("demonyms.txt")
_CALENDAR = load_set("calendar_words.txt")


# Asked of the same few thousand words over and over (titles, name parts).
@lru_cache(maxsize=65_536)
def _norm(word: str) -> str:
    return word.lower().rstrip(".").replace("’", "'")


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


@dataclass(slots=True)
class Entity:
    name: str
    kind: str
    role: str | None
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None  # "m" or "f" when the first name says so

    @property
    def first(self) -> int:
        return self.mentions[0].start if self.mentions else 0


def is_capitalised(word: str) -> bool:
    # a capital letter first settles it without scanning the word
    return word[:1].isupper() and (word[0].isalpha() or any(ch.isalpha() for ch in word))


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """(role words, name words): the role ends where the last title before the name ends.

    "Israeli Prime Minister Benjamin Netanyahu" and "Malaysia Airlines CEO Ahmad Jauhari
    Yahya" both split after their title; a run with no title is all name.
    """
    if len(words) < 2:
        return [], words[:]  # a title is never the last word: nothing to split
    titles = _TITLES
    normed = [_norm(w) for w in words]
    cut = 0
    i = 0
    while i < len(words) - 1:
        for n in range(min(_MAX_TITLE_WORDS, len(words) - 1 - i), 0, -1):
            if " ".join(normed[i : i + n]) in titles:
                cut = i + n
                i += n
                break
        else:
            i += 1
    return words[:cut], words[cut:]


# A name recurs across articles (about one lookup in four on a stream of distinct CNN
# articles); the word lists are fixed. Small enough that a benchmark repeating its articles
# gains nothing more than a stream of new ones would.
@lru_cache(maxsize=1024)
def classify(name: str, has_role: bool) -> str | None:
    """The kind a name's own words show, or None when they show nothing."""
    words = name.split()
    lowered = {_norm(w) for w in words}
    if is_place(name):
        return "place"
    if name.lower() in _ORGANIZATIONS or lowered & _ORGANIZATION_WORDS:
        return "organization"
    if len(words) > 1 and _norm(words[-1]) in _PLACE_WORDS:
        return "place"
    if has_role:
        return "person"
    if len(words) > 1 and _norm(words[-1]) in _GROUP_WORDS:
        return "group"  # Florida Republicans, Iowa Democrats
    if all(w.isupper() and len(w) >= 2 for w in words if w.isalpha()):
        return "organization"  # NTSB, KL ATCC
    if _norm(name) in _DEMONYMS or _norm(name.removesuffix("s")) in _DEMONYMS:
        return "group"  # Israelis, Americans
    if {w.lower() for w in words} & _INSTITUTIONAL:
        return "organization"
    return None


class Cast:
    """Every named actor of one article, with its mentions, looked up by any alias."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._by_alias: dict[str, Entity] = {}
        for entity in entities:
            for alias in entity.aliases | {entity.name}:
                self._by_alias.setdefault(alias.lower(), entity)

    def lookup(self, name: str) -> Entity | None:
        return self._by_alias.get(name.lower())

    def mentions(self) -> list[tuple[Mention, Entity]]:
        pairs = [(m, e) for e in self.entities for m in e.mentions]
        pairs.sort(key=lambda p: p[0].start)
        return pairs


def _inside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    k = bisect.bisect_right(starts, at) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def find_mentions(
    text: str, tokens: list[Tok], sentences: list[Sentence], quoted: list[Quoted]
) -> list[Mention]:
    """Capitalised runs, titles split off as roles; sentence-initial words need support."""
    spans = [(q.start, q.end) for q in quoted]
    starts = [s for s, _ in spans]
    sent_starts = [s.start for s in sentences]
    calendar = _CALENDAR
    mentions: list[Mention] = []
    offsets = token_starts(tokens)
    sentence_first = {bisect.bisect_left(offsets, s.start) for s in sentences}
    # asked of most tokens twice or more; is_capitalised inlined for words not capitalised
    caps = [(w := t.text)[0].isupper() and (w[0].isalpha() or is_capitalised(w)) for t in tokens]
    capital_at = list(compress(range(len(tokens)), caps))  # where a run may start
    capitalised_inside = {
        tokens[k].text
        for k in capital_at
        if k not in sentence_first and tokens[k - 1].text not in _OPENING
    }
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
            if caps[j] and nxt.lower not in calendar:
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
                and (caps[j + 1] or (tokens[j + 1].text == "-" and not nxt.whitespace_))
            ):
                j += 1 if tokens[j + 1].text == "-" else 2  # "bin Laden", "al-Hasan"
            else:
                break
        j = _with_suffix(tokens, j)
        while i < j - 1 and tokens[i].lower in STOP_WORDS:
            i += 1  # "The IDF"
        words = [t.text for t in tokens[i:j]]
        if (
            first
            and j == i + 1
            and word not in capitalised_inside
            and classify(word, False) is None
        ):
            after = j
            continue
        role_words, name_words = split_role(words)
        name_words = _person_before_of(name_words)
        if name_words and not _is_adjective(name_words):
            first_name = i + len(role_words)
            last_name = first_name + len(name_words) - 1
            start = tokens[first_name].idx
            end = tokens[last_name].idx + len(tokens[last_name].text)
            sentence = bisect.bisect_right(sent_starts, start) - 1
            name = text[start:end]
            if not role_words:
                role_words = _role_before(tokens, first_name)
            mentions.append(
                Mention(
                    start=start,
                    end=end,
                    name=name,
                    role=" ".join(role_words) or None,
                    sentence=max(sentence, 0),
                    in_quote=_inside(spans, starts, start),
                    owned=first_name > 0 and tokens[first_name - 1].lower in _POSSESSIVES,
                    governed=_governed(tokens, i, sentence_first),
                    who=last_name + 2 < n
                    and tokens[last_name + 1].text == ","
                    and tokens[last_name + 2].lower == "who",
                    subject=first,
                )
            )
        after = j
    for m in mentions:
        if m.role is None and not m.in_quote:
            m.role = appositive_role(text, m, sentences[m.sentence])
    return mentions


def _with_suffix(tokens: list[Tok], j: int) -> int:
    """ "John Smith Jr.", "John Smith, Jr." and "John Smith III" keep their suffix."""
    k = j + 1 if j < len(tokens) and tokens[j].text == "," else j
    if k < len(tokens) and tokens[k].text[0].isupper() and _norm(tokens[k].text) in name_suffixes():
        return k + 1
    return j


def _governed(tokens: list[Tok], first: int, sentence_first: set[int]) -> bool:
    """After a preposition or "told", a name is an object ("according to X" excepted).

    `first` starts the name's run, title included ("over Prime Minister Netanyahu");
    an age in between does not count ("of 19-year-old Tony Robinson"). A preposition
    that opens the sentence ("For Padgett, who …") introduces its topic."""
    while first > 0 and (tokens[first - 1].text in _AGE_WORDS or tokens[first - 1].text.isdigit()):
        first -= 1
    if first - 1 in sentence_first:
        return False
    before = tokens[first - 1].lower if first > 0 else ""
    if before == "to" and first > 1 and tokens[first - 2].lower == "according":
        return False
    if before in _GOVERNORS:
        return True
    for k in range(first - 1, max(-1, first - 4), -1):  # "which runs Puthiya Thalaimurai"
        word = tokens[k].lower
        if word in {",", ".", ";", ":"}:
            return False
        if word in {"which", "whom", "whose"}:
            return True
    return False


def _role_before(tokens: list[Tok], first: int) -> list[str]:
    """Lower-case titles written before a name: "Union leader Maria Costa" → "Union leader"."""
    titles = _TITLES
    k = first - 1
    while (
        k >= 0
        and first - k <= _MAX_TITLE_WORDS
        and (
            _norm(tokens[k].text) in titles
            or (is_capitalised(tokens[k].text) and tokens[k].lower not in STOP_WORDS)
        )
    ):
        k -= 1
    words = [t.text for t in tokens[k + 1 : first]]
    if not any(_norm(w) in titles and w.islower() for w in words) or not words[-1].islower():
        return []
    return words


def _person_before_of(words: list[str]) -> list[str]:
    """ "Natasha Burgert of KC Kids Doc" names the person; "Bank of America" stays whole."""
    if "of" not in words:
        return words
    head = words[: words.index("of")]
    if len(head) >= 2 and classify(" ".join(head), False) is None:
        return head
    return words


def _is_adjective(words: list[str]) -> bool:
    """A lone stop word or nationality adjective ("Israeli") names no actor."""
    return len(words) == 1 and (words[0].lower() in STOP_WORDS or _norm(words[0]) in _DEMONYMS)


def appositive_role(text: str, mention: Mention, sentence: Sentence) -> str | None:
    """A role in apposition: "The leader of Hezbollah, Nasrallah," or "Nasrallah, the leader …,"."""
    before = text[sentence.start : mention.start].rstrip()
    after = text[mention.end : sentence.end]
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
    return any(_norm(w) in titles for w in words)


def initials(name: str) -> str:
    """ "Southern Poverty Law Center" → "SPLC"; small words do not count."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _merge_acronyms(entities: list[Entity]) -> list[Entity]:
    """An acronym joins the full name it abbreviates: FA → Football Association."""
    by_initials: dict[str, Entity] = {}
    for entity in entities:
        if len(entity.name.split()) > 1:
            by_initials.setdefault(initials(entity.name), entity)
    kept: list[Entity] = []
    for entity in entities:
        full = by_initials.get(entity.name) if entity.name.isupper() else None
        if full is not None and full is not entity:
            full.mentions.extend(entity.mentions)
            full.aliases.add(entity.name)
            if full.kind in ("person", "unknown"):
                full.kind = "organization"
        else:
            kept.append(entity)
    return kept


def _surname_owner(fullest: dict[str, Entity], surname: str) -> Entity | None:
    """The full name with this surname, allowing one slip of the pen in a long one
    ("goalscorer Arduriz" after "Aritz Aduriz")."""
    if surname in fullest:
        return fullest[surname]
    if len(surname) < 6 or len(fullest) > _MAX_SLIP_NAMES:
        return None  # an article names a few dozen; past this, a text would be read squared
    close = [
        e for last, e in fullest.items() if last[0] == surname[0] and _one_edit_apart(last, surname)
    ]
    return close[0] if len(close) == 1 else None


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i + 1 :]


def _merge_first_words(entities: list[Entity]) -> list[Entity]:
    """A lone word that starts exactly one person's full name is that person ("the Pope")."""
    starts: dict[str, list[Entity]] = {}
    for entity in entities:
        words = entity.name.split()
        if len(words) > 1 and entity.kind in ("person", "unknown"):
            starts.setdefault(words[0], []).append(entity)
    kept: list[Entity] = []
    for entity in entities:
        owners = starts.get(entity.name, []) if entity.kind == "unknown" else []
        if len(owners) == 1:
            owners[0].mentions.extend(entity.mentions)
            owners[0].aliases.add(entity.name)
        else:
            kept.append(entity)
    return kept


def _surname(parts: list[str]) -> str:
    """The last word of a name that is not a generational suffix ("Smith" of "John Smith Jr.")."""
    while len(parts) > 1 and _norm(parts[-1]) in name_suffixes():
        parts = parts[:-1]
    return parts[-1]


def _looks_personal(name: str, lower_case: LowerCaseWords) -> bool:
    """A run of several capitalised words is a person's name unless one of its words is
    written in lower case elsewhere in the article ("Democratic National Convention" next to
    "the national convention"), or it opens with a known first name ("Carly Fiorina")."""
    words = name.split()
    if len(words) < 2:
        return False
    if first_name_gender(words[0]) is not None:
        return True
    return not any(w.lower() in lower_case for w in words)


def build_cast(doc: Doc | None, mentions: list[Mention], text: str) -> Cast:
    """Group mentions into entities; a short name joins the earliest fullest name ending with it."""
    ent_kind: dict[str, str] = {}
    for ent in getattr(doc, "ents", ()):
        if ent.label_ in _ENT_KINDS:
            ent_kind[ent.text] = _ENT_KINDS[ent.label_]
    fullest: dict[str, Entity] = {}
    entities: list[Entity] = []
    by_name: dict[str, Entity] = {}
    for m in sorted(mentions, key=lambda m: (len(m.name.split()) == 1, m.start)):
        if m.name in by_name:
            entity = by_name[m.name]
        else:
            parts = m.name.split()
            entity = _surname_owner(fullest, parts[-1]) if len(parts) == 1 else None
            if entity is None or (entity.kind not in ("person", "unknown")):
                kind = ent_kind.get(m.name) or classify(m.name, m.role is not None) or "unknown"
                entity = Entity(name=m.name, kind=kind, role=m.role)
                entities.append(entity)
                if (
                    kind in ("person", "unknown")
                    and len(parts) > 1
                    and not {p.lower() for p in parts} & _INSTITUTIONAL
                ):
                    fullest.setdefault(_surname(parts), entity)
            by_name[m.name] = entity
        entity.mentions.append(m)
        if m.name != entity.name:
            entity.aliases.add(m.name)
        if entity.role is None and m.role:
            entity.role = m.role
    entities = _merge_first_words(_merge_acronyms(entities))
    lower_case = LowerCaseWords(text)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)
        if entity.kind == "unknown":
            person = (
                _looks_personal(entity.name, lower_case)
                or entity.role
                or any(m.who for m in entity.mentions)
            )
            if any(m.owned for m in entity.mentions):
                person = False
            entity.kind = "person" if person else "organization"
        if entity.kind == "person" and " " in entity.name:
            found = first_name_gender(entity.name.split()[0])
            entity.gender = found if found in ("m", "f") else None
    entities.sort(key=lambda e: e.first)
    return Cast(entities)
