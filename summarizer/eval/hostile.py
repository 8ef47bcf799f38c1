"""Hostile texts: the shapes that once made a brief take minutes, at any length.

Each shape is English enough to be briefed (function words, speech verbs) but built to
defeat an assumption a rule may make: that sentences end, that quotations are few, short
and flat, that words are short, that the text is in one script. The bench briefs each at
a given number of words beside an ordinary article of the same length (`--hostile`); the
property tests build small ones of their own.
"""

from __future__ import annotations

import random
from collections.abc import Callable

_PROSE = (
    "the government said it would not change the plan and the minister told the council "
    "that the new rules for the city would be in place by the end of the year while the "
    "mayor of the town and her staff were asked about the cost of the work"
)
_WORDS = _PROSE.split()
_NAMES = ["Jane Roe", "Tom Berg", "Ana Silva", "Rami al-Hasan", "Kim Soo-hyun", "Dana Cole"]
_FOREIGN = ["Москва", "сказал", "北京", "说", "القاهرة", "قال", "Ελλάδα", "είπε", "🙂", "東京"]


def _words(rng: random.Random, count: int) -> list[str]:
    return [rng.choice(_WORDS) for _ in range(count)]


def no_punctuation(words: int, seed: int = 0) -> str:
    """One sentence without `. ! ? ,`, a name and "said" every few words."""
    rng, out = random.Random(seed), []
    while len(out) < words:
        out += [*_words(rng, 6), *rng.choice(_NAMES).split(), "said"]
    return " ".join(out[:words])


def many_quotes(words: int, seed: int = 0) -> str:
    """One sentence without `. ! ? ,` holding thousands of short quotations and cues:
    the shape of issue 12 (cubic once: every quotation re-read the whole sentence)."""
    rng, out = random.Random(seed), []
    while len(out) < words:
        out += [f'"{" ".join(_words(rng, 3))}"', "said", *rng.choice(_NAMES).split()]
        out += [*_words(rng, 2), "told", "the", "council"]
    return " ".join(out[:words])


def nested_quotes(words: int, seed: int = 0) -> str:
    """Quotation marks of every kind opened inside each other, most never closed."""
    rng, out = random.Random(seed), []
    opens = ['"', "“", "‘", "'", "«"]
    closes = ['"', "”", "’", "'", "»"]
    depth = 0
    while len(out) < words:
        if rng.random() < 0.6 or depth == 0:
            out.append(rng.choice(opens) + rng.choice(_WORDS))
            depth += 1
        else:
            out.append(rng.choice(_WORDS) + rng.choice(closes))
            depth -= 1
        out += [*_words(rng, 2), "said", rng.choice(_NAMES).split()[-1]]
    return " ".join(out[:words])


def giant_word(words: int, seed: int = 0) -> str:
    """A short English sentence, then one word as long as the rest of the text would be."""
    head = "The minister said that the plan would go ahead. "
    return head + "a" * max(1, words * 6 - len(head))


def mixed_scripts(words: int, seed: int = 0) -> str:
    """English sentences interleaved with Cyrillic, Chinese, Arabic, Greek and emoji."""
    rng, out = random.Random(seed), []
    while len(out) < words:
        out += [*_words(rng, 5), rng.choice(_FOREIGN), rng.choice(_FOREIGN)]
        out += ['"' + " ".join(_words(rng, 3)), rng.choice(_FOREIGN) + '"', "said"]
        out += [*rng.choice(_NAMES).split(), rng.choice(".,;:!?")]
    return " ".join(out[:words])


def one_word_paragraphs(words: int, seed: int = 0) -> str:
    """Every word its own paragraph: the most paragraphs and sentences a text can have."""
    rng = random.Random(seed)
    return "\n\n".join(rng.choice([*_WORDS, "said", '"', "Roe"]) for _ in range(words))


def many_names(words: int, seed: int = 0) -> str:
    """Short sentences naming thousands of different people, each later by surname alone."""
    rng, out = random.Random(seed), []
    syllables = ["ka", "ro", "mi", "te", "sa", "lu", "vo", "ne", "di", "ba", "zu", "fe"]

    def name() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()

    while len(out) < words:
        first, last = name(), name()
        out += [first, last, "said", *_words(rng, 5), "and", last, "told", "the", "council."]
    return " ".join(out[:words])


SHAPES: dict[str, Callable[[int, int], str]] = {
    "no punctuation": no_punctuation,
    "many quotations": many_quotes,
    "nested quotations": nested_quotes,
    "one giant word": giant_word,
    "mixed scripts": mixed_scripts,
    "many names": many_names,
    "one-word paragraphs": one_word_paragraphs,
}


def ordinary(articles: list[str], words: int) -> str:
    """Ordinary news of about `words` words: whole articles joined as paragraphs."""
    out: list[str] = []
    count = 0
    for text in articles * (1 + words // max(1, sum(len(a.split()) for a in articles))):
        if count >= words:
            break
        out.append(text)
        count += len(text.split())
    return "\n\n".join(out)
