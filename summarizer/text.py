"""Input hygiene: decoding, size limits, paragraphs, page furniture and datelines.

The text is never rewritten: everything here returns spans of the input, so quote
offsets stay true to what the caller passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from summarizer.errors import EmptyTextError, TextTooLargeError, UndecodableTextError
from summarizer.wordlists import load_lines

# Larger inputs are refused outright: nobody pastes a 1 MB article.
MAX_INPUT_CHARS = 1_000_000
# Only this much is analysed; the brief says so when more was given.
MAX_READ_CHARS = 200_000

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
# A word written in lower case: a capitalised run that is one is a common noun phrase.
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
_LOWER_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_LOWER_RUN = _LOWER_LETTERS | frozenset("'’-")
_DATELINE = re.compile(
    r"""^(?:
        (?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*)?  # Tokyo / Naypyidaw, Myanmar
        \((?:[A-Z][\w.&' ]{0,40})\)\s*(?:--|—|–|-)?\s*       # (CNN) / (AP) — / (Rolling Stone)
      | [A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,3}\s*(?:--|—|–)\s*  # WASHINGTON —
      | (?:January|February|March|April|May|June|July|August|September|October|November|December)
        \s+\d{1,2},\s+\d{4}\s+\.\s+                           # March 10, 2015 .
      | By\s+\.\s+[^.]{1,80}\s+\.\s+                           # By . Reporter .
    )""",
    re.VERBOSE,
)


# Page furniture ("Share this article") is a short paragraph: longer ones are never matched.
_FURNITURE_CHARS = 200


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int


def decode_text(data: bytes) -> str:
    """UTF-8 first, then Windows-1252; binary data (NULs, control bytes) is refused."""
    if b"\x00" in data:
        raise UndecodableTextError()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UndecodableTextError() from None
    controls = sum(1 for ch in text[:20_000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text[:20_000]) // 100):
        raise UndecodableTextError()
    return text


def check_size(text: str) -> None:
    if not text.strip():
        raise EmptyTextError()
    if len(text) > MAX_INPUT_CHARS:
        raise TextTooLargeError(len(text.encode("utf-8", "replace")), MAX_INPUT_CHARS)


@cache
def _boilerplate() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{line})" for line in load_lines("boilerplate.txt"))
    return re.compile(rf"^(?:{alternatives})$", re.IGNORECASE)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str, limit: int) -> list[Paragraph]:
    """Paragraphs as spans: blank-line blocks when the text has them, else one per line.

    Page furniture is dropped and the first paragraph starts after its dateline.
    """
    text_end = min(len(text), limit)
    if _BLANK_LINE.search(text, 0, text_end):
        bounds, pos = [], 0
        for m in _BLANK_LINE.finditer(text, 0, text_end):
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, text_end))
    else:
        bounds = [(m.start(), m.end()) for m in _LINE.finditer(text, 0, text_end)]
    furniture = _boilerplate()
    found: list[Paragraph] = []
    for raw_start, raw_end in bounds:
        start, end = trim_span(text, raw_start, raw_end)
        if start >= end:
            continue
        # Folding a head of the paragraph gives no more characters than folding it whole:
        # a long paragraph (most are) is told from furniture without reading all of it.
        body = " ".join(text[start : min(end, start + 2 * _FURNITURE_CHARS)].split())
        if len(body) < _FURNITURE_CHARS and end > start + 2 * _FURNITURE_CHARS:
            body = " ".join(text[start:end].split())
        if len(body) < _FURNITURE_CHARS and furniture.match(body):
            continue
        if not found:
            dateline = _DATELINE.match(text, start, end)
            if dateline and dateline.end() < end:
                start = dateline.end()
        found.append(Paragraph(len(found), start, end))
    return found


def clean(text: str) -> str:
    """Whitespace folded to single spaces: how a sentence is shown to a reader."""
    return " ".join(text.split())


# Each character as one byte: "a" a letter or digit a word starts at, " " any other. The others
# a word goes on over ("_", "'", "-") are deleted before the bytes are mapped.
_WORD_CLASSES = bytes(ord("a") if chr(b).isascii() and chr(b).isalnum() else 32 for b in range(256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _as_ascii(match: re.Match[str]) -> str:
    """Non-ASCII characters as ASCII ones of their class: a word goes on over letters and
    digits of other scripts (`\\w`) and "’", but starts at none of them."""
    return "".join("_" if ch.isalnum() or ch == "’" else " " for ch in match.group())


def word_count(text: str) -> int:
    """How many words `text` holds: matches of `[A-Za-z0-9][\\w'’-]*`, counted without the regex.

    Within a run of the characters a word goes on over, the first ASCII letter or digit starts
    a match that takes the rest of the run; so there is one word per run holding such a
    character. Mapped to one byte per class, with the others deleted, each such run is a run
    of "a" (a run without one vanishes), counted by the spaces before them: a tenth of the
    regex's time on news text.
    """
    if not text.isascii():
        text = _NON_ASCII.sub(_as_ascii, text)
    classes = text.encode("ascii").translate(_WORD_CLASSES, b"_'-")
    return classes.count(b" a") + classes.startswith(b"a")


def is_capitalised(word: str) -> bool:
    # a capital letter first settles it without scanning the word
    return word[:1].isupper() and (word[0].isalpha() or any(ch.isalpha() for ch in word))


def written_in_lower_case(text: str, word: str) -> bool:
    """Whether `word` is one of `_LOWER_WORD.findall(text)`, without reading the whole text.

    A match lies within one run of the characters it is made of, and the regex enters each
    run afresh, so reading only the runs that hold `word` (and the character after each,
    which decides the word boundary) finds the same matches there. Only a run where `word`
    stands between word boundaries can hold it as a match: most places it is found are
    inside longer words ("new" in "news"), told apart by the characters on either side.
    """
    if word[:1] not in _LOWER_LETTERS or not _LOWER_RUN.issuperset(word):
        return False  # no match is made of other characters
    ends_in_letter = word[-1].isalpha()
    at = text.find(word)
    while at >= 0:
        start, end = at, at + len(word)
        if (start == 0 or not _word_char(text[start - 1])) and (
            (end < len(text) and _word_char(text[end])) != ends_in_letter
        ):
            while start > 0 and text[start - 1] in _LOWER_RUN:
                start -= 1
            while end < len(text) and text[end] in _LOWER_RUN:
                end += 1
            if word in _LOWER_WORD.findall(text, start, end + 1):
                return True
        at = text.find(word, at + 1)
    return False


def _word_char(ch: str) -> bool:
    """What the regex `\\b` counts as a word character."""
    return ch.isalnum() or ch == "_"


class LowerCaseWords:
    """`written_in_lower_case` asked of many words of one text. The first questions read only
    the runs holding their word (cheap for an article's few names); past a budget, every
    lower-case word is collected once, so a text naming thousands is still read in linear time."""

    _BUDGET = 64

    def __init__(self, text: str) -> None:
        self.text = text
        self.asked = 0
        self.words: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self.words is None:
            self.asked += 1
            if self.asked <= self._BUDGET:
                return written_in_lower_case(self.text, word)
            self.words = frozenset(_LOWER_WORD.findall(self.text))
        return word in self.words
