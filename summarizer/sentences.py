"""Sentence boundaries that know news abbreviations and quotations.

Splits only where a period, "!" or "?" is followed by a capitalised word, unless the
word before is an abbreviation (Mr., Gen., Jan.), an initial (George W. Bush), or
"No." before a number. After an initialism (U.S., p.m.) it splits only when the next
word is a function word that starts sentences ("The", "He"). A closed quotation is
kept in one sentence with its attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.quotemarks import Quoted, find_quoted
from summarizer.text import MAX_READ_CHARS, Paragraph, paragraphs
from summarizer.wordlists import load_set

# "." "!" "?" runs or one "…", then closing marks. Written to open with a character class
# (rather than the alternation `(?:[.!?]+|…)`, which matches the same) so that the regex
# engine skips straight to the next candidate: three times faster on news text.
_BOUNDARY = re.compile(r"[.!?…](?:(?<=[.!?])[.!?]*)?[\"'”’)\]]*(?=\s*•|\s+[\"'“‘(\[]?[A-Z0-9])")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([\w'’]+)")
# A closed quotation longer than this may hold sentence breaks (it reads as paragraphs).
_MAX_QUOTE_KEPT_WHOLE = 700
# Longer stretches without a sentence break are cut at white space. No news sentence comes
# near it (the longest in the CNN and PolNeAR sets is 1,094 characters), and it bounds what
# every per-sentence rule sees, so unpunctuated text costs time in proportion to its length.
MAX_SENTENCE_CHARS = 2_000


# Hashable and never written once made, as if frozen; not frozen, because a frozen dataclass
# sets each field through object.__setattr__: four times the cost, for every sentence read.
@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int


def _is_break(text: str, at: int, para_start: int) -> bool:
    """`at` is just past the punctuation (and closing marks) of a candidate boundary."""
    space = text.rfind(" ", para_start, at)
    token = text[max(space + 1, para_start) : at].rstrip("\"'”’)]")
    if not token.endswith(".") or token.endswith(".."):
        return True  # "!", "?", an ellipsis
    bare = token.rstrip(".").lstrip("\"'“‘([")
    lower = bare.lower()
    if lower == "no" and _next_word(text, at)[:1].isdigit():
        return False
    if len(bare) == 1 and bare.isupper():
        return False  # an initial: George W. Bush
    if "." in bare and _INITIALISM.match(bare):  # most words hold no inner period
        return _next_word(text, at) in STOP_WORDS
    if lower in _ABBREVIATIONS:
        return lower in _ALSO_SENTENCE_FINAL and _next_word(text, at) in STOP_WORDS
    return True  # most candidates: a word that is none of these ("said."): no word read on


def _next_word(text: str, at: int) -> str:
    """The word after a candidate boundary, lower-cased ("" when none)."""
    nxt = _NEXT_WORD.match(text, at)
    return nxt.group(1).lower() if nxt else ""


_ABBREVIATIONS = load_set("abbreviations.txt")
# Abbreviations that often end a sentence too ("... Apple Inc. The company").
_ALSO_SENTENCE_FINAL = frozenset(
    {"no", "co", "inc", "corp", "ltd", "etc", "jr", "sr", "plc", "llc"}
)


def split_sentences(text: str, paras: list[Paragraph], quoted: list[Quoted]) -> list[Sentence]:
    kept_whole = [
        (q.open_at, q.close_at)
        for q in quoted
        if q.close_at is not None and q.close_at - q.open_at <= _MAX_QUOTE_KEPT_WHOLE
    ]
    sentences: list[Sentence] = []
    k = 0
    for para in paras:
        start = para.start
        for m in _BOUNDARY.finditer(text, para.start, para.end):
            at = m.end()
            last = at - 1  # the last punctuation or closing mark of the candidate
            while k < len(kept_whole) and kept_whole[k][1] < last:
                k += 1
            if k < len(kept_whole) and kept_whole[k][0] < last < kept_whole[k][1]:
                continue  # inside a quotation kept whole
            if text[m.start()] in "!?" and _cue_follows(text, at):
                continue
            if not _is_break(text, at, para.start):
                continue
            _append(sentences, text, start, at, para.index)
            start = at
            while start < para.end and (text[start].isspace() or text[start] == "•"):
                start += 1
        if start < para.end:
            _append(sentences, text, start, para.end, para.index)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    """The sentence, in pieces of at most MAX_SENTENCE_CHARS cut at white space."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS  # one giant word
        sentences.append(Sentence(len(sentences), start, cut, para))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        sentences.append(Sentence(len(sentences), start, end, para))


_CUE_AFTER = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|told|added|wrote)\b")


def _cue_follows(text: str, at: int) -> bool:
    """`"Why now?" Smith asked.` stays one sentence."""
    return _CUE_AFTER.match(text, at, at + 80) is not None


def read_sentences(text: str) -> tuple[list[Sentence], list[Quoted]]:
    """The engine's sentences and quotations of a text, for the tools that rank or time
    sentences as the engine does (the engine itself checks the text between the steps)."""
    paras = paragraphs(text, min(len(text), MAX_READ_CHARS))
    quoted = find_quoted(text, paras)
    return split_sentences(text, paras, quoted), quoted
