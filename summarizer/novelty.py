"""What's new in a story: what a brief says that the earlier briefs of its story did not (pure).

A newsroom reads the third article on the same talks for what moved. The comparison is the one
the rest of the engine makes, so "the same point" means the same everywhere: a sentence has a
counterpart when an earlier text says it with the same words (ranking's REDUNDANT_CONTAINMENT
of content terms) or close to it (TF-IDF cosine at REDUNDANT_COSINE, the IDF taken over
everything compared plus the digest's background documents, so the story's own subject words
weigh little). A quotation is old when its words, normalised, are an earlier quotation's or
inside one (or inside an earlier bullet that quoted it). An actor is new when no earlier brief
names it (canonical name or alias, or as a speaker); an actor already there is listed with
the positions that have no counterpart.

Only what a Brief holds is compared: its bullets (the sentences that tell the article), its
quotations and positions. A new development told only deep in an article's body, past its
bullets, is not seen. Deterministic: the output depends only on the inputs and their order.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.ranking import REDUNDANT_CONTAINMENT, REDUNDANT_COSINE
from summarizer.similarity import containment, content_terms, cosine, tfidf_vectors, words
from summarizer.stories import BACKGROUND_DOCS, MIN_QUOTE_WORDS, story_groups
from summarizer.types import Actor, Brief, NewActor, Quote, Since, WhatsNew

# At most this many new sentences lead a brief: What's new is read before the brief itself.
MAX_SENTENCES = 3
# What is compared of each brief, most important first: a text with thousands of quotation
# marks must not make a story of twenty such texts cost seconds (it cost 8 s uncapped).
MAX_QUOTES = 50
MAX_POSITIONS = 5  # per actor


def same_story(earlier: Sequence[Brief], brief: Brief) -> list[int]:
    """The positions in `earlier` of the briefs the digest would put in `brief`'s story."""
    groups = story_groups([*earlier, brief], of=len(earlier))
    mine = next(g for g in groups if len(earlier) in g)
    return [i for i in mine if i < len(earlier)]


def whats_new(earlier: Sequence[Brief], brief: Brief, *, since: Since) -> WhatsNew:
    """What `brief` adds to `earlier` (the story's earlier articles): up to MAX_SENTENCES of
    its bullets without a counterpart, its quotations not quoted before, and its actors or
    positions seen for the first time. Empty lists when it adds nothing."""
    old = _Known(earlier, brief)
    sentences = [b for b in brief.bullets if not old.says(b.text)][:MAX_SENTENCES]
    quotes = [q for q in brief.quotes[:MAX_QUOTES] if _worth_quoting(q) and not old.quoted(q.text)]
    return WhatsNew(since=since, sentences=sentences, quotes=quotes, actors=old.new_actors(brief))


def _worth_quoting(quote: Quote) -> bool:
    """A statement, not a scare quote or a title (the digest's rule for its story quote)."""
    return len(words(quote.text)) >= MIN_QUOTE_WORDS


def _normal(text: str) -> str:
    """Words only, lower case, padded: " a b c " is inside " x a b c y " as whole words."""
    return f" {' '.join(words(text))} "


class _Known:
    """Everything the earlier briefs said, weighed once against the texts to be compared (the
    new brief's bullets and positions): one TF-IDF collection, so a 20-article story costs
    one pass over its words, not one per comparison."""

    def __init__(self, earlier: Sequence[Brief], brief: Brief) -> None:
        texts: list[str] = []
        quoted: list[str] = []
        self.names: set[str] = set()
        for old in earlier:
            texts += [b.text for b in old.bullets]
            texts += [q.text for q in old.quotes[:MAX_QUOTES]]
            texts += [p.text for a in old.actors for p in a.positions[:MAX_POSITIONS]]
            quoted += [q.text for q in old.quotes[:MAX_QUOTES]] + [b.text for b in old.bullets]
            self.names.update(q.speaker.lower() for q in old.quotes if q.speaker)
            for actor in old.actors:
                self.names.update(_names(actor))
        # A quotation or a bullet repeated across the story's articles is one text.
        told = {t: words(t) for t in texts}
        asked = [b.text for b in brief.bullets]
        asked += [p.text for a in brief.actors for p in a.positions[:MAX_POSITIONS]]
        terms = [content_terms(w) for w in told.values()]
        terms += [content_terms(words(t)) for t in asked]
        vectors = tfidf_vectors(terms, background=BACKGROUND_DOCS)
        self.sets = [set(t) for t in terms[: len(told)]]
        self.vectors = vectors[: len(told)]
        self.asked = {
            text: (set(t), v)
            for text, t, v in zip(asked, terms[len(told) :], vectors[len(told) :], strict=True)
        }
        normal = {t: f" {' '.join(w)} " for t, w in told.items()}
        self.said = [n for n in (normal[t] for t in dict.fromkeys(quoted)) if n.strip()]
        self.told = " | ".join(normal.values())  # a name told in passing was seen too

    def says(self, text: str) -> bool:
        """Whether an earlier text makes the point `text` (a bullet or position) makes."""
        mine, vector = self.asked[text]
        if not mine:
            return True  # nothing to tell
        if any(containment(mine, other) >= REDUNDANT_CONTAINMENT for other in self.sets):
            return True
        return any(cosine(vector, other) >= REDUNDANT_COSINE for other in self.vectors)

    def quoted(self, text: str) -> bool:
        mine = _normal(text)
        return any(mine in other or other in mine for other in self.said)

    def seen(self, actor: Actor) -> bool:
        names = _names(actor)
        if not self.names.isdisjoint(names):
            return True
        return any(n.strip() and n in self.told for n in map(_normal, names))

    def new_actors(self, brief: Brief) -> list[NewActor]:
        found: list[NewActor] = []
        for actor in brief.actors:
            positions = [p for p in actor.positions[:MAX_POSITIONS] if not self.says(p.text)]
            if self.seen(actor):
                if positions:
                    found.append(NewActor(actor.name, positions))
            elif actor.kind != "place" or positions:
                found.append(NewActor(actor.name, positions))
        return found


def _names(actor: Actor) -> set[str]:
    return {n.lower() for n in (actor.name, *actor.aliases) if n}
