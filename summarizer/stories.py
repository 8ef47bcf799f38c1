"""Grouping many briefs into the stories of a digest, ranked by shares and recency (pure).

One brief comes in per share. Shares of the same article (the same URL, or the same text under
two URLs: same bullets and word count) are one article. Articles about the same event (the
same story from two outlets, a wire rewrite) are one story: they link when the TF-IDF cosine of
what their briefs say (title, bullets, quotations, the names of their actors) is high, a little
more readily when they quote the same words, and stories are built by average-link clustering,
so one loose link cannot chain two different stories together. Stories rank by their shares,
each weighed down by its age with a half-life.

Deterministic: no step depends on the order of the input beyond what is asked of it (the order
of a story's links and the last tie-break), nor on hash randomisation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from summarizer.digest_types import Digest, Story, StoryQuote
from summarizer.ranking import REDUNDANT_CONTAINMENT, REDUNDANT_COSINE
from summarizer.similarity import containment, content_terms, cosine, runs, tfidf_vectors, words
from summarizer.types import Brief, Quote
from summarizer.wordlists import load_set

# --- Grouping: tuned on the CNN validation file (1000 briefs; see tests/test_digest.py) ----------
# Two articles belong to one story when their cosine (plus the quote bonus) is at least this, and
# two groups merge when the average over all their pairs is. Measured on 150 random digests of
# 24 distinct CNN articles plus, for 3 of them, a second version (lead dropped, the other
# sentences swapped in pairs) and a copy under another URL: 449 of 450 versions grouped; 18
# groups of distinct articles formed, nearly all one ongoing story told twice (Germanwings,
# Clarkson, Nemtsov, Ferguson), a few different events (two attacks in Somalia). A version
# rebuilt from the article's highlights (short and reworded) groups 57% of the time. At 0.25
# that rises to 73% but twice as many distinct articles join (two football matches; the test
# day's Fed and ECB decisions score 0.27); at 0.35 it falls to 38%. The measure is lexical: a
# reworded version must still share names, numbers and key words.
LINK_THRESHOLD = 0.3
# Added to the cosine when two briefs quote the same words (QUOTE_RUN content words in a row):
# outlets covering one event quote the same statement, unrelated stories almost never do. Small,
# because the quotation's words already count in the cosine.
QUOTE_BONUS = 0.1
QUOTE_RUN = 4
# Pseudo-documents added to the IDF collection, none holding any word: without them a digest of
# two articles weighs every word they share as a common word. Measured on CNN digests of two
# articles: a highlights version groups with its article 52% of the time with them, 29%
# without (57% in 30-article digests, where they change little); random pairs of distinct
# articles never link either way (highest score 0.13).
BACKGROUND_DOCS = 30

# --- Ranking -----------------------------------------------------------------------------------
# Each share counts 0.5 ** (age / HALF_LIFE): a share from a day ago weighs half a fresh one,
# so in a daily digest two morning shares outrank one evening share (2 x 0.7 > 1), while in a
# weekly digest last week's shares fade.
HALF_LIFE = timedelta(hours=24)

# --- Story content -----------------------------------------------------------------------------
MAX_BULLETS = 3
# A headline made from a bullet is cut at a word boundary to this many characters, "…" included.
HEADLINE_CHARS = 120
# A key quote says something: fragments and scare quotes ("fine,", "lying in wait") are shorter.
MIN_QUOTE_WORDS = 4
UNTITLED = "Untitled article"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CUT_PUNCTUATION = ",;:-–—([{“‘"
# Lower-case words that belong inside names ("Rubén del Campo", "Ludwig van Beethoven").
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "van", "von"}
)


@dataclass(frozen=True, slots=True)
class _Share:
    index: int  # position in the input
    brief: Brief
    at: datetime  # when it was shared (or published); the oldest time seen when unknown
    dated: bool  # False when no time was known for it


@dataclass(frozen=True, slots=True)
class _Article:
    shares: tuple[_Share, ...]  # oldest first

    @property
    def brief(self) -> Brief:
        return self.shares[0].brief

    @property
    def first(self) -> tuple[datetime, int]:
        return self.shares[0].at, self.shares[0].index

    @property
    def title(self) -> str | None:
        return next((t for t in (_clean(s.brief.title) for s in self.shares) if t), None)


def digest(
    briefs: Sequence[Brief],
    *,
    now: datetime | None = None,
    shared_at: Sequence[datetime] | None = None,
) -> Digest:
    """The stories in `briefs` (one per share), most important first.

    `shared_at[i]` is when briefs[i] was shared; without it a brief's `published` date stands in.
    Ages are measured to `now`, else to the latest time seen. With a half-life the order does
    not depend on that reference (every weight scales alike); `now` only keeps a share dated
    after it (a skewed clock) from counting as more than fresh.
    """
    ranked = _ranked(briefs, now, shared_at)
    stories = [_story(group) for group in ranked]
    articles = sum(len(group) for group in ranked)
    return Digest(article_count=articles, story_count=len(stories), stories=stories)


def story_members(
    briefs: Sequence[Brief],
    *,
    now: datetime | None = None,
    shared_at: Sequence[datetime] | None = None,
) -> list[list[int]]:
    """The input positions of each story's briefs, in the order digest() gives the stories."""
    ranked = _ranked(briefs, now, shared_at)
    return [sorted(s.index for a in group for s in a.shares) for group in ranked]


