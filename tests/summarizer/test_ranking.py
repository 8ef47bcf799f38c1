"""The ranker: bullets that stand alone, never twice the same, fast on huge inputs."""

from __future__ import annotations

import random

import pytest

from summarizer import Brief, Summarizer
from summarizer.quotemarks import find_quoted
from summarizer.ranking import (
    MAX_RANKED,
    is_dependent,
    is_question,
    is_weak,
    quoted_share,
    select_bullets,
)
from summarizer.sentences import Sentence, split_sentences
from summarizer.similarity import content_terms, stem, tfidf_similarity, words
from summarizer.text import paragraphs


def _split(text: str) -> tuple[list[Sentence], list]:
    paras = paragraphs(text, len(text))
    quoted = find_quoted(text, paras)
    return split_sentences(text, paras, quoted), quoted


def _rank(text: str, limit: int = 5) -> tuple[list[int], list[Sentence]]:
    sentences, quoted = _split(text)
    return select_bullets(text, sentences, quoted, limit), sentences


# --- The seed article -------------------------------------------------------------------


def test_seed_never_carries_both_duplicate_paragraphs(seed_brief: Brief) -> None:
    chosen = {b.sentence for b in seed_brief.bullets}
    assert len(chosen & {0, 4}) <= 1
    assert 3 <= len(seed_brief.bullets) <= 5


def test_seed_duplicates_are_similar_enough_to_be_caught(seed_text: str) -> None:
    """The guard above only means something if the two sentences are in fact near-identical."""
    sentences, _ = _split(seed_text)
    first, fifth = (seed_text[sentences[i].start : sentences[i].end] for i in (0, 4))
    assert "all-out war" in first and "all-out war" in fifth
    sim = tfidf_similarity([content_terms(words(first)), content_terms(words(fifth))])
    assert sim[0, 1] > 0.8


def test_seed_first_bullet_is_not_a_but_sentence(seed_brief: Brief) -> None:
    assert not seed_brief.bullets[0].text.startswith("But ")
    assert seed_brief.bullets[0].sentence in {0, 1, 2, 4}  # the lead, not the tail


def test_seed_bullets_are_distinct_sentences_of_the_text(seed_brief: Brief, seed_text: str) -> None:
    indices = [b.sentence for b in seed_brief.bullets]
    assert len(indices) == len(set(indices))
    flat = " ".join(seed_text.split())
    assert all(b.text in flat for b in seed_brief.bullets)


def test_deterministic(seed_text: str, summarizer_: Summarizer) -> None:
    first = [b.sentence for b in summarizer_.summarize(seed_text).bullets]
    ranked, _ = _rank(seed_text)
    assert [b.sentence for b in summarizer_.summarize(seed_text).bullets] == first
    assert ranked == first == _rank(seed_text)[0]


# --- Readability: dependent openers and weak sentences --------------------------------

FLOODS = (
    "Floods swept the northern valley on Sunday, killing twelve people and cutting off three "
    "towns.\n\n"
    "{opener} reached the three towns by boat on Monday and found most residents of the valley "
    "safe.\n\n"
    "Soldiers said the floods destroyed two bridges and the main road into the three towns.\n\n"
    "Officials said the floods were the worst in the northern valley for fifty years.\n\n"
    "The government promised money to rebuild the bridges and the road to the towns.\n\n"
    "Rescue teams will search the valley again on Tuesday for the missing people."
)


def test_plain_second_sentence_outranks_the_third() -> None:
    """The control for the test below: without an opener, position puts sentence 1 first."""
    chosen, sentences = _rank(FLOODS.format(opener="Rescue teams"))
    assert len(sentences) == 6
    assert chosen[:3] == [0, 1, 2]


@pytest.mark.parametrize("opener", ["But rescue teams", "They", "It", "However, rescue teams"])
def test_dependent_sentence_after_its_chosen_predecessor_stays(opener: str) -> None:
    chosen, _ = _rank(FLOODS.format(opener=opener))
    assert chosen[:3] == [0, 1, 2]  # article order, and sentence 0 is there to lean on


def test_bullets_are_shown_in_article_order(seed_brief: Brief) -> None:
    shown = [b.sentence for b in seed_brief.bullets]
    assert len(shown) >= 4
    assert shown == sorted(shown)


@pytest.mark.parametrize("opener", ["Later that month", "But a week later", "It"])
def test_dependent_sentence_without_its_predecessor_is_passed_over(opener: str) -> None:
    """Sentence 3 leans on sentence 2, a weak one ("Details were scarce.") never chosen."""
    story = (
        "Floods swept the northern valley on Sunday, killing twelve people and cutting off "
        "three towns.\n\n"
        "Soldiers said the floods destroyed two bridges and the main road into the towns.\n\n"
        "Details were scarce.\n\n"
        f"{opener} the government promised money to rebuild the bridges and the road.\n\n"
        "Officials said the floods were the worst in the northern valley for fifty years.\n\n"
        "Rescue teams will search the valley again on Tuesday for the missing people."
    )
    chosen, _ = _rank(story, limit=5)
    assert 2 not in chosen
    assert 3 not in chosen
    assert 0 in chosen and 4 in chosen


