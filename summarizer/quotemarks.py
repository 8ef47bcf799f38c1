"""Pairing quotation marks into quoted stretches.

Marks are paired by kind (“ ” ‘ ’ « » " '), apostrophes are told apart from single
quotes, and an odd count never derails the rest: an unmatched mark is left alone.
A quotation still open when the next paragraph (or, in flattened text, the next
opening mark) begins is a segment that the next one continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text import Paragraph, trim_span

_MARKS = re.compile(r"[\"'“”‘’«»]")
_OPENING_SPACE = "([{—–-/"
_CLOSING_FOLLOW = ",.;:!?)]}—–-\"”'’…"
_OPENERS = '“«"‘'
# Single marks left open at once: news nests two or three; more are apostrophes, and each
# one kept would be read again at every later mark of the paragraph.
_MAX_OPEN = 16


# Hashable and never written once made, as if frozen; not frozen, because a frozen dataclass
# sets each field through object.__setattr__: three times the cost, for every quotation.
@dataclass(slots=True, unsafe_hash=True)
class Quoted:
    """A stretch between quotation marks; start/end exclude the marks and outer spaces."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None: the segment was ended by the next paragraph's opening mark
    paragraph: int
    depth: int
    single: bool
    continued: bool  # continues the previous segment (same speaker)


@dataclass(slots=True)
class _Open:
    at: int
    single: bool
    depth: int
    continued: bool


def _emit(
    out: list[Quoted], text: str, mark: _Open, close_at: int | None, end: int, para: int
) -> None:
    start, stop = trim_span(text, mark.at + 1, end)
    if stop > start:
        out.append(
            Quoted(start, stop, mark.at, close_at, para, mark.depth, mark.single, mark.continued)
        )


def _opens_paragraph(text: str, para: Paragraph) -> bool:
    return text[para.start] in _OPENERS if para.start < para.end else False


def find_quoted(text: str, paras: list[Paragraph]) -> list[Quoted]:
    """Every paired quoted stretch, in text order (a nested one after its container)."""
    found: list[Quoted] = []
    carry = False  # the previous paragraph ended inside a quotation that this one continues
    for n, para in enumerate(paras):
        stack: list[_Open] = []
        continues_next = n + 1 < len(paras) and _opens_paragraph(text, paras[n + 1])
        for m in _MARKS.finditer(text, para.start, para.end):
            i, ch = m.start(), m.group()
            prev = text[i - 1] if i > para.start else " "
            nxt = text[i + 1] if i + 1 < para.end else " "
            after_space = prev.isspace() or prev in _OPENING_SPACE or prev in '"“«'
            before_space = nxt.isspace() or nxt in _CLOSING_FOLLOW
            if ch in "'‘’":
                double_open = None  # not read for a single mark: the stack is not searched
            else:
                double_open = next((k for k in range(len(stack)) if not stack[k].single), None)
            if ch in "“«" or (ch == '"' and double_open is None):
                if ch == '"' and nxt.isspace():
                    continue  # a stray mark
                stack = [s for s in stack if s.single]  # a new opening ends an unclosed one
                stack.append(_Open(i, False, len(stack), carry))
                carry = False
            elif ch in "”»" or ch == '"':
                if double_open is None:
                    continue
                if ch == '"' and after_space and not before_space:
                    # Flattened paragraphs: an opening mark while one is open starts a new
                    # segment of the same quotation.
                    old = stack[double_open]
                    _emit(found, text, old, None, i, n)
                    stack = stack[:double_open]
                    stack.append(_Open(i, False, len(stack), True))
                    continue
                if ch == '"' and after_space and not _after_single_close(text, i, para.start):
                    continue  # a stray mark between spaces
                _close_singles_above(stack, double_open)
                _emit(found, text, stack[double_open], i, i, n)
                del stack[double_open:]
            else:
                letter_before, letter_after = prev.isalnum(), nxt.isalnum()
                if letter_before and letter_after:
                    continue  # don't, O'Brien
                top_single = stack[-1] if stack and stack[-1].single else None
                if top_single is not None and not after_space and before_space:
                    if (
                        ch == "’"
                        and prev == "s"
                        and nxt == " "
                        and not _closes_later(text, i, para)
                    ):
                        continue  # players’ union
                    _emit(found, text, top_single, i, i, n)
                    stack.pop()
                elif ch in "‘'" and after_space and nxt.isalpha() and len(stack) < _MAX_OPEN:
                    stack.append(_Open(i, True, len(stack), False))
        carry = False
        open_double = [s for s in stack if not s.single]
        if open_double and continues_next:
            _emit(found, text, open_double[0], None, para.end, n)
            carry = True
    found.sort(key=lambda q: (q.open_at, q.depth))
    return found


def _after_single_close(text: str, i: int, floor: int) -> bool:
    """`… 'hold the bucket,' " the principal said`: a space between the two closing marks."""
    j = i - 1
    while j > floor and text[j] == " ":
        j -= 1
    return text[j] in "'’"


def _close_singles_above(stack: list[_Open], index: int) -> None:
    """Single marks still open when their container closes were apostrophes: forget them."""
    del stack[index + 1 :]


def _closes_later(text: str, i: int, para: Paragraph) -> bool:
    return text.find("’", i + 1, min(para.end, i + 300)) >= 0
