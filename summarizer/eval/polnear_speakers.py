"""Who said it: a gold attribution's speaker against a brief's actor, and the main speakers.

Ported from PolNeAR's reference position scorer (positions_eval.py). The match is
deliberately lenient ("Smith" meets "John Smith Jr."): the content overlap does the real
work, and a lenient match keeps the figures about positions rather than about names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.eval.mentions import WORD, head, last_name_word, name_words
from summarizer.eval.polnear_gold import Attribution
from summarizer.types import Actor

EXPAND = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "sec": "secretary",
    "secy": "secretary",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
}
TOP_SPEAKERS = 5


def targets(a: Attribution) -> list[str]:
    """The strings a gold speaker can be matched through: the mention's head, a name in
    apposition ("The head of the union, Ann Lee,"), the silver entity."""
    out = []
    if a.speaker and not a.speaker_is_pronoun:
        out.append(head(a.speaker))
        parts = a.speaker.split(",")
        if len(parts) > 1:
            words = WORD.findall(parts[1])
            if 1 <= len(words) <= 4 and all(w[0].isupper() for w in words):
                out.append(parts[1].strip())
    if a.speaker_entity_silver:
        out.append(a.speaker_entity_silver)
    return [t for t in out if name_words(t)]


@dataclass(slots=True)
class ActorMatcher:
    """Whether a gold speaker is this actor: by surname, by the mention's last word, or by a
    description whose every content word is among the actor's role and name words."""

    lasts: set[str]
    all_name: set[str]
    described: set[str]
    cache: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, actor: Actor) -> ActorMatcher:
        names = [name_words(n) for n in [actor.name or "", *actor.aliases]]
        names = [n for n in names if n]
        lasts = {w for w in (last_name_word(n) for n in names) if w is not None}
        all_name = {w for n in names for w in n}
        role = {EXPAND.get(w, w) for w in name_words(actor.role or "")}
        return cls(lasts, all_name, role | {EXPAND.get(w, w) for w in all_name})

    def matches(self, target: str) -> bool:
        hit = self.cache.get(target)
        if hit is None:
            words = name_words(target)
            last = last_name_word(words)
            hit = bool(self.lasts & set(words)) or (last is not None and last in self.all_name)
            if not hit:
                content = [EXPAND.get(w, w) for w in words]
                hit = len(content) >= 2 and all(w in self.described for w in content)
            self.cache[target] = hit
        return hit

    def matches_gold(self, a: Attribution) -> bool:
        return any(self.matches(t) for t in targets(a))


def speaker_keys(attributions: Sequence[Attribution]) -> list[str | None]:
    """A key per attribution (None when its speaker cannot be resolved to a name).

    The silver entity when there is one, else the mention's head; a one-word key joins the
    one longer key that ends with it ("smith" joins "john smith"), so a speaker's mentions
    are counted together.
    """
    raw: list[str | None] = []
    for a in attributions:
        if not a.speaker:
            raw.append(None)
        elif a.speaker_entity_silver:
            raw.append(" ".join(name_words(a.speaker_entity_silver)) or None)
        elif a.speaker_is_pronoun:
            raw.append(None)
        else:
            raw.append(" ".join(name_words(head(a.speaker))) or None)
    longer: defaultdict[str, set[str]] = defaultdict(set)
    for key in {k for k in raw if k is not None}:
        if " " in key:
            longer[key.rsplit(" ", 1)[1]].add(key)
    return [next(iter(longer[k])) if k and " " not in k and len(longer[k]) == 1 else k for k in raw]


def top_speakers(keys: Sequence[str | None]) -> set[str]:
    """The article's most cited speakers, by all their attributions (ties: first cited)."""
    freq = Counter(k for k in keys if k)
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key and key not in first:
            first[key] = i
    return set(sorted(freq, key=lambda k: (-freq[k], first[k]))[:TOP_SPEAKERS])
