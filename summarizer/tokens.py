"""Plain token records read once from a spaCy Doc.

The rule components walk tokens back and forth many times; spaCy builds a new Token
object on every access, so reading text and offsets once keeps the engine fast. The
lower-cased text is kept too (nearly every rule compares words in lower case), and so are
the token's marks (`summarizer.lexicon`): what several stages look for in every token,
worked out once per run of text, not by each stage for each token.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from spacy.attrs import IDX, ORTH, SPACY
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from summarizer.lexicon import marks
from summarizer.pipeline import TOKENIZER_CACHE


# Not frozen: a frozen dataclass sets every field through object.__setattr__, which made
# building the table cost as much as tokenising. The rules only read these records.
@dataclass(slots=True)
class Tok:
    text: str
    idx: int
    whitespace_: str
    lower: str  # text.lower(), read by most rules
    marks: int  # lexicon.marks(text, lower): 0 for most tokens


@dataclass(slots=True)
class TokenTable:
    """An article's tokens, and what several stages read of every one of them, found once."""

    tokens: list[Tok]
    starts: list[int]  # every token's offset, for bisecting
    marked: list[int]  # the tokens with any mark (about one in six), in order


def _indexed(tokens: list[Tok], marked: list[int] | None = None) -> TokenTable:
    """The table of `tokens`, the marked ones found here unless already known."""
    # list comprehensions: faster than map(attrgetter(…), …) or compress on 3.11
    if marked is None:
        marked = [k for k, t in enumerate(tokens) if t.marks]
    return TokenTable(tokens, [t.idx for t in tokens], marked)


def _tok(word: str, idx: int, after: str) -> Tok:
    """A token read for the first time. Its lower case is the same object when the word
    already is: most words are, and a record holding one string instead of two equal ones
    is less memory to read."""
    lower = word.lower()
    if lower == word:
        lower = word
    return Tok(word, idx, after, lower, marks(word, lower))


# `way,"she` → `way` `,` `"` `she`: a closing mark written against the next word.
_GLUED = re.compile(r"^(.*?)([,.!?]?)([\"“”«»])([A-Za-z].*)$")


def token_table(doc: Doc) -> TokenTable:
    """The table of a Doc's tokens."""
    return _indexed(_tokens(doc))


def _tokens(doc: Doc) -> list[Tok]:
    """Every token but runs of white space ("he  said" is two words, not three), with a
    quotation mark split off a word it was written against."""
    table: list[Tok] = []
    append = table.append
    strings = doc.vocab.strings
    # Reading spaCy's arrays avoids building a Token object per word (the hot path), and
    # reading them column by column avoids a small list per token.
    columns = doc.to_array([ORTH, IDX, SPACY]).T.tolist()
    for orth, idx, space in zip(*columns, strict=True):
        text = strings[orth]
        after = " " if space else ""
        if text.isalpha():  # most words: no white space, no quotation mark
            append(_tok(text, idx, after))
            continue
        if text.isspace():
            continue
        glued = _GLUED.match(text) if len(text) > 2 else None
        if glued is None:
            append(_tok(text, idx, after))
            continue
        at = idx
        for piece in glued.groups():
            if piece:
                append(_tok(piece, at, ""))
                at += len(piece)
        table[-1].whitespace_ = after
    return table


_RUN = re.compile(r"\S+")
# Stretches of runs tokenized one by one; a text with more is tokenized whole.
_MAX_STRETCHES = 64  # \S is not str.isspace(), as spaCy splits on

# One shared empty set: most runs could be part of no special case, and the table reads
# these of every run (a set of its own per run is one more object to fetch from memory).
_NONE: frozenset[str] = frozenset()

Pieces = tuple[tuple[int, str, str, int], ...]  # (offset in the run, text, lower, marks)


@dataclass(frozen=True, slots=True)
class _Run:
    pieces: Pieces
    # Its first and last tokens, read with and without special cases, that could be the
    # second and the first of two neighbouring tokens inside a special case (mostly none).
    heads: frozenset[str]
    tails: frozenset[str]
    # A run that is one word (most are) has its word, lower case and marks here, read
    # without unpacking `pieces`; `size` steps over it and the space after it.
    word: str | None
    lower: str
    marks: int
    size: int


