"""Hostile text (issue 12): any accepted input gives a well-formed brief or a typed refusal,
and the steps that compare words with words only ever see a bounded stretch.

Property tests over the hostile shapes of summarizer/eval/hostile.py and over free mixtures of
their ingredients. No test is timed: the bounds are asserted on structure (how long a sentence
can be, what a cache answers against its definition); `python -m summarizer.bench --hostile`
measures the time.
"""

from __future__ import annotations

import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Brief, Summarizer
from summarizer.article import Article
from summarizer.cast import build_cast
from summarizer.cues import CueFinder, is_participle
from summarizer.errors import BriefError
from summarizer.eval.hostile import SHAPES, many_quotes, no_punctuation
from summarizer.mentions import find_mentions
from summarizer.quotemarks import find_quoted
from summarizer.sentences import MAX_SENTENCE_CHARS, read_sentences
from summarizer.speakers import CLAUSE_BREAKS, in_complements
from summarizer.text import LowerCaseWords, paragraphs, word_count, written_in_lower_case
from summarizer.tokens import token_table

# Small enough for a fast suite: the shapes scale, so their structure shows at a few hundred
# words; the bench runs them at 5,000 and 50,000.
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_KINDS = {"person", "organization", "place", "group"}

# The ingredients of hostile text: function words and cues, names, every quotation mark,
# clause punctuation, other scripts, paragraph breaks and a long word.
_PIECES = st.sampled_from(
    [
        *["the", "a", "of", "and", "that", "he", "she", "it", "which", "who", "to"],
        *["said", "says", "told", "according", "Said", "stated", "noted", "saying"],
        *["Jane", "Roe", "Tom", "Berg", "Ana", "Silva", "al-Hasan", "Soo-hyun", "Council"],
        *['"', "“", "”", "‘", "’", "'", "«", "»", "''", '"the', 'said"', "'Roe"],
        *[",", ".", ";", ":", "—", "--", "?", "!", "(", ")"],
        *["Москва", "сказал", "北京", "说", "القاهرة", "Ελλάδα", "🙂", "\n\n", "\n"],
        "a" * 3_000,
    ]
)
free_text = st.lists(_PIECES, min_size=1, max_size=600).map(" ".join)
shaped_text = st.builds(
    lambda name, words, seed: SHAPES[name](words, seed),
    st.sampled_from(sorted(SHAPES)),
    st.integers(min_value=1, max_value=600),
    st.integers(min_value=0, max_value=10_000),
)
hostile_text = shaped_text | free_text


def assert_well_formed(brief: Brief, text: str) -> None:
    """The Brief contract of ARCHITECTURE.md, checked on what the brief says of `text`."""
    data = json.loads(brief.to_json())
    assert data == json.loads(json.dumps(brief.to_dict()))
    assert brief.word_count == word_count(text)
    sentences = [b.sentence for b in brief.bullets]
    assert sentences == sorted(set(sentences)), "bullets in article order, each once"
    assert all(b.text and b.text == " ".join(b.text.split()) for b in brief.bullets)
    for q in brief.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start : q.end]
        assert q.sentence >= 0
        assert q.speaker is None or q.speaker.strip()
    for actor in brief.actors:
        assert actor.kind in _KINDS
        assert actor.name.strip() and actor.mentions >= 1
        assert all(p.text.strip() and p.sentence >= 0 for p in actor.positions)


@FAST
@given(text=hostile_text)
def test_hostile_text_gives_a_well_formed_brief_or_a_typed_refusal(
    summarizer_: Summarizer, text: str
) -> None:
    try:
        brief = summarizer_.summarize(text)
    except BriefError as err:
        assert str(err)  # a plain sentence for the user
        return
    assert_well_formed(brief, text)
    assert summarizer_.summarize(text).to_json() == brief.to_json()


@FAST
@given(text=hostile_text)
def test_no_sentence_is_longer_than_the_cap(text: str) -> None:
    """What every per-sentence rule sees is bounded, whatever the punctuation."""
    sentences, _ = read_sentences(text)
    assert all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))


def test_an_unpunctuated_text_is_cut_into_bounded_sentences_at_white_space() -> None:
    text = no_punctuation(2_000)
    sentences, _ = read_sentences(text)
    assert len(sentences) >= len(text) // MAX_SENTENCE_CHARS
    for s in sentences:
        assert s.end - s.start <= MAX_SENTENCE_CHARS
        assert text[s.start] != " " and (s.end == len(text) or text[s.end] == " ")


