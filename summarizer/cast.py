"""The cast of an article: mentions grouped into entities, linked by surname, first word and
acronym.

A surname joins the earliest, fullest name that ends with it; an acronym joins the name it
abbreviates; a lone first word joins the one person whose name starts with it. What a name
is (person, organisation, ...) comes from `summarizer.name_kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from spacy.tokens import Doc

from summarizer.gazetteer import first_name_gender, name_suffixes
from summarizer.mentions import Mention
from summarizer.name_kinds import ENT_KINDS, INSTITUTIONAL, classify, looks_personal
from summarizer.text import LowerCaseWords
from summarizer.wordlists import norm_word

# Full names a one-letter slip of the pen is matched against ("Arduriz" for "Aduriz").
_MAX_SLIP_NAMES = 500
_START = attrgetter("start")
_OWNED, _WHO, _TAKEN_UP = attrgetter("owned"), attrgetter("who"), attrgetter("taken_up")


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


class Cast:
    """Every named actor of one article, with its mentions, looked up by any alias."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._by_alias: dict[str, Entity] = {}
        for entity in entities:
            self._by_alias.setdefault(entity.name.lower(), entity)
            for alias in entity.aliases:
                self._by_alias.setdefault(alias.lower(), entity)

    def lookup(self, name: str) -> Entity | None:
        return self._by_alias.get(name.lower())

    def mentions(self) -> list[tuple[Mention, Entity]]:
        pairs = [(m, e) for e in self.entities for m in e.mentions]
        pairs.sort(key=lambda p: p[0].start)
        return pairs


def initials(name: str) -> str:
    """ "Southern Poverty Law Center" → "SPLC"; small words do not count."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _merge_acronyms(entities: list[Entity]) -> list[Entity]:
    """An acronym joins the full name it abbreviates: FA → Football Association."""
    acronyms = {entity.name for entity in entities if entity.name.isupper()}
    if not acronyms:
        return entities
    # A name whose initials start with a letter no acronym starts with abbreviates none.
    letters = {acronym[0] for acronym in acronyms}
    by_initials: dict[str, Entity] = {}
    for entity in entities:
        name = entity.name
        if name[:1].isupper() and name[0] not in letters:
            continue
        if len(name.split()) > 1:
            by_initials.setdefault(initials(name), entity)
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
        if entity.kind in ("person", "unknown") and len(words := entity.name.split()) > 1:
            starts.setdefault(words[0], []).append(entity)
    kept: list[Entity] = []
    for entity in entities:
        owners = starts.get(entity.name) if entity.kind == "unknown" else None
        if owners is not None and len(owners) == 1:
            owners[0].mentions.extend(entity.mentions)
            owners[0].aliases.add(entity.name)
        else:
            kept.append(entity)
    return kept


def _surname(parts: list[str]) -> str:
    """The last word of a name that is not a generational suffix ("Smith" of "John Smith Jr.")."""
    while len(parts) > 1 and norm_word(parts[-1]) in name_suffixes():
        parts = parts[:-1]
    return parts[-1]


def build_cast(doc: Doc | None, mentions: list[Mention], text: str) -> Cast:
    """Group mentions into entities; a short name joins the earliest fullest name ending with it."""
    ent_kind: dict[str, str] = {}
    for ent in getattr(doc, "ents", ()):
        if ent.label_ in ENT_KINDS:
            ent_kind[ent.text] = ENT_KINDS[ent.label_]
    fullest: dict[str, Entity] = {}
    entities: list[Entity] = []
    by_name: dict[str, Entity] = {}
    parted = [(m, m.name.split()) for m in sorted(mentions, key=_START)]
    # Names of several words first, so that a surname finds the full name it ends.
    parted = [p for p in parted if len(p[1]) != 1] + [p for p in parted if len(p[1]) == 1]
    for m, parts in parted:
        entity = by_name.get(m.name)
        if entity is None:
            entity = _surname_owner(fullest, parts[-1]) if len(parts) == 1 else None
            if entity is None or (entity.kind not in ("person", "unknown")):
                kind = ent_kind.get(m.name) or classify(m.name, m.role is not None) or "unknown"
                entity = Entity(m.name, kind, m.role)
                entities.append(entity)
                if (
                    kind in ("person", "unknown")
                    and len(parts) > 1
                    and INSTITUTIONAL.isdisjoint(m.name.lower().split())
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
        entity.mentions.sort(key=_START)
        if entity.kind == "unknown":
            # A possessive before it rules a person out; then the cheap evidence comes first.
            ms = entity.mentions
            person = not any(map(_OWNED, ms)) and (
                entity.role
                or any(map(_WHO, ms))
                or any(map(_TAKEN_UP, ms))
                or looks_personal(entity.name, lower_case)
            )
            entity.kind = "person" if person else "organization"
        if entity.kind == "person" and " " in entity.name:
            found = first_name_gender(entity.name.split()[0])
            entity.gender = found if found in ("m", "f") else None
    entities.sort(key=lambda e: e.first)
    return Cast(entities)
