"""Choosing the bullets: which sentences of an article, read alone, tell its story.

News puts its point first, so a position prior leads; centrality refines it (PacSum:
a sentence matters when later sentences come back to it); a length prior prefers
sentences of headline-like length. Then readability: a sentence that leans on the one
before ("But …", "He …"), a question, a caption or a sentence that is mostly one
quotation is a weaker bullet, and two bullets never say the same thing.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from summarizer.quotemarks import Quoted
from summarizer.sentences import Sentence
from summarizer.similarity import containment, content_terms, tfidf_similarity, words
from summarizer.wordlists import load_lines

# Only the first sentences are ranked: news rarely keeps its point for the end, and this
# keeps a 40,000-word text as cheap as a long article (the similarity matrix is n²).
MAX_RANKED = 300
MIN_BULLETS = 3
# Fewer than this many words is a fragment ("Why?", "Social media ."), never a bullet.
MIN_WORDS = 5

# --- Tuned on the CNN validation file as a whole (python -m summarizer.evaluate) ---
# Position prior (1 + i) ** -POSITION_DECAY: the lead matters most, but the prior fades
# slowly enough that a sentence the rest of the story keeps returning to can still win.
POSITION_DECAY = 0.5
# Log-normal length prior peaking at LENGTH_PEAK words (highlight-like sentences), width
# LENGTH_SPREAD in log space: 7 and 28 words score about 0.6, 40-word run-ons about 0.3.
LENGTH_PEAK = 14.0
LENGTH_SPREAD = 0.7
# PacSum edges: a similarity counts only above this share of the article's similarity
# range, which drops the weakest overlaps (a single shared common word).
EDGE_THRESHOLD = 0.05

# --- Fixed by reading, not tuned ---
# Centrality multiplies the priors; this floor only orders sentences that nothing later
# repeats (any value from 0.01 to 0.1 scores the same on the validation file). Counting
# edges to earlier sentences against a sentence (PacSum's backward weight) did not help.
CENTRALITY_FLOOR = 0.05
# Multipliers for weaker bullets.
DEPENDENT_FACTOR = 0.6  # "But …", "He …": makes sense only after another sentence
QUESTION_FACTOR = 0.4  # a question tells the reader nothing
QUOTATION_FACTOR = 0.6  # mostly inside quotation marks: a voice, not the news
QUOTATION_SHARE = 0.6
# Two sentences are the same bullet when their TF-IDF cosine or their word-set
# containment is this high.
REDUNDANT_COSINE = 0.5
REDUNDANT_CONTAINMENT = 0.75


@dataclass(frozen=True, slots=True)
class Openers:
    """Dependent openers and their exceptions, from data/dependent_openers.txt."""

    dependent: frozenset[tuple[str, ...]]
    exceptions: frozenset[tuple[str, ...]]
    longest: int


@cache
def _openers() -> Openers:
    dependent, exceptions = set(), set()
    for line in load_lines("dependent_openers.txt"):
        if line.startswith("!"):
            exceptions.add(tuple(_opener_words(line[1:])))
        else:
            dependent.add(tuple(_opener_words(line)))
    longest = max(len(p) for p in dependent | exceptions)
    return Openers(frozenset(dependent), frozenset(exceptions), longest)


@cache
def _weak_pattern() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{line})" for line in load_lines("weak_sentences.txt"))
    return re.compile(rf"^(?:{alternatives})$", re.IGNORECASE)


_LEAD_WORDS = re.compile(r"[A-Za-z0-9]++(?:['’][A-Za-z]++)*+")  # possessive: see similarity
# "It is unclear whether …", "It's official: …": a dummy "it" or one the sentence itself
# explains, not a pronoun for something said before.
_DUMMY_IT = re.compile(
    r"^[\"'“‘(\[]*it(?:['’]s| is| was| has been| had been| will be| would be| remains| seems"
    r"| appears)\s+(?:(?:[\w-]+\s+){0,4}?(?:that|to|whether|if|how|why|when|what|who)\b"
    r"|[^:.]{1,40}:\s)",
    re.IGNORECASE,
)


_CONTRACTED_IS = frozenset({"it", "that", "what", "there", "here", "he", "she", "who"})


def _opener_words(text: str) -> list[str]:
    """Lower-cased words, with "it's" read as "it is" so data lines and text agree."""
    out: list[str] = []
    for word in _LEAD_WORDS.findall(text):
        word = word.lower().replace("’", "'")
        if word.endswith("'s") and word[:-2] in _CONTRACTED_IS:
            out += [word[:-2], "is"]
        else:
            out.append(word)
    return out


def is_dependent(sentence: str) -> bool:
    """True when the sentence opens with a word that points back to an earlier sentence."""
    openers = _openers()
    words = _opener_words(sentence[:80])[: openers.longest]
    for n in range(len(words), 0, -1):
        phrase = tuple(words[:n])
        if phrase in openers.exceptions:
            return False
        if phrase in openers.dependent:
            return not (phrase == ("it",) and _DUMMY_IT.match(sentence))
    return False


def is_weak(sentence: str) -> bool:
    """Captions, credits and furniture ("CNN's X contributed to this report.")."""
    return _weak_pattern().match(" ".join(sentence.split())) is not None


def is_question(sentence: str) -> bool:
    return sentence.rstrip().rstrip("\"'”’)]").endswith("?")


def quoted_share(start: int, end: int, quoted: list[Quoted]) -> float:
    """Share of [start, end) inside top-level quotation marks."""
    if end <= start:
        return 0.0
    inside = 0
    for q in quoted:
        if q.depth or q.end <= start:
            continue
        if q.start >= end:
            break
        inside += min(end, q.end) - max(start, q.start)
    return inside / (end - start)


# Read as views for every article (np.triu and np.eye made new ones each time).
_LATER = np.triu(np.ones((MAX_RANKED, MAX_RANKED), dtype=bool), 1)


def position_prior(n: int) -> np.ndarray:
    return (1.0 + np.arange(n, dtype=np.float64)) ** -POSITION_DECAY


def length_prior(words: np.ndarray) -> np.ndarray:
    """Highest near a headline-like length; very long run-ons and short fragments fade."""
    logs = np.log(np.maximum(words, 1.0) / LENGTH_PEAK) / LENGTH_SPREAD
    return np.exp(-0.5 * logs * logs)


def directed_centrality(sim: np.ndarray) -> np.ndarray:
    """PacSum, forward edges only: sentence i matters as much as later sentences repeat it.

    Scaled to 0..1 (all 0 for an article whose sentences share nothing).
    """
    n = sim.shape[0]
    if n < 2:
        return np.zeros(n)
    later = _LATER[:n, :n]  # j > i: the sentences after each one
    off = sim[later]  # each pair once (sim is symmetric), the diagonal left out
    low, high = float(off.min()), float(off.max())
    if high <= 0:
        return np.zeros(n)
    edges = np.where(sim > low + EDGE_THRESHOLD * (high - low), sim, 0.0)
    central = (edges * later).sum(axis=1)
    top = float(central.max())
    return central / top if top > 0 else central


def bullet_count(total_words: int, limit: int) -> int:
    """Three bullets for a short story, a fourth and fifth as it grows (one per ~400 words)."""
    return max(min(MIN_BULLETS, limit), min(limit, MIN_BULLETS + total_words // 400))


def readability(
    sentence: Sentence, body: str, word_count: int, quoted: list[Quoted]
) -> tuple[float, bool]:
    """How well a sentence stands alone as a bullet (1 fine, lower weaker, 0 never), and
    whether it leans on the sentence before (asked once: the choice needs it again)."""
    if word_count < MIN_WORDS or is_weak(body):
        return 0.0, False
    factor = 1.0
    leans = sentence.index > 0 and is_dependent(body)  # the first sentence leans on nothing
    if leans:
        factor *= DEPENDENT_FACTOR
    if is_question(body):
        factor *= QUESTION_FACTOR
    if quoted_share(sentence.start, sentence.end, quoted) >= QUOTATION_SHARE:
        factor *= QUOTATION_FACTOR
    return factor, leans


def select_bullets(
    text: str, sentences: list[Sentence], quoted: list[Quoted], limit: int = 5
) -> list[int]:
    """Indices of the sentences to show as bullets, chosen by importance, in article order
    (a story told out of order misleads: "Later that month" must follow what it follows)."""
    ranked = sentences[:MAX_RANKED]
    if not ranked or limit <= 0:
        return []
    bodies = [text[s.start : s.end] for s in ranked]
    tokens = [words(b) for b in bodies]
    counts = np.array([len(t) for t in tokens], dtype=np.float64)
    terms = [content_terms(t) for t in tokens]
    sim = tfidf_similarity(terms)
    score = position_prior(len(ranked)) * length_prior(counts)
    score *= CENTRALITY_FLOOR + directed_centrality(sim)

    wanted = bullet_count(int(counts.sum()), limit)
    # Readability only ever lowers a score, so it is checked lazily: a sentence reaching the
    # top is re-queued with its final score. Ties go to the earlier sentence.
    # An entry's third item is None until its readability is known, then whether it leans
    # on the sentence before (a sentence is in the queue once, so ties never compare it).
    queue: list[tuple[float, int, bool | None]] = [
        (-s, i, None) for i, s in enumerate(score.tolist())
    ]
    heapq.heapify(queue)
    chosen: list[int] = []
    term_sets: dict[int, set[str]] = {}
    while queue and len(chosen) < wanted:
        neg, i, leans = heapq.heappop(queue)
        if leans is None:
            factor, leans = readability(ranked[i], bodies[i], int(counts[i]), quoted)
            if factor > 0 and terms[i]:
                heapq.heappush(queue, (neg * factor, i, leans))
            continue
        if leans and i - 1 not in chosen:
            continue  # "Later that month, …" is read only after the sentence it follows
        mine = term_sets.setdefault(i, set(terms[i]))
        if any(
            sim[i, j] >= REDUNDANT_COSINE
            or containment(mine, term_sets[j]) >= REDUNDANT_CONTAINMENT
            for j in chosen
        ):
            continue  # says what a chosen bullet already says
        chosen.append(i)
    return sorted(ranked[i].index for i in chosen)