@pytest.mark.parametrize(
    ("sentence", "dependent"),
    [
        ("But the talks failed.", True),
        ("However, the talks failed.", True),
        ("Also on the list was a new stadium.", True),
        ("It could also torpedo efforts to forge a cease-fire.", True),
        ("They said the talks failed.", True),
        ("He later resigned.", True),
        ("In addition, the talks failed.", True),
        ("What's more, the talks failed.", True),
        ("That’s why the talks failed.", True),
        ("It's unclear.", False),
        ("What's next for the talks is unclear.", False),
        ("“But we will go on,” she said.", True),
        ("The talks failed.", False),
        ("Israel and Hamas blame each other.", False),
        ("It is unclear whether the talks will resume.", False),
        ("It's official: the show has a title.", False),
        ("This year, the talks failed again.", False),
        ("Theresa May resigned.", False),
        ("Hezbollah fired rockets.", False),
    ],
)
def test_is_dependent(sentence: str, dependent: bool) -> None:
    assert is_dependent(sentence) is dependent


@pytest.mark.parametrize(
    ("sentence", "weak"),
    [
        ("CNN's Jane Doe contributed to this report.", True),
        ("Follow @CNNPhotos on Twitter to join the conversation about photography.", True),
        ("Photos: The aftermath of the storm", True),
        ("All rights reserved.", True),
        ("As Nigeria decides, here's what you need to know: .", True),
        ("Photographers captured the storm as it hit the coast on Sunday.", False),
        ("Rescue workers reported for duty at dawn on Monday.", False),
    ],
)
def test_is_weak(sentence: str, weak: bool) -> None:
    assert is_weak(sentence) is weak


def test_questions_and_quotations_are_recognised() -> None:
    assert is_question('Who will lead the nation?"')
    assert not is_question("The nation asked who would lead it.")
    text = '"We will fight on and we will win," he said.'
    quoted = find_quoted(text, paragraphs(text, len(text)))
    assert quoted_share(0, len(text), quoted) > 0.6
    assert quoted_share(len(text) - 8, len(text), quoted) == 0.0


def test_captions_and_fragments_are_never_bullets() -> None:
    text = (
        "Floods swept through the northern valley on Sunday, killing at least twelve people.\n\n"
        "Why?\n\n"
        "Photos: Floods sweep the northern valley killing twelve people on Sunday\n\n"
        "Rescuers searched the northern valley for survivors of the floods on Monday.\n\n"
        "The government promised aid to families in the flooded northern valley."
    )
    chosen, sentences = _rank(text)
    bodies = [text[sentences[i].start : sentences[i].end] for i in chosen]
    assert bodies and not any(b.startswith(("Why", "Photos")) for b in bodies)
    assert len(chosen) == 3


# --- Counts, limits and huge inputs ---------------------------------------------------


def test_returns_three_to_five_and_honours_limit(seed_text: str) -> None:
    chosen, _ = _rank(seed_text)
    assert 3 <= len(chosen) <= 5
    assert len(_rank(seed_text, limit=2)[0]) == 2
    assert _rank(seed_text, limit=0)[0] == []


def test_short_article_gives_what_it_has() -> None:
    chosen, sentences = _rank("The storm hit the coast on Sunday night, officials said.")
    assert chosen == [0] and len(sentences) == 1
    assert select_bullets("", [], []) == []


def test_forty_thousand_words_finish_with_bullets() -> None:
    rng = random.Random(7)
    vocab = [f"term{i}" for i in range(4000)]
    sentences = ["The " + " ".join(rng.choice(vocab) for _ in range(15)) + "." for _ in range(2500)]
    text = "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    assert len(text.split()) >= 40_000
    split, quoted = _split(text)
    assert len(split) > MAX_RANKED
    chosen = select_bullets(text, split, quoted)
    assert len(chosen) == 5
    assert all(0 <= i < MAX_RANKED for i in chosen)


# --- Similarity helpers ---------------------------------------------------------------


def test_stem_folds_inflections() -> None:
    assert stem("strikes") == stem("strike") == "strike"
    assert stem("countries") == "country"
    assert stem("Israel's".lower()) == "israel"
    assert stem("killed") == stem("kill")
    assert stem("bus") == "bus"


def test_content_terms_drop_stop_words_and_keep_numbers() -> None:
    terms = content_terms(words("The 144 passengers were on the flight"))
    assert terms == ["144", "passenger", "flight"]
