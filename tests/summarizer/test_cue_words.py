"""Which words of a sentence are cues: a cue word inside a noun phrase is none."""

from __future__ import annotations

import pytest

from summarizer import Summarizer
from summarizer.article import Article
from summarizer.cast import build_cast
from summarizer.cues import CueFinder
from summarizer.mentions import find_mentions
from summarizer.sentences import read_sentences
from summarizer.tokens import token_table


def finder_of(summarizer_: Summarizer, text: str) -> tuple[Article, CueFinder]:
    sentences, quoted = read_sentences(text)
    doc = summarizer_.nlp(text)
    tokens = token_table(doc)
    cast = build_cast(doc, find_mentions(text, tokens, sentences, quoted), text)
    article = Article(text, tokens, sentences, quoted, cast)
    return article, CueFinder(article)


def cue_words(summarizer_: Summarizer, text: str) -> list[str]:
    article, finder = finder_of(summarizer_, text)
    return [
        article.tokens[c].text for s in article.sentences for c in finder.cues(article.frame(s))
    ]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Tom Reyes met a shouting crowd at the gate and said it was calm.", ["said"]),
        ("Ana Ruiz repeated her warning to the board on Friday.", []),
        ("The mayor gave a lament for the mill, and then she warned of layoffs.", ["warned"]),
        ("Ana Ruiz is warning that the bridge will close.", ["warning"]),
    ],
)
def test_a_cue_word_after_an_article_or_possessive_is_no_cue(
    summarizer_: Summarizer, text: str, cues: list[str]
) -> None:
    assert cue_words(summarizer_, text) == cues


def test_a_characterising_verb_is_none_in_a_noun_phrase(summarizer_: Summarizer) -> None:
    article, finder = finder_of(summarizer_, "Ana Ruiz calls the plan a mistake. The call came.")
    found = [t.text for i, t in enumerate(article.tokens) if finder.is_characterising(i)]
    assert found == ["calls"]