def test_one_giant_word_is_cut_where_it_must_be() -> None:
    text = "The minister said the plan would go ahead. " + "x" * (3 * MAX_SENTENCE_CHARS)
    sentences, _ = read_sentences(text)
    assert [s.end - s.start for s in sentences[1:]] == [MAX_SENTENCE_CHARS] * 3


def test_thousands_of_quotations_in_one_sentence_are_each_attributed(
    summarizer_: Summarizer,
) -> None:
    """The shape of issue 12: one sentence without `. ! ? ,`, a quotation and a cue every
    few words. Every quotation is still found, in the sentence piece that holds it."""
    text = many_quotes(3_000)
    brief = summarizer_.summarize(text)
    assert_well_formed(brief, text)
    assert len(brief.quotes) == text.count('"') // 2
    sentences, _ = read_sentences(text)
    for q in brief.quotes:
        held = sentences[q.sentence]
        assert held.start <= q.start < held.end


def test_deeply_nested_single_marks_leave_the_double_quotation_whole() -> None:
    """Hundreds of unclosed single marks inside one quotation: they stop being tracked past
    a few levels, and the quotation around them still closes."""
    body = " ".join(f"'w{k}" for k in range(500))
    text = f'The mayor said "{body} end" and left.'
    quoted = find_quoted(text, paragraphs(text, len(text)))
    outer = [q for q in quoted if not q.single]
    assert [(q.start, q.end) for q in outer] == [(text.index("'w0"), text.index('end"') + 3)]
    assert sum(q.single for q in quoted) == 0


@FAST
@given(
    text=hostile_text,
    words=st.lists(st.text("abcdefghijklmnopqrstuvwxyz'", min_size=1, max_size=8), max_size=120),
)
def test_lower_case_words_answer_as_the_text_does(text: str, words: list[str]) -> None:
    """Past its budget the cache collects every lower-case word once: the same answers."""
    asked = LowerCaseWords(text)
    assert [w in asked for w in words] == [written_in_lower_case(text, w) for w in words]


@FAST
@given(text=hostile_text)
def test_cues_carried_along_match_cues_read_back(summarizer_: Summarizer, text: str) -> None:
    """Whether a cue stands in a relative clause (and, there, past one with a verb of its own)
    is carried along each sentence in one pass; it must agree with reading back from the cue,
    as the definition does."""
    article = _article(summarizer_, text)
    if article is None:
        return
    finder = CueFinder(article)
    for sentence in article.sentences:
        frame = article.frame(sentence)
        members = set(frame)
        read_back = [
            i
            for n, i in enumerate(frame)
            if (
                finder.is_speech_verb(i)
                or (
                    article.tokens[i].lower == "according"
                    and i + 1 < len(article.tokens)
                    and article.tokens[i + 1].text == "to"
                )
            )
            and (
                (opened := finder.relative_opening(frame, n)) is None
                or finder.past_the_relative(frame, n, opened, members)
            )
        ]
        assert finder.cues(frame) == read_back


@FAST
@given(text=hostile_text)
def test_cues_in_complements_found_in_one_pass_match_the_definition(
    summarizer_: Summarizer, text: str
) -> None:
    """A cue inside what an earlier cue reports is found in one pass along the sentence; it
    must agree with trying every earlier cue over every word between, as the definition does
    (that reading took seconds on thousands of quotations)."""
    article = _article(summarizer_, text)
    if article is None:
        return
    tokens, finder = article.tokens, CueFinder(article)
    for sentence in article.sentences:
        frame = article.frame(sentence)
        inside, cues = set(frame), finder.cues(frame)
        for opens in sorted({b for b, _ in article.blocked} | {sentence.end}):
            defined = {
                c
                for c in cues
                if tokens[c].idx <= opens
                and any(
                    c0 < c
                    and tokens[c0].lower != "according"
                    and not is_participle(tokens, c0)
                    and all(
                        i in inside and tokens[i].lower not in CLAUSE_BREAKS
                        for i in range(c0 + 1, c)
                    )
                    for c0 in cues
                )
            }
            assert in_complements(tokens, cues, inside, opens) == defined


def _article(summarizer_: Summarizer, text: str) -> Article | None:
    sentences, quoted = read_sentences(text)
    if not sentences:
        return None
    doc = summarizer_.nlp(text)
    tokens = token_table(doc)
    cast = build_cast(doc, find_mentions(text, tokens, sentences, quoted), text)
    return Article(text, tokens, sentences, quoted, cast)
