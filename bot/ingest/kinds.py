"""Which content types Briefbot reads, and how to name the others in a sentence for a person."""

from __future__ import annotations

READABLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})

_NAMED = {
    "application/pdf": "a PDF",
    "application/json": "JSON data",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a file of unknown type",
    "application/msword": "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word document",
    "application/rss+xml": "a news feed",
    "application/atom+xml": "a news feed",
    "text/csv": "a CSV spreadsheet",
    "text/xml": "XML data",
    "application/xml": "XML data",
}
_FAMILIES = {"image": "an image", "video": "a video", "audio": "a sound file", "font": "a font"}


def describe(mimetype: str) -> str:
    """A phrase for a content type: 'a PDF', 'an image', 'a file of type x/y'."""
    mimetype = mimetype.lower()
    if mimetype in _NAMED:
        return _NAMED[mimetype]
    family = mimetype.split("/", 1)[0]
    return _FAMILIES.get(family, f"a file of type {mimetype}")
