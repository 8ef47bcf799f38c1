"""Who holds a position: the actor a cue's subject names, the principal an entourage
speaks for ("Clinton's campaign"), the organisation a definite description abbreviates
("the department"), and the subject a coordinated or participial cue shares.

No position is invented: a description that names nobody gives no holder.
"""

from __future__ import annotations

import bisect

from summarizer.article import Article
from summarizer.cast import Entity
from summarizer.coreference import Resolver, Speaker
from summarizer.cues import MODIFIERS, CueFinder
from summarizer.phrases import FILLERS, SINGULAR_PRONOUNS, SOURCE_NOUNS, Phrases
from summarizer.sentences import Sentence
from summarizer.text import is_capitalised
from summarizer.wordlists import load_set

_AFFILIATES = load_set("affiliate_nouns.txt")
_OPENERS = load_set("phrase_openers.txt")
# Nouns a description of a speaker ends at ("The Florida senator", "A spokeswoman for …").
_PEOPLE_NOUNS = load_set("titles.txt") | SOURCE_NOUNS | _AFFILIATES
_MAX_DESCRIPTION = 6  # tokens from a determiner to the noun of an opening description
_MAX_TITLE_WORDS = 3  # a role before the subject's name ("Texas Sen. Ted Cruz")
_MAX_PRINCIPAL_LOOKBACK = 40  # mentions back in which "the campaign" finds its principal
_MAX_OPENING = 6  # tokens of an opening phrase before its comma ("Last year, he …")


