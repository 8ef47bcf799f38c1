"""Cheap lexical similarity between sentences: content words, TF-IDF, cosine.

The ranker needs "do these two sentences talk about the same thing?" for a few
hundred sentences in well under a millisecond, so this is a regex tokeniser, spaCy's
stop-word list and crude suffix stripping rather than a spaCy pass or embeddings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

# Possessive quantifiers: the same matches (nothing after them can fail), without the
# engine keeping backtracking points; a sixth faster over a sentence.
_TOKEN = re.compile(r"[a-z0-9]++(?:['’][a-z]++)*+")
_STOP = frozenset(w.replace("’", "'") for w in STOP_WORDS) | frozenset({"s", "t", "said", "says"})


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """Fold plurals, possessives and -ed/-ing: "strikes" meets "strike", "killed" "killing".

    Deliberately crude (no Porter): it only has to make the same word match itself.
    """
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    n = len(word)
    if n > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if n > 5 and word.endswith("ing"):
        return word[:-3]
    if n > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(sentence: str) -> list[str]:
    """Lower-cased word tokens ("U.S." gives two; close enough for counting and matching)."""
    return _TOKEN.findall(sentence.lower())


class _Terms(dict[str, str]):
    """Each token's term ("" for a stop word), kept across articles: news repeats its words,
    and a dictionary lookup per token is the ranker's cheapest step. A token not seen yet is
    worked out on the lookup. Bounded like spaCy's cache."""

    KEPT = 100_000

    def __missing__(self, token: str) -> str:
        term = "" if token in _STOP else stem(token)
        if term in _STOP:
            term = ""
        if len(self) < self.KEPT:
            self[token] = term
        return term


_TERMS = _Terms()


def content_terms(tokens: list[str]) -> list[str]:
    """Stemmed tokens that are not stop words (numbers kept: news is numbers)."""
    return list(filter(None, map(_TERMS.__getitem__, tokens)))


def tfidf_similarity(term_lists: list[list[str]]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors, sentences as the documents; the diagonal is 0.

    IDF comes from the article itself, so words the whole article repeats (its subject)
    weigh less than the words two sentences share between themselves.
    """
    n = len(term_lists)
    vocab: dict[str, int] = {}
    ids: list[int] = []
    for terms in term_lists:
        ids += [vocab.setdefault(term, len(vocab)) for term in terms]
    if not ids:
        return np.zeros((n, n))
    # Term frequencies by counting (sentence, term) keys in one call, not a dict per sentence.
    size = len(vocab)
    sentence_of = np.repeat(np.arange(n), [len(terms) for terms in term_lists])
    keys, tfs = np.unique(sentence_of * size + np.array(ids), return_counts=True)
    row = keys // size
    col = keys - row * size
    df = np.bincount(col, minlength=size)
    weight = (1.0 + np.log(tfs)) * (np.log((1 + n) / (1 + df)) + 1.0)[col]
    norm = np.sqrt(np.bincount(row, weight * weight, minlength=n))
    weight /= norm[row]
    # Words in one sentence only change its norm; leaving them out keeps the product small
    # (a 300-sentence text has a few thousand words but only a few hundred shared ones).
    shared = df[col] > 1
    shared_ids = np.cumsum(df > 1) - 1
    matrix = np.zeros((n, max(1, int((df > 1).sum()))))
    matrix[row[shared], shared_ids[col[shared]]] = weight[shared]
    sim = matrix @ matrix.T
    np.fill_diagonal(sim, 0.0)
    return sim


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller word set found in the other: 1.0 when one sentence repeats the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def tfidf_vectors(
    term_lists: Sequence[Sequence[str]], *, background: int = 0
) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors ({term: weight}) with the given documents as the collection.

    `background` counts extra documents that hold none of the terms: a small collection (two
    articles) cannot tell a common word from a rare one, and without them every word two
    documents share would weigh as if it were common. The weights do not depend on the order
    of the documents or of their terms (sums are math.fsum), so neither do cosines of them.
    """
    counts = [Counter(terms) for terms in term_lists]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    total = len(counts) + background
    vectors: list[dict[str, float]] = []
    for c in counts:
        raw = {
            t: (1.0 + math.log(tf)) * (math.log((1 + total) / (1 + df[t])) + 1.0)
            for t, tf in c.items()
        }
        norm = math.sqrt(math.fsum(w * w for w in raw.values()))
        vectors.append({t: w / norm for t, w in raw.items()} if norm else {})
    return vectors


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit-length sparse vectors: the same float whatever the key order."""
    if len(b) < len(a):
        a, b = b, a
    return math.fsum(w * b[t] for t, w in a.items() if t in b)


def runs(terms: Sequence[str], length: int) -> set[tuple[str, ...]]:
    """Every run of `length` consecutive terms: two texts sharing one quote each other."""
    return {tuple(terms[i : i + length]) for i in range(len(terms) - length + 1)}