class RunTokens:
    """token_table(tokenizer(text)) for a tokenizer that only tokenizes (blank English),
    built from white-space runs whose tables were worked out once.

    spaCy's tokenizer splits the text at white space and tokenizes each run on its own (its
    cache is keyed by the run), so a text's table is its runs' tables side by side, with a
    space after a run's last token when the next character is one. The exception: special
    cases of several tokens (`''`, `Mr.`, `:(`) are matched over the whole Doc, and a match
    across two runs (`Tiger.'' ''And`) applies no rule but can keep an overlapping one from
    applying. Where two neighbouring runs could be such a match, that stretch of runs is
    tokenized whole.
    Reading news, nearly every run was seen before, and the Python work per run replaces
    spaCy's Doc and the per-token reading of it.
    """

    def __init__(self, tokenizer: Tokenizer, kept: int = TOKENIZER_CACHE) -> None:
        self._tokenizer = tokenizer
        self._kept = kept
        self._known: dict[str, _Run] = {}
        self._plain = _plain(tokenizer)
        self._pairs = _special_pairs(tokenizer, self._plain)
        self._firsts = frozenset(a for a, _ in self._pairs)
        self._seconds = frozenset(b for _, b in self._pairs)

    def table(self, text: str) -> TokenTable:
        # Split at spaces, not by regex: nearly every piece is one known run, looked up
        # whole; a piece holding other white space, or not seen before, is read run by run.
        known = self._known.get
        fresh: dict[str, _Run] = {}
        table: list[Tok] = []
        append = table.append
        tails: frozenset[str] = frozenset()
        pieces = text.split(" ")
        end = len(text)
        at = 0
        before = 0  # where the previous run starts
        linked: list[tuple[int, int]] = []  # two neighbouring runs that could be a special case
        marked: list[int] = []  # noted as the tokens are added: cheaper than a pass after
        for piece in pieces:
            found = known(piece)
            if found is not None:  # the common case: a whole run, a space after (unless last)
                if tails and found.heads and self._across(tails, found.heads):
                    linked.append((before, at + found.size - 1))
                before = at
                tails = found.tails
                if found.word is not None:
                    if found.marks:
                        marked.append(len(table))
                    append(Tok(found.word, at, " ", found.lower, found.marks))
                else:
                    _add(table, marked, found.pieces, at, " ")
                at += found.size
                continue
            if piece:
                for match in _RUN.finditer(piece):
                    run = match.group()
                    found = known(run) or fresh.get(run)
                    if found is None:  # tokenize this run and every later one in one call
                        fresh = self._learn(_RUN.findall(text, at + match.start()))
                        found = fresh[run]
                    start, stop = match.span()
                    if tails and found.heads and self._across(tails, found.heads):
                        linked.append((before, at + stop))
                    before = at + start
                    tails = found.tails
                    spaced = stop == len(piece) and at + stop < end
                    _add(table, marked, found.pieces, at + start, " " if spaced else "")
            at += len(piece) + 1
        if known(pieces[-1]) is not None:  # a known last run: given a space after, as any other
            table[-1].whitespace_ = ""
        if linked:
            return _indexed(self._retokenized(text, table, linked))
        return _indexed(table, marked)

    def _retokenized(self, text: str, table: list[Tok], linked: list[tuple[int, int]]) -> list[Tok]:
        """The table with each stretch of runs that could hold a special case across two of
        them tokenized whole, as the tokenizer reads the text; no special case reaches past
        such a stretch, whose first and last runs have no such neighbour outside it. Past a
        few dozen stretches (a hostile text), the whole text is tokenized in one call."""
        stretches: list[tuple[int, int]] = []
        for start, end in linked:
            if stretches and start < stretches[-1][1]:  # shares a run with the one before
                stretches[-1] = (stretches[-1][0], end)
            else:
                stretches.append((start, end))
        if len(stretches) > _MAX_STRETCHES:
            return _tokens(self._tokenizer(text))
        starts = [t.idx for t in table]
        out: list[Tok] = []
        k = 0
        for start, end in stretches:
            out += table[k : bisect.bisect_left(starts, start)]
            k = bisect.bisect_left(starts, end)
            tokens = _tokens(self._tokenizer(text[start:end]))
            for tok in tokens:
                tok.idx += start
            if tokens and text[end : end + 1] == " ":
                tokens[-1].whitespace_ = " "
            out += tokens
        out += table[k:]
        return out

    def _across(self, tails: frozenset[str], heads: frozenset[str]) -> bool:
        """Could the last token of a run and the first of the next be a special case?"""
        return any((a, b) in self._pairs for a in tails for b in heads)

    def _learn(self, runs: Iterable[str]) -> dict[str, _Run]:
        """Tables of the runs not known yet: tokenized together, a line break apart (no
        special case holds one, so none spans two of them)."""
        new = [run for run in dict.fromkeys(runs) if run not in self._known]
        tokens = _tokens(self._tokenizer("\n".join(new)))
        learned = {}
        k, start = 0, 0
        for run in new:
            stop = start + len(run)
            pieces = []
            while k < len(tokens) and tokens[k].idx < stop:
                tok = tokens[k]
                pieces.append((tok.idx - start, tok.text, tok.lower, tok.marks))
                k += 1
            plain = self._plain(run)
            heads = frozenset((pieces[0][1], plain[0].text)) & self._seconds or _NONE
            tails = frozenset((pieces[-1][1], plain[-1].text)) & self._firsts or _NONE
            word, lower, marked = None, "", 0
            if len(pieces) == 1 and pieces[0][0] == 0:
                _, word, lower, marked = pieces[0]
            learned[run] = _Run(tuple(pieces), heads, tails, word, lower, marked, len(run) + 1)
            start = stop + 1
        if len(self._known) < self._kept:
            self._known.update(learned)
        return learned


def _add(table: list[Tok], marked: list[int], pieces: Pieces, at: int, after: str) -> None:
    """A run's tokens at offset `at`, the last followed by `after`, the marked ones noted."""
    for offset, word, lower, mark in pieces:
        if mark:
            marked.append(len(table))
        table.append(Tok(word, at + offset, "", lower, mark))
    table[-1].whitespace_ = after


def _plain(tokenizer: Tokenizer) -> Tokenizer:
    """The tokenizer without special cases: the tokens its special-case matcher reads."""
    return Tokenizer(
        tokenizer.vocab,
        rules={},
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )


def _special_pairs(tokenizer: Tokenizer, plain: Tokenizer) -> frozenset[tuple[str, str]]:
    """Neighbouring tokens inside a special case, as the tokenizer's matcher reads it."""
    pairs = set()
    for case in tokenizer.rules or {}:
        words = [t.text for t in plain(case)]
        pairs.update(pairwise(words))
    return frozenset(pairs)
