"""Text in, Brief out: the one place that runs the steps in order."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.actors import build_actors
from summarizer.antecedents import Antecedents
from summarizer.article import Article
from summarizer.cast import build_cast
from summarizer.coreference import Resolver
from summarizer.cues import CueFinder
from summarizer.datelines import without_dateline
from summarizer.errors import NoSentencesError, NotEnglishError
from summarizer.gazetteer import warm_gazetteer
from summarizer.holders import HolderFinder
from summarizer.mentions import find_mentions
from summarizer.phrases import Phrases
from summarizer.pipeline import load_pipeline
from summarizer.quotemarks import find_quoted
from summarizer.quotes import listed, to_quotes
from summarizer.ranking import select_bullets
from summarizer.sentences import split_sentences
from summarizer.speakers import SpeakerFinder, attribute_all
from summarizer.text import (
    MAX_READ_CHARS,
    Paragraph,
    check_size,
    clean,
    paragraphs,
    word_count,
)
from summarizer.tokens import RunTokens, token_table
from summarizer.types import Brief, Bullet

WORDS_PER_MINUTE = 230
# A text with no sentence to brief is called too short below this many words, else a fragment.
SHORT_TEXT_WORDS = 12
# English prose has about 45% function words; other languages share only a handful.
_MIN_ENGLISH_SHARE = 0.18
# Characters read at a time for it (a few hundred words).
_STRETCH = 500
_ASCII_SPACES = bytes(b for b in range(128) if chr(b).isspace())


def _most_words(text: str) -> int:
    """More than `len(text.split())`: white space characters plus one, counting every
    character outside ASCII as one (each adds a byte or more to the UTF-8 encoding)."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _ASCII_SPACES)) + len(data) - len(text) + 1


def _looks_english(text: str) -> bool:
    text = text[:20_000]
    # Stop words are counted a stretch at a time, until they are this share of the letter words:
    # English gets there within the first half. The share only grows, so whether it is reached
    # does not depend on where; and reaching it of more words than there are settles it before
    # the words are all known.
    most = _most_words(text)
    found = words = start = 0
    while start < len(text):
        stop = text.find(" ", start + _STRETCH)  # a cut at white space splits no word
        stop = len(text) if stop < 0 else stop
        stretch = text[start:stop]
        if stretch.isascii():  # lower case first: the same letters, in one call
            letter_words = list(filter(str.isalpha, stretch.lower().split()))
        else:  # "İ" is a letter, but its lower case is two characters, one of them no letter
            letter_words = list(map(str.lower, filter(str.isalpha, stretch.split())))
        words += len(letter_words)
        found += sum(map(STOP_WORDS.__contains__, letter_words))
        if found / most >= _MIN_ENGLISH_SHARE:
            return True
        start = stop
    if words < 8:
        return True  # too short to judge; the sentence check decides
    return found / words >= _MIN_ENGLISH_SHARE


def _analysed(text: str, paras: list[Paragraph]) -> str:
    """The text the pipeline reads: same offsets, but datelines and page furniture blanked."""
    pieces, pos = [], 0
    for p in paras:
        pieces += [" " * (p.start - pos), text[p.start : p.end]]
        pos = p.end
    return "".join(pieces)


def reading_minutes(words: int) -> float:
    return max(0.5, round(words / WORDS_PER_MINUTE * 2) / 2)


class Summarizer:
    """Holds the loaded pipeline; `summarize` is pure and deterministic."""

    def __init__(self, model: str | None = None) -> None:
        self.nlp = load_pipeline(model)
        # Blank English only tokenizes: its tables are read run by run, without a Doc.
        self._runs = None if self.nlp.pipe_names else RunTokens(self.nlp.tokenizer)
        warm_gazetteer()  # read the place and name data now, not during the first brief

    def summarize(self, text: str, *, title: str | None = None) -> Brief:
        check_size(text)
        notices: list[str] = []
        read_upto = len(text)
        if read_upto > MAX_READ_CHARS:
            read_upto = MAX_READ_CHARS
            notices.append(
                f"The text is long: only its first {word_count(text[:MAX_READ_CHARS]):,} words "
                f"(of {word_count(text):,}) were read."
            )
        paras = paragraphs(text, read_upto)
        if not _looks_english(" ".join(text[p.start : p.end] for p in paras[:40])):
            raise NotEnglishError()
        quoted = find_quoted(text, paras)
        sentences = split_sentences(text, paras, quoted)
        if not any(word_count(text[s.start : s.end]) >= 4 for s in sentences):
            raise NoSentencesError(short=word_count(text) < SHORT_TEXT_WORDS)
        analysed = _analysed(text, paras)
        if self._runs is None:
            doc = self.nlp(analysed)
            table = token_table(doc)
        else:
            doc, table = None, self._runs.table(analysed)
        cast = build_cast(doc, find_mentions(analysed, table, sentences, quoted), analysed)
        article = Article(analysed, table, sentences, quoted, cast)
        cue_finder, phrases = CueFinder(article), Phrases(article)
        resolver = Resolver(article, phrases, Antecedents(article, cue_finder, phrases))
        holders = HolderFinder(article, cue_finder, phrases, resolver)
        finder = SpeakerFinder(holders)
        found = attribute_all(finder, quoted)
        actors = build_actors(finder, found, cast)
        mentions = {e.name: len(e.mentions) for e in cast.entities}
        quotes = to_quotes(text, listed(text, found, quoted), mentions, len(sentences))
        chosen = select_bullets(text, sentences, quoted)
        bullets = [
            Bullet(without_dateline(clean(text[sentences[i].start : sentences[i].end])), i)
            for i in chosen
        ]
        words = word_count(text)
        return Brief(
            title=title,
            url=None,
            byline=None,
            published=None,
            word_count=words,
            reading_minutes=reading_minutes(words),
            bullets=bullets,
            quotes=quotes,
            actors=actors,
            notices=notices,
        )


_default: Summarizer | None = None


def summarize(text: str, *, title: str | None = None) -> Brief:
    """Brief `text` with the default pipeline (blank English plus rules)."""
    global _default
    if _default is None:
        _default = Summarizer()
    return _default.summarize(text, title=title)
