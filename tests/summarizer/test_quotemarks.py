"""Pairing quotation marks: kinds, apostrophes, nesting, odd counts, continued paragraphs."""

from __future__ import annotations

from summarizer.quotemarks import find_quoted
from summarizer.text import paragraphs


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text, paragraphs(text, len(text)))]


def test_curly_straight_and_guillemets() -> None:
    text = 'He said “one thing,” then "another," and then « a third ».'
    assert quoted(text) == ["one thing,", "another,", "a third"]


def test_apostrophes_are_not_quotes() -> None:
    text = "It’s the players’ union and O'Brien's view, she said. Don't worry."
    assert quoted(text) == []


def test_single_quotes_nested_in_double() -> None:
    text = "\"She just said 'hold the bucket,' and left,\" the principal said."
    found = find_quoted(text, paragraphs(text, len(text)))
    assert [text[q.start : q.end] for q in found] == [
        "She just said 'hold the bucket,' and left,",
        "hold the bucket,",
    ]
    assert [q.depth for q in found] == [0, 1]


def test_odd_count_leaves_the_stray_mark_alone() -> None:
    text = 'He wrote 5\'10" on the form. "Fine," she said.'
    assert "Fine," in quoted(text)


def test_unclosed_quote_continues_into_next_paragraph() -> None:
    text = '"We will win this,\n\n"and we will win the next one," he said.'
    found = find_quoted(text, paragraphs(text, len(text)))
    assert [text[q.start : q.end] for q in found] == [
        "We will win this,",
        "and we will win the next one,",
    ]
    assert found[0].close_at is None and found[1].continued


def test_flattened_paragraphs_start_a_new_segment() -> None:
    text = '"I have been here a long time. "I will stay," he said.'
    found = find_quoted(text, paragraphs(text, len(text)))
    assert [text[q.start : q.end] for q in found] == [
        "I have been here a long time.",
        "I will stay,",
    ]
    assert found[1].continued


def test_offsets_exclude_the_marks() -> None:
    text = "A “quoted” word."
    (q,) = find_quoted(text, paragraphs(text, len(text)))
    assert text[q.start - 1] == "“" and text[q.end] == "”"


def test_plural_possessive_closes_only_when_no_mark_follows() -> None:
    # "players’ union" reads as a possessive unless a closing mark comes later to end it.
    assert quoted("He praised ‘the players’ union and left.") == []
    assert quoted("He praised ‘the players’ union’ and left.") == ["the players"]