def _ranked(
    briefs: Sequence[Brief], now: datetime | None, shared_at: Sequence[datetime] | None
) -> list[list[_Article]]:
    if shared_at is not None and len(shared_at) != len(briefs):
        raise ValueError(f"shared_at has {len(shared_at)} times for {len(briefs)} briefs")
    if not briefs:
        return []
    shares = _shares(briefs, shared_at)
    groups = _cluster(_articles(shares))
    reference = _utc(now) if now is not None else max(s.at for s in shares)
    dated = any(s.dated for s in shares)
    # Keys are unique (they end in an input index), so groups themselves are never compared.
    return [group for _, group in sorted((_story_key(g, reference, dated), g) for g in groups)]


def story_groups(briefs: Sequence[Brief], *, of: int | None = None) -> list[list[int]]:
    """The digest's own grouping, as the input positions of each story's briefs (sorted, the
    groups by their first position): what decides "same story" for What's new. With `of`,
    only the groups that could hold briefs[of] are formed (theirs among them)."""
    if not briefs:
        return []
    articles = _articles(_shares(briefs, None))
    clusters = _cluster(articles, of)
    return sorted(sorted(s.index for a in group for s in a.shares) for group in clusters)


# --- Shares and articles -----------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    """Aware UTC; a naive time is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return _utc(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None


def _shares(briefs: Sequence[Brief], shared_at: Sequence[datetime] | None) -> list[_Share]:
    """Every share with a time: an unknown time counts as the oldest one seen (no evidence of
    freshness), or the epoch when no share has a time (then recency plays no part)."""
    times = [
        _utc(shared_at[i]) if shared_at is not None else _published(b.published)
        for i, b in enumerate(briefs)
    ]
    known = [t for t in times if t is not None]
    oldest = min(known) if known else _EPOCH
    return [
        _Share(i, b, t if t is not None else oldest, t is not None)
        for i, (b, t) in enumerate(zip(briefs, times, strict=True))
    ]


def _identity(brief: Brief) -> tuple[object, ...] | None:
    """What makes two briefs the same text: the same bullets and word count (or quotes)."""
    if brief.bullets:
        return ("bullets", brief.word_count, tuple(b.text for b in brief.bullets))
    if brief.quotes:
        return ("quotes", brief.word_count, tuple(q.text for q in brief.quotes))
    return None