class HolderFinder:
    """The holders of cues in one article, by their subject phrase or their clause."""

    def __init__(
        self, article: Article, cue_finder: CueFinder, phrases: Phrases, resolver: Resolver
    ) -> None:
        self.article = article
        self.tokens = article.tokens
        self.cue_finder = cue_finder
        self.phrases = phrases
        self.resolver = resolver

    def resolve_holder(self, phrase: list[int], at: int) -> Speaker | None:
        """The holder of an indirect position: a named actor, the person a "he" or "she"
        stands for, or an unnamed source whose head is a source noun ("the official"). Other
        descriptions give none, so no position is invented."""
        head = self.phrases.head_part(phrase)  # read by each rule below: found once
        entity = (
            self.phrases.head_entity(phrase, head)
            or self._principal(head)
            or self._named_by_head(head, at)
        )
        if entity is not None:
            if entity.kind == "place":
                return None  # "around Aleppo, saying": a place holds no position
            return Speaker.of(entity)
        first = self.tokens[phrase[0]].lower
        if len(phrase) == 1 and first in SINGULAR_PRONOUNS:
            found = self.resolver.pronoun(at, first, None)
            return found if found is not None and found.entity is not None else None
        if len(phrase) == 1:
            found = self.resolver.bare_name(self.tokens[phrase[0]])  # "…, Cuban said."
            if found is not None:
                return found
        if self.tokens[head[-1]].lower not in SOURCE_NOUNS or first in SINGULAR_PRONOUNS:
            return None
        return self.resolver.resolve(phrase, at, None)

    def _principal(self, head: list[int]) -> Entity | None:
        """Whom an entourage speaks for: "Clinton's campaign", "the Sanders campaign",
        "Clinton advisers" hold their principal's position (`head`: the phrase's head part)."""
        if self.tokens[head[-1]].lower not in _AFFILIATES:
            return None
        named = [
            e for _, e in self.article.mentions_in(head) if e.kind in ("person", "organization")
        ]
        return named[0] if len(named) == 1 else None

    def _named_by_head(self, head: list[int], at: int) -> Entity | None:
        """A definite description (`head`: its head part) to the named holder it abbreviates,
        by head match: "the department" → "State Department", "the institute" → "Wine
        Growers Institute"."""
        words = [self.tokens[i].text for i in head]
        if len(words) != 2 or words[0].lower() != "the" or not words[1].islower():
            return None
        if words[1] in _AFFILIATES:
            return self._principal_before(
                words[1], at
            )  # "the campaign" after "the Sanders campaign"
        return self.resolver.entity_ending(words[1], at)

    def _principal_before(self, head: str, at: int) -> Entity | None:
        """The entity most recently named as `head`'s principal: "Sanders('s) campaign"."""
        article = self.article
        k = bisect.bisect_left(article.mention_starts, at) - 1
        for j in range(k, max(-1, k - _MAX_PRINCIPAL_LOOKBACK), -1):
            m, entity = article.mentions[j]
            after = article.text[m.end : m.end + len(head) + 3].lower().replace("’", "'")
            if after.startswith((f" {head}", f"'s {head}")):
                return entity
        return None

    def clause_subject(self, c: int, sentence: Sentence) -> Speaker | None:
        """ "Carson took the stage … and called the system "rotten"": a cue after "and" or
        "but" shares the subject that opens the sentence (after an opening phrase such as
        "Last year,"), when that subject is a name or a pronoun; past a longer opening
        phrase or an apposition, the clause's opening subject."""
        frame = self.article.frame(sentence)
        if not frame or not self._shares_subject(c):
            return None
        found = self._first_subject(c, sentence, frame)
        # "In an interview with X, Trump doubled down … and said": a longer opening phrase
        return found if found is not None else self.opening_subject(sentence, c, None)

    def _shares_subject(self, c: int) -> bool:
        """A cue after "and" or "but" ("and then joked"), or a participle ("…, saying")."""
        tokens = self.tokens
        before = tokens[c - 1].lower
        if before in MODIFIERS and c > 1:
            before = tokens[c - 2].lower
        return before in ("and", "but") or tokens[c].text.endswith("ing")

    def _first_subject(self, c: int, sentence: Sentence, frame: list[int]) -> Speaker | None:
        """The subject the cue before a participle names, else a name or pronoun opening the
        sentence after a short opening phrase ("Last year, he …")."""
        tokens = self.tokens
        participle = tokens[c].text.endswith("ing")  # "… is making a pitch, saying"
        if participle:
            # "Ryan and Trump will meet, Spicer said, adding …": the speaker of the cue before
            earlier = [
                i
                for i in self.cue_finder.cues(frame)
                if i < c and not tokens[i].text.endswith("ing")
            ]
            if earlier:
                frame_set = self.article.frame_set(sentence)
                phrase = self.phrases.phrase_before(earlier[-1], frame_set, frame[0])
                phrase = phrase or self.phrases.phrase_after(earlier[-1], frame_set)
                found = (
                    self.resolver.resolve(phrase, tokens[earlier[-1]].idx, None) if phrase else None
                )
                if found is not None:
                    return found
        # An opening phrase ends at a comma; the comma before "but says" joins two clauses.
        opening = [
            i
            for i in frame[:_MAX_OPENING]
            if tokens[i].text == "," and tokens[i + 1].lower not in ("and", "but")
        ]
        start = opening[0] + 1 if opening and opening[0] < c else frame[0]
        tok = tokens[start]
        if tok.lower in SINGULAR_PRONOUNS:
            return self.resolver.pronoun(tok.idx, tok.lower, None)
        k = bisect.bisect_left(self.article.mention_starts, tok.idx)
        if k >= len(self.article.mentions):
            return None
        m, entity = self.article.mentions[k]
        lead = self.article.text[tok.idx : m.start].split()
        # only a role may stand before the name ("Texas Sen. Ted Cruz"), not "Silverman, a …"
        if len(lead) > _MAX_TITLE_WORDS or not all(is_capitalised(w) for w in lead):
            return None
        if entity.kind in ("person", "organization") and m.start < tokens[c].idx:
            return Speaker.of(entity)
        return None

    def opening_subject(
        self, sentence: Sentence, c: int, previous: Speaker | None
    ) -> Speaker | None:
        """The subject that opens the clause ending at token c, past an opening phrase ("In
        an interview with X, Trump …"): a "he" or "she", a person or organisation named
        first (titles and "the" before it), or a description up to its noun ("The Florida
        senator sought …"). For quotations after a colon and cues that share a subject."""
        tokens = self.tokens
        before = [i for i in self.article.frame(sentence) if i < c]
        if before and tokens[before[0]].lower in _OPENERS:
            commas = [i for i in before if tokens[i].text == ","]
            # "Speaking to X in Ohio, which votes next, Bush said": the subject follows the
            # comma that a name or a pronoun follows, not the one that opens an aside
            named = [k for k in commas if self._opens_subject(k + 1)]
            cut = named[0] if named else commas[0] if commas else None
            before = [i for i in before if cut is not None and i > cut]
        if not before:
            return None
        first = tokens[before[0]]
        if first.lower in SINGULAR_PRONOUNS:
            return self.resolver.pronoun(first.idx, first.lower, previous)
        named = self._named_first(before)
        if named is not None:
            return named
        if first.lower not in FILLERS:
            return None
        for k, i in enumerate(before[:_MAX_DESCRIPTION]):
            if tokens[i].lower in _PEOPLE_NOUNS:
                return self.resolver.resolve(before[: k + 1], first.idx, previous)
            if not tokens[i].text.isalpha():
                break
        return None

    def _opens_subject(self, i: int) -> bool:
        word = self.tokens[i].text if i < len(self.tokens) else ""
        return is_capitalised(word) or word.lower() in SINGULAR_PRONOUNS

    def _named_first(self, before: list[int]) -> Speaker | None:
        """A person or organisation named at the start, after titles or "the" only."""
        mentions = {m.start: (m, e) for m, e in self.article.mentions_in(before) if not m.in_quote}
        for i in before[: _MAX_TITLE_WORDS + 1]:
            found = mentions.get(self.tokens[i].idx)
            if found is not None:
                m, entity = found
                possessor = self.article.text.startswith(("'s", "’s"), m.end)
                if entity.kind in ("person", "organization") and not possessor:
                    return Speaker.of(entity)
                return None
            word = self.tokens[i].text
            if not (is_capitalised(word) or word.lower() in _PEOPLE_NOUNS or word == "the"):
                return None
        return None
