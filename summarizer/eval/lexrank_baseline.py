"""sumy's LexRank as a yardstick for the engine's speed (a development tool, dev extras).

sumy's own tokenizer needs NLTK's punkt data, which cannot be downloaded everywhere, so
LexRank reads the engine's own sentence split and a plain word pattern: the same sentences,
and a tokenizer no slower than punkt.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SUMMARY_SENTENCES = 3


class _Tokenizer:
    """The interface sumy's PlaintextParser expects, on the engine's sentence splitter."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        from summarizer.sentences import read_sentences

        return [text[s.start : s.end] for s in read_sentences(text)[0]]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def lexrank_summarizer() -> Callable[[str], object]:
    """A three-sentence LexRank summary of a text, parsing included: the yardstick's work."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    summarize = LexRankSummarizer(Stemmer("english"))
    summarize.stop_words = get_stop_words("english")
    tokenizer = _Tokenizer()

    def lexrank(text: str) -> object:
        return summarize(PlaintextParser.from_string(text, tokenizer).document, SUMMARY_SENTENCES)

    return lexrank