def _articles(shares: list[_Share]) -> list[_Article]:
    """Shares joined into articles by URL or by identical text (union-find), oldest first."""
    parent = list(range(len(shares)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[object, ...], int] = {}
    for share in shares:
        keys: list[tuple[object, ...]] = []
        if share.brief.url:
            keys.append(("url", share.brief.url))
        identity = _identity(share.brief)
        if identity is not None:
            keys.append(identity)
        for key in keys:
            if key in seen:
                a, b = root(seen[key]), root(share.index)
                parent[max(a, b)] = min(a, b)
            else:
                seen[key] = share.index
    members: dict[int, list[_Share]] = {}
    for share in shares:
        members.setdefault(root(share.index), []).append(share)
    articles = [_Article(tuple(sorted(m, key=_share_order))) for m in members.values()]
    return sorted(articles, key=lambda a: a.first)


def _share_order(share: _Share) -> tuple[datetime, int]:
    return share.at, share.index


# --- Grouping ----------------------------------------------------------------------------------


def _terms(article: _Article) -> list[str]:
    """What the brief says, as content terms: titles, bullets, quotations, actors' names.

    Places are left out of the names (two stories in one country are not one story); their
    words still count where the bullets say them.
    """
    brief = article.brief
    titles = dict.fromkeys(t for t in (_clean(s.brief.title) for s in article.shares) if t)
    parts = [
        *titles,
        *(b.text for b in brief.bullets),
        *(q.text for q in brief.quotes),
        *(a.name for a in brief.actors if a.kind != "place"),
    ]
    return content_terms(words(" ".join(parts)))


def _quote_runs(brief: Brief) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for q in brief.quotes:
        found |= runs(content_terms(words(q.text)), QUOTE_RUN)
    return found


def _content_key(article: _Article) -> tuple[object, ...]:
    """An order of articles that depends only on what they are, never on the input order."""
    brief = article.brief
    return (
        tuple(b.text for b in brief.bullets),
        brief.word_count,
        tuple(q.text for q in brief.quotes),
        article.title or "",
        brief.url or "",
        article.first[1],
    )


def _cluster(articles: list[_Article], seed: int | None = None) -> list[list[_Article]]:
    """Average-link clustering of the articles at LINK_THRESHOLD (with `seed`, an input
    position: only the stories of its connected component, the same as in the whole).

    Two groups can only average above the threshold if some pair across them is above it, so
    the clustering runs inside each connected component of the pairs above it: exact, and
    cheap because components are small. Pairs are scored when first needed.
    """
    ordered = sorted(articles, key=_content_key)
    n = len(ordered)
    vectors = tfidf_vectors([_terms(a) for a in ordered], background=BACKGROUND_DOCS)
    quoted = [_quote_runs(a.brief) for a in ordered]
    scores: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            bonus = QUOTE_BONUS if quoted[i] & quoted[j] else 0.0
            scores[key] = cosine(vectors[i], vectors[j]) + bonus
        return scores[key]

    starts: Sequence[int] = range(n)
    if seed is not None:
        starts = [next(i for i, a in enumerate(ordered) if seed in (s.index for s in a.shares))]
    groups: list[list[int]] = []
    placed = [False] * n
    for start in starts:
        if placed[start]:
            continue
        component, stack = [], [start]
        placed[start] = True
        while stack:
            i = stack.pop()
            component.append(i)
            for j in range(n):
                if not placed[j] and score(i, j) >= LINK_THRESHOLD:
                    placed[j] = True
                    stack.append(j)
        groups.extend(_average_link(sorted(component), score))
    return [sorted((ordered[i] for i in g), key=lambda a: a.first) for g in groups]


def _average_link(items: list[int], score: Callable[[int, int], float]) -> list[list[int]]:
    clusters = [[i] for i in items]
    while len(clusters) > 1:
        best, pair = LINK_THRESHOLD, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                total = math.fsum(score(i, j) for i in clusters[x] for j in clusters[y])
                mean = total / (len(clusters[x]) * len(clusters[y]))
                if mean >= best and (pair is None or mean > best):
                    best, pair = mean, (x, y)
        if pair is None:
            break
        x, y = pair
        clusters[x] = sorted(clusters[x] + clusters[y])
        del clusters[y]
    return clusters


# --- Ranking -----------------------------------------------------------------------------------


def _story_key(
    group: list[_Article], reference: datetime, dated: bool
) -> tuple[float, int, datetime, int]:
    """Most weight first, then most shares, then the story shared first (by time, then by its
    place in the input, which is the order of sharing when times are equal or unknown)."""
    shares = [s for a in group for s in a.shares]
    if dated:
        half_life = HALF_LIFE.total_seconds()
        weight = math.fsum(
            0.5 ** (max(0.0, (reference - s.at).total_seconds()) / half_life) for s in shares
        )
    else:
        weight = float(len(shares))
    first = min(_share_order(s) for s in shares)
    return (-weight, -len(shares), first[0], first[1])


# --- Story content -----------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def clip(text: str, limit: int = HEADLINE_CHARS) -> str:
    """`text` in at most `limit` characters, cut at a word boundary with "…" (never mid-word).

    A single word longer than the limit (a URL) is the only thing ever cut inside.
    """
    text = _clean(text)
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]
    head = head.rstrip().rstrip(_CUT_PUNCTUATION).rstrip()
    return f"{head}…"


