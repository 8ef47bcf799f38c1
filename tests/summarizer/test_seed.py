"""Every point of the hand-made reference for the seed article (shared/seeds/*.gold.json).

The reference is copied here as data because a fresh clone has no ../shared.
Paragraph numbers count the article's lines from 1.
"""

from __future__ import annotations

import pytest
from contract import BRIEF_KEYS, QUOTE_KEYS

from summarizer import Brief

GOLD_QUOTES = [
    ("not the end of the story", "Benjamin Netanyahu", 2),
    ("Hezbollah tried to attack the State of Israel", "Benjamin Netanyahu", 4),
    ("Our main goal in this front", "Hassan Nasrallah", 8),
    ("constructive", "US official", 13),
    ("reach a final and implementable agreement", "US official", 13),
]
KEY_QUOTES_FIRST = [
    "Hezbollah tried to attack the State of Israel",
    "Our main goal in this front",
    "not the end of the story",
]
GOLD_ACTORS = [
    ("Benjamin Netanyahu", "person", "Israeli Prime Minister", ["Netanyahu"]),
    ("Hezbollah", "organization", None, []),
    ("Hamas", "organization", None, []),
    ("Hassan Nasrallah", "person", "leader of Hezbollah", []),
    ("Israel", "place", None, []),
]
GOLD_POSITIONS = [
    ("Benjamin Netanyahu", ["will continue until Hamas is totally wiped out", "insists"]),
    ("Hamas", ["accuses Benjamin Netanyahu", "imposing new demands"]),
    ("Hamas", ["rejecting new Israeli conditions"]),
    ("Hassan Nasrallah", ["delayed to give Gaza ceasefire talks a chance"]),
    ("US official", ["talks will continue at lower levels"]),
]


def _paragraph_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@pytest.mark.parametrize(("needle", "speaker", "paragraph"), GOLD_QUOTES)
def test_quote_found_with_speaker(
    seed_brief: Brief, seed_text: str, needle: str, speaker: str, paragraph: int
) -> None:
    matches = [q for q in seed_brief.quotes if needle in q.text]
    assert matches, f"no quote contains {needle!r}"
    quote = matches[0]
    assert quote.speaker == speaker
    assert _paragraph_of(seed_text, quote.start) == paragraph
    assert seed_text[quote.start : quote.end] == quote.text


def test_netanyahu_keeps_his_title_as_role(seed_brief: Brief) -> None:
    quote = next(q for q in seed_brief.quotes if "not the end of the story" in q.text)
    assert quote.speaker_role == "Israeli Prime Minister"
    assert quote.cue == "said"


def test_key_quotes_come_first_in_reference_order(seed_brief: Brief) -> None:
    order = []
    for needle in KEY_QUOTES_FIRST:
        order.append(next(i for i, q in enumerate(seed_brief.quotes) if needle in q.text))
    assert order == sorted(order)
    assert order[0] == 0


@pytest.mark.parametrize(("name", "kind", "role", "aliases"), GOLD_ACTORS)
def test_actor(
    seed_brief: Brief, name: str, kind: str, role: str | None, aliases: list[str]
) -> None:
    actor = next((a for a in seed_brief.actors if a.name == name), None)
    assert actor is not None, f"{name} missing from {[a.name for a in seed_brief.actors]}"
    assert actor.kind == kind
    if role is not None:
        assert actor.role == role
    for alias in aliases:
        assert alias in actor.aliases
    assert actor.mentions >= 1


@pytest.mark.parametrize(("name", "any_of"), GOLD_POSITIONS)
def test_position(seed_brief: Brief, name: str, any_of: list[str]) -> None:
    actor = next((a for a in seed_brief.actors if a.name == name), None)
    assert actor is not None
    texts = [p.text + " " + p.cue for p in actor.positions]
    assert any(needle in t for t in texts for needle in any_of), texts


def test_no_position_is_invented(seed_brief: Brief, seed_text: str) -> None:
    """Every position's words stand in the article, in the sentence it names."""
    flat = " ".join(seed_text.split())
    for actor in seed_brief.actors:
        for position in actor.positions:
            assert position.text.rstrip(" …") in flat or position.text[:60] in flat
    names = {a.name for a in seed_brief.actors if a.positions}
    # the five the reference names, and the sources Reuters quotes on the failed talks
    assert names <= {
        "Benjamin Netanyahu",
        "Hamas",
        "Hassan Nasrallah",
        "US official",
        "Egyptian security sources",
    }


def test_bullets_never_repeat_the_near_duplicate_paragraphs(seed_brief: Brief) -> None:
    """Paragraphs 1 and 5 say the same thing: at most one of them is a bullet."""
    sentences = {b.sentence for b in seed_brief.bullets}
    assert len(sentences & {0, 4}) <= 1
    assert 3 <= len(seed_brief.bullets) <= 5


def test_bullets_cover_the_story(seed_brief: Brief) -> None:
    text = " ".join(b.text for b in seed_brief.bullets)
    assert "Hezbollah" in text and ("Lebanon" in text or "rockets" in text)
    assert "all-out war" in text  # paragraph 1 or 5
    assert not seed_brief.bullets[0].text.startswith("But ")


def test_seed_brief_contract(seed_brief: Brief) -> None:
    data = seed_brief.to_dict()
    assert set(data) >= BRIEF_KEYS
    assert data["word_count"] > 400
    assert data["reading_minutes"] == 2.5
    for quote in data["quotes"]:
        assert set(quote) == QUOTE_KEYS


def test_each_quote_keeps_its_own_cue(seed_brief: Brief) -> None:
    """ "The official called the talks … “constructive” and said all parties … “reach …”" """
    cues = {q.text.rstrip(",."): q.cue for q in seed_brief.quotes}
    assert cues["constructive"] == "called"
    assert cues["reach a final and implementable agreement"] == "said"
