"""The read-only view of one article that the attribution rules walk.

Tokens, sentences, the quotation text where no cue or speaker may be read, and the
names the cast found, each indexed once so the rules can look them up by offset.
"""

from __future__ import annotations

import bisect
from functools import cached_property, lru_cache

from summarizer.cast import Cast, Entity
from summarizer.mentions import Mention
from summarizer.quotemarks import Quoted
from summarizer.sentences import Sentence
from summarizer.tokens import TokenTable


@lru_cache(maxsize=256)
def title_like(text: str) -> bool:
    """Titles and names are in title case: most words capitalised, more than one word.
    Asked of each quotation by the article, its attribution and the quote list: remembered
    for the last few. Only a word's initial counts (a final "." or "!" is no word's)."""
    initials = "".join(filter(str.isalpha, [w[0] for w in text.split()]))
    if len(initials) < 2:
        return False
    return sum(map(str.isupper, initials)) / len(initials) >= 0.6


class Article:
    """One article's text, tokens, sentences, quotation spans and mentions; built once."""

    def __init__(
        self,
        text: str,
        table: TokenTable,
        sentences: list[Sentence],
        quoted: list[Quoted],
        cast: Cast,
    ) -> None:
        self.text = text
        self.tokens = table.tokens
        self.token_starts = table.starts
        self.marked = table.marked  # the tokens with any mark (summarizer.lexicon)
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.starts_set = set(self.sent_starts)
        self._frames: dict[int, list[int]] = {}
        self._frame_sets: dict[int, set[int]] = {}
        self._marks: dict[tuple[int, frozenset[str]], list[int]] = {}
        self._ranges: dict[int, range] = {}
        # quotation text, marks included, where no cue or speaker may be read
        self.blocked = [
            (q.open_at, (q.close_at + 1) if q.close_at is not None else q.end)
            for q in quoted
            if q.depth == 0 and not title_like(text[q.start : q.end])
        ]  # a quoted title ("the "Intelligence Report,"") hides no cue words
        self.blocked_starts = [b[0] for b in self.blocked]
        self.token_blocked = self._blocked_tokens()  # is_blocked of every token
        self.cast = cast
        self.mentions = cast.mentions()
        self.mention_starts = [m.start for m, _ in self.mentions]

    def seen_in_lower_case(self, word: str) -> bool:
        """Whether `word` (in lower case) stands as a word of the article. Most words asked
        appear nowhere in the text, which a search tells without reading every token."""
        return word in self.text and word in self._lowercase

    @cached_property
    def _lowercase(self) -> set[str]:
        """Words seen in lower case (asked only of a few cue subjects: built on demand)."""
        return {t.text for t in self.tokens if t.text.islower()}

    def _blocked_tokens(self) -> list[bool]:
        """is_blocked of every token, span by span rather than token by token: is_blocked
        reads the last span starting at or before an offset, so span k covers the tokens
        from its start up to its end or the next span's start, whichever comes first."""
        flags = [False] * len(self.tokens)
        starts, spans = self.token_starts, self.blocked
        for k, (start, end) in enumerate(spans):
            if k + 1 < len(spans):
                end = min(end, spans[k + 1][0])
            first, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            flags[first:stop] = [True] * (stop - first)
        return flags

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def is_blocked(self, offset: int) -> bool:
        k = bisect.bisect_right(self.blocked_starts, offset) - 1
        return k >= 0 and self.blocked[k][0] <= offset < self.blocked[k][1]

    def all_blocked(self, first: int, last: int) -> bool:
        """is_blocked of every token from `first` to `last`, read from the flags (in C)."""
        return all(self.token_blocked[first : last + 1])

    def token_range(self, start: int, end: int) -> range:
        return range(
            bisect.bisect_left(self.token_starts, start), bisect.bisect_left(self.token_starts, end)
        )

    def sentence_tokens(self, sentence: Sentence) -> range:
        """Asked again and again by every rule: kept per sentence of this article."""
        found = self._ranges.get(sentence.index)
        if found is None or self.sentences[sentence.index] is not sentence:
            found = self.token_range(sentence.start, sentence.end)
            if self.sentences[sentence.index : sentence.index + 1] == [sentence]:
                self._ranges[sentence.index] = found
        return found

    def first_token(self, sentence: Sentence) -> int:
        return self.sentence_tokens(sentence).start

    def frame(self, sentence: Sentence) -> list[int]:
        """Token indices of a sentence outside quotation text (computed once per sentence)."""
        frame = self._frames.get(sentence.index)
        if frame is None:
            blocked = self.token_blocked
            span = self.sentence_tokens(sentence)
            if any(blocked[span.start : span.stop]):
                frame = [i for i in span if not blocked[i]]
            else:  # most sentences hold no quotation: every token, listed in C
                frame = list(span)
            self._frames[sentence.index] = frame
        return frame

    def frame_set(self, sentence: Sentence) -> set[int]:
        """frame() as a set, one object per sentence: every rule reading a sentence shares
        it, and the phrase rules remember their answers for it (Phrases)."""
        found = self._frame_sets.get(sentence.index)
        if found is None:
            found = self._frame_sets[sentence.index] = set(self.frame(sentence))
        return found

    def frame_marks(self, sentence: Sentence, marks: frozenset[str]) -> list[int]:
        """The tokens of a sentence's frame that are one of `marks` (found once per sentence,
        so a rule asking for each of its cues reads the sentence once)."""
        key = (sentence.index, marks)
        found = self._marks.get(key)
        if found is None:
            text, start, end = self.text, sentence.start, sentence.end
            for mark in marks:  # a token is its text: most sentences hold none of the marks
                if text.find(mark, start, end + len(mark) - 1) >= 0:
                    tokens = self.tokens
                    found = [i for i in self.frame(sentence) if tokens[i].text in marks]
                    break
            else:
                found = []
            self._marks[key] = found
        return found

    def mentions_in(self, idxs: list[int]) -> list[tuple[Mention, Entity]]:
        """The mentions that lie wholly within the tokens `idxs` (in text order)."""
        start = self.tokens[idxs[0]].idx
        end = self.tokens[idxs[-1]].idx + len(self.tokens[idxs[-1]].text)
        k = bisect.bisect_left(self.mention_starts, start)
        found = []
        while k < len(self.mentions) and self.mentions[k][0].start < end:
            if self.mentions[k][0].end <= end:
                found.append(self.mentions[k])
            k += 1
        return found
