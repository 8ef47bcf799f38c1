"""The API's promises: determinism, typed errors for bad input, caps that say so."""

from __future__ import annotations

import importlib.util

import pytest

from summarizer import (
    EmptyTextError,
    NoSentencesError,
    NotEnglishError,
    Summarizer,
    TextTooLargeError,
    UndecodableTextError,
    decode_text,
)
from summarizer.briefing import _looks_english
from summarizer.text import MAX_READ_CHARS, paragraphs, word_count


def test_same_input_gives_byte_identical_json(summarizer_: Summarizer, seed_text: str) -> None:
    first = summarizer_.summarize(seed_text).to_json()
    second = Summarizer().summarize(seed_text).to_json()
    assert first == second


@pytest.mark.parametrize("text", ["", "   \n\t  \n"])
def test_empty_text(summarizer_: Summarizer, text: str) -> None:
    with pytest.raises(EmptyTextError):
        summarizer_.summarize(text)


def test_no_sentences(summarizer_: Summarizer) -> None:
    with pytest.raises(NoSentencesError):
        summarizer_.summarize("Home\nNews\nSport\n---\n123")


def test_not_english(summarizer_: Summarizer) -> None:
    german = (
        "Die Regierung hat am Montag beschlossen, die Steuern für kleine Unternehmen zu senken. "
        "Der Finanzminister sagte, die Wirtschaft brauche dringend neue Impulse nach der Krise."
    )
    with pytest.raises(NotEnglishError) as info:
        summarizer_.summarize(german)
    assert "English" in str(info.value)


def test_too_large(summarizer_: Summarizer) -> None:
    with pytest.raises(TextTooLargeError) as info:
        summarizer_.summarize("The council met again today. " * 200_000)
    assert "MB" in str(info.value)


def test_long_text_is_capped_and_says_so(summarizer_: Summarizer, seed_text: str) -> None:
    text = "\n\n".join([seed_text] * (MAX_READ_CHARS // len(seed_text) + 2))
    brief = summarizer_.summarize(text)
    assert brief.notices and "only its first" in brief.notices[0]
    assert 3 <= len(brief.bullets) <= 5
    assert all(q.end <= MAX_READ_CHARS for q in brief.quotes)


def test_decode_text() -> None:
    assert decode_text("café “quoted”".encode()) == "café “quoted”"
    assert decode_text("café".encode("cp1252")) == "café"
    with pytest.raises(UndecodableTextError):
        decode_text(b"\x00\x01binary\x00")


def test_boilerplate_and_dateline_are_not_bullets(summarizer_: Summarizer, seed_text: str) -> None:
    text = "WASHINGTON (AP) — " + seed_text + "\nAdvertisement\nFollow us on Twitter\n"
    brief = summarizer_.summarize(text)
    assert not any("WASHINGTON (AP)" in b.text for b in brief.bullets)
    assert not any("Advertisement" in b.text or "Follow us" in b.text for b in brief.bullets)


@pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm") is None, reason="no trained spaCy pipeline installed"
)
def test_trained_pipeline_improves_the_same_components(seed_text: str) -> None:
    brief = Summarizer("en_core_web_sm").summarize(seed_text)
    assert any(q.speaker == "Benjamin Netanyahu" for q in brief.quotes)


def test_missing_trained_pipeline_falls_back_to_rules(seed_text: str) -> None:
    brief = Summarizer("no_such_pipeline_xyz").summarize(seed_text)
    assert any(q.speaker == "Hassan Nasrallah" for q in brief.quotes)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("He said it's a 3-year-old plan.", 6),
        ("_under 'quoted' - -- rock-'n'-roll", 3),  # a word starts at a letter or digit only
        ("café écrit naïve Ωμέγα ٣٣ x٣", 4),  # other scripts carry a word on but start none
        ("players’ union,said:“no”", 4),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


def test_looks_english_counts_the_whole_text() -> None:
    english = "the man said that it was over " * 3
    assert _looks_english(english)
    assert _looks_english("Haus Baum " * 3)  # too short to judge
    # Stop words reach the share only with the English tail, read in a later stretch.
    german = "Regierung Steuern Unternehmen senken Wirtschaft Impulse " * 200
    assert not _looks_english(german)
    assert _looks_english(german + "the of and to in it " * 120)
    assert not _looks_english(german + "the of and to in it " * 40)


def test_furniture_is_told_by_its_folded_length() -> None:
    body = "The council met. " + "It voted on the budget again. " * 20
    padded = "Share" + " " * 500 + "this article"  # long as written, short once folded
    text = f"{padded}\n\n{body}"
    assert [(p.start, p.end) for p in paragraphs(text, len(text))] == [
        (len(padded) + 2, len(text.rstrip()))
    ]
