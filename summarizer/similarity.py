"""Cheap lexical similarity between sentences: content words, TF-IDF, cosine.

The ranker needs "do these two sentences talk about the same thing?" for a few
hundred sentences in well under a millisecond, so this is a regex tokeniser, spaCy's
stop-word list and crude suffix stripping rather than a spaCy pass or embeddings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")
_STOP = frozenset(w.replace("’", "'") for w in STOP_WORDS) | frozenset({"s", "t", "said", "says"})


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """Fold plurals, possessives and -ed/-ing so "strikes", "strike" and "striking" meet.

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


def content_terms(sentence: str) -> list[str]:
    """Stemmed, lower-cased words that are not stop words (numbers kept: news is numbers)."""
    out = []
    for token in _TOKEN.findall(sentence.lower()):
        if token in _STOP:
            continue
        term = stem(token)
        if term and term not in _STOP:
            out.append(term)
    return out


def tfidf_similarity(term_lists: list[list[str]]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors, sentences as the documents; the diagonal is 0.

    IDF comes from the article itself, so words the whole article repeats (its subject)
    weigh less than the words two sentences share between themselves.
    """
    n = len(term_lists)
    counts = [Counter(terms) for terms in term_lists]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    # Words in a single sentence only change its norm; giving the others columns keeps
    # the matrix small (a 300-sentence text has a few thousand words, a few hundred shared).
    shared = {w: k for k, w in enumerate(w for w, d in df.items() if d > 1)}
    idf = {w: math.log((1 + n) / (1 + d)) + 1.0 for w, d in df.items()}
    matrix = np.zeros((n, max(1, len(shared))), dtype=np.float64)
    for i, c in enumerate(counts):
        norm = 0.0
        for w, tf in c.items():
            weight = (1.0 + math.log(tf)) * idf[w]
            norm += weight * weight
            col = shared.get(w)
            if col is not None:
                matrix[i, col] = weight
        if norm > 0:
            matrix[i] /= math.sqrt(norm)
    sim = matrix @ matrix.T
    np.fill_diagonal(sim, 0.0)
    return sim


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller word set found in the other: 1.0 when one sentence repeats the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
