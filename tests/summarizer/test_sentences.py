"""Sentence boundaries that know abbreviations, initials and quotations."""

from __future__ import annotations

from summarizer.quotemarks import find_quoted
from summarizer.sentences import split_sentences
from summarizer.text import paragraphs


def split(text: str) -> list[str]:
    paras = paragraphs(text, len(text))
    found = split_sentences(text, paras, find_quoted(text, paras))
    return [text[s.start : s.end] for s in found]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = (
        "The U.S. Army said on Jan. 5 that Gen. John W. Smith, the No. 2 in command, "
        "met Mr. Jones in Washington, D.C. on Monday. He left."
    )
    assert split(text) == [text[: text.index(" He left")], "He left."]


def test_initialism_then_function_word_ends_a_sentence() -> None:
    assert split("They met at 3 p.m. The talks failed.") == [
        "They met at 3 p.m.",
        "The talks failed.",
    ]


def test_quotation_kept_with_its_attribution() -> None:
    text = '"We tried. We failed," he said. "Who knows?" Jones asked. It ended.'
    assert split(text) == [
        '"We tried. We failed," he said.',
        '"Who knows?" Jones asked.',
        "It ended.",
    ]


def test_closing_mark_then_new_sentence_splits() -> None:
    text = '"It can be done in a short time." These claims are backed by data.'
    assert split(text) == ['"It can be done in a short time."', "These claims are backed by data."]


def test_paragraphs_are_boundaries_and_sentences_know_them() -> None:
    text = "First paragraph here\n\nSecond one. And a third sentence."
    paras = paragraphs(text, len(text))
    found = split_sentences(text, paras, [])
    assert [s.paragraph for s in found] == [0, 1, 1]


def test_flattened_bullet_list_splits_and_drops_the_mark() -> None:
    assert split("Talks are on track. •A military attack is not planned.") == [
        "Talks are on track.",
        "A military attack is not planned.",
    ]


def test_sentences_and_quotations_are_values() -> None:
    """Equal spans are equal and hash alike, so either can key a set or a dict."""
    text = 'He said "we will win." She left.'
    first, again = (split_sentences(text, paragraphs(text, len(text)), []) for _ in range(2))
    assert first == again and len(set(first) | set(again)) == 2
    quoted, quoted_again = (find_quoted(text, paragraphs(text, len(text))) for _ in range(2))
    assert quoted == quoted_again and len({*quoted, *quoted_again}) == 1
