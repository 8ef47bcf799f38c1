"""Wire datelines: "WASHINGTON (AP) —" opens a story, not a point worth a bullet.

A dateline is a place in capitals (a region and a date may follow after commas) and an agency
in brackets, then a dash; or either of them alone (a place alone before a long dash). Only
the head of a sentence is looked at, and a sentence that would be left empty keeps its text.
"""

from __future__ import annotations

import re

_PLACE = r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*"
_LONG_PLACE = r"[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+)*"  # a first word of three letters or more
_REGION = r", [A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+)*"
_DATE = r", (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})?"
_AGENCY = r"\([A-Z][A-Za-z.&' ]{0,30}\)"
_DASH = r"(?:—|–|--?)"
_LONG_DASH = r"(?:—|–|--)"
# A place alone needs a long dash and a first word of three letters or more: "US - China talks"
# and "EU – UK trade" open no dateline.
_DATELINE = re.compile(
    rf"^\s*(?:(?:{_PLACE}(?:{_REGION})?(?:{_DATE})? ?)?{_AGENCY} ?{_DASH}"
    rf"|{_LONG_PLACE}(?:{_REGION})?(?:{_DATE})? ?{_LONG_DASH})\s+"
)


def without_dateline(sentence: str) -> str:
    """The sentence without a wire dateline at its head."""
    match = _DATELINE.match(sentence)
    if match is None or match.end() == len(sentence):
        return sentence
    return sentence[match.end() :]
