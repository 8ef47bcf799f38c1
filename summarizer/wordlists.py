"""Word lists kept as data files beside the code (summarizer/data/*.txt)."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, in file order."""
    raw = files("summarizer").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(
        line.strip()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def load_set(name: str) -> frozenset[str]:
    """A data file as a lower-cased set, for membership tests."""
    return frozenset(line.lower() for line in load_lines(name))


@cache
def load_table(name: str) -> dict[str, str]:
    """A data file of `key<TAB or |>value` lines as a lower-cased key map."""
    table: dict[str, str] = {}
    for line in load_lines(name):
        key, _, value = line.partition("|")
        table[key.strip().lower()] = value.strip()
    return table


# Asked of the same few thousand words over and over (titles, name parts).
@lru_cache(maxsize=65_536)
def norm_word(word: str) -> str:
    """A word as the word lists hold it: lower case, no final period, straight apostrophe."""
    return word.lower().rstrip(".").replace("’", "'")
