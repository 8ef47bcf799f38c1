"""Briefbot's summarizer: a pure library, text in and Brief out (no I/O, no asyncio)."""

from summarizer.briefing import Summarizer, summarize
from summarizer.digest_types import Digest, Story, StoryQuote
from summarizer.errors import (
    BriefError,
    EmptyTextError,
    NoSentencesError,
    NotEnglishError,
    TextTooLargeError,
    UndecodableTextError,
)
from summarizer.stories import digest
from summarizer.text import decode_text
from summarizer.types import Actor, Brief, Bullet, Position, Quote

# Stored beside every brief, so briefs made by an older engine can be told apart and remade.
VERSION = "0.2.0"

__all__ = [
    "VERSION",
    "Actor",
    "Brief",
    "BriefError",
    "Bullet",
    "Digest",
    "EmptyTextError",
    "NoSentencesError",
    "NotEnglishError",
    "Position",
    "Quote",
    "Story",
    "StoryQuote",
    "Summarizer",
    "TextTooLargeError",
    "UndecodableTextError",
    "decode_text",
    "digest",
    "summarize",
]