def _representative(group: list[_Article]) -> list[_Article]:
    """The story's articles, the one that speaks for it first: most shared, then earliest."""
    return sorted(group, key=lambda a: (-len(a.shares), a.first))


def _headline(group: list[_Article]) -> tuple[str, str | None]:
    """The headline, and the bullet it was made from (not repeated below it, even when the
    headline had to cut it: the cut bullet under its own start reads as a stutter)."""
    order = _representative(group)
    title = next((t for t in (a.title for a in order) if t), None)
    if title:
        return clip(title), None
    bullet = next((_clean(a.brief.bullets[0].text) for a in order if a.brief.bullets), "")
    if bullet:
        return clip(bullet), bullet
    return UNTITLED, None


def _bullets(order: list[_Article], used: str | None) -> list[str]:
    """Up to MAX_BULLETS bullets of the representative brief, then of the others, none twice."""
    chosen: list[str] = []
    chosen_terms: list[list[str]] = []
    for rank, article in enumerate(order):
        for bullet in article.brief.bullets:
            if len(chosen) >= MAX_BULLETS:
                return chosen
            text = _clean(bullet.text)
            if not text or text == used:
                continue
            terms = content_terms(words(text))
            # One brief's bullets never repeat each other (the ranker saw to it); another
            # outlet's version of the story repeats them in its own words.
            if rank and any(_redundant(terms, other) for other in chosen_terms):
                continue
            chosen.append(text)
            chosen_terms.append(terms)
    return chosen


def _redundant(a: list[str], b: list[str]) -> bool:
    if containment(set(a), set(b)) >= REDUNDANT_CONTAINMENT:
        return True
    vectors = tfidf_vectors([a, b])
    return cosine(vectors[0], vectors[1]) >= REDUNDANT_COSINE


def _named(quote: Quote, brief: Brief) -> bool:
    """Whether the speaker is a name ("Dana Whitfield", "FBI"), not a description ("bank's
    governing council", "Nigeria's museums director", "Prosecutors").

    A name is capitalised words (particles such as "del" aside); a single word only when it
    is an acronym or a person among the brief's actors ("Kaka"), since a lone capitalised
    word is as often a role ("President") as a name.
    """
    parts = (quote.speaker or "").split()
    if not parts or not all(p[:1].isupper() or p in _NAME_PARTICLES for p in parts):
        return False
    if not parts[0][:1].isupper() or " ".join(parts).lower() in _roles():
        return False
    if len(parts) > 1:
        return True
    word = parts[0]
    if len(word) > 1 and word.isupper():
        return True
    return any(a.kind == "person" and a.name == word for a in brief.actors)


@cache
def _roles() -> frozenset[str]:
    """Titles and unnamed-source nouns: a speaker that is only one of these is not named."""
    return load_set("titles.txt") | load_set("source_nouns.txt")


def _quote(order: list[_Article]) -> StoryQuote | None:
    """The first (most important) quote with a named speaker, the representative brief first;
    failing that one with any speaker; short fragments only when nothing else has one."""
    tests = (
        lambda q, b: _named(q, b) and _long(q),
        lambda q, b: bool(q.speaker) and _long(q),
        lambda q, b: bool(q.speaker),
    )
    for test in tests:
        for article in order:
            for q in article.brief.quotes:
                text = _clean(q.text).rstrip(",").rstrip()
                if text and test(q, article.brief):
                    return StoryQuote(text=text, speaker=_clean(q.speaker))
    return None


def _long(quote: Quote) -> bool:
    return len(words(quote.text)) >= MIN_QUOTE_WORDS


def _story(group: list[_Article]) -> Story:
    order = _representative(group)
    headline, used = _headline(group)
    shares = sorted((s for a in group for s in a.shares), key=_share_order)
    urls = list(dict.fromkeys(s.brief.url for s in shares if s.brief.url))
    titles = list(dict.fromkeys(t for t in (_clean(s.brief.title) for s in shares) if t))
    return Story(
        headline=headline,
        bullets=_bullets(order, used),
        quote=_quote(order),
        urls=urls,
        titles=titles,
        articles=len(group),
        shares=len(shares),
    )
