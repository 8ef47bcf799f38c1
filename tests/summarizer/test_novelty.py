"""What's new on its own (summarizer/novelty.py): a later article of a story against the
earlier one, with the made-up articles of tests/story.py."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from story import DEAL, ORCHARD, STRIKE

from summarizer import Brief, Summarizer, digest
from summarizer.continuing import continuing_digest
from summarizer.novelty import same_story, whats_new
from summarizer.types import Since

SINCE = Since(title="Dock workers strike", url="https://news.test/strike", shared_at=None)


@pytest.fixture(scope="module")
def briefs(summarizer_: Summarizer) -> tuple[Brief, Brief, Brief]:
    return tuple(summarizer_.summarize(t) for t in (STRIKE, DEAL, ORCHARD))  # type: ignore[return-value]


def test_the_new_development_and_the_new_quote_and_nothing_repeated(
    briefs: tuple[Brief, Brief, Brief],
) -> None:
    strike, deal, _ = briefs
    new = whats_new([strike], deal, since=SINCE)
    assert [s.text for s in new.sentences] == [
        "Dock workers at the port of Marlow voted on Thursday to accept a raise of seven "
        "percent, ending a strike that had left cargo ships stranded for four days."
    ]
    assert [q.text for q in new.quotes] == [
        "This deal shows what dock workers can win when they stand together,"
    ]
    assert new.quotes[0].speaker == "Karen Holt"
    told = {b.text for b in strike.bullets} | {q.text for q in strike.quotes}
    assert not told & ({s.text for s in new.sentences} | {q.text for q in new.quotes})
    # Karen Holt was in the first article: she is listed for her new words only; Daniel Reyes
    # says nothing new and is left out.
    assert [(a.name, [p.text[:20] for p in a.positions]) for a in new.actors] == [
        ("Karen Holt", ["This deal shows what"])
    ]
    assert not new.nothing


def test_the_same_article_again_is_nothing_new(briefs: tuple[Brief, Brief, Brief]) -> None:
    strike, deal, _ = briefs
    new = whats_new([strike, deal], strike, since=SINCE)
    assert (new.sentences, new.quotes, new.actors) == ([], [], [])
    assert new.nothing


def test_an_actor_named_for_the_first_time_is_new(briefs: tuple[Brief, Brief, Brief]) -> None:
    strike, _, orchard = briefs
    new = whats_new([strike], orchard, since=SINCE)
    assert "Peter Novak" in [a.name for a in new.actors]


def test_the_story_is_the_digests_story(briefs: tuple[Brief, Brief, Brief]) -> None:
    strike, deal, orchard = briefs
    assert same_story([orchard, strike], deal) == [1]
    assert same_story([strike], orchard) == []


def test_whats_new_is_in_the_json_only_when_there_is_one(
    briefs: tuple[Brief, Brief, Brief],
) -> None:
    strike, deal, _ = briefs
    assert "whats_new" not in deal.to_dict()
    assert Brief.from_dict(deal.to_dict()) == deal
    new = whats_new([strike], deal, since=SINCE)
    data = json.loads(replace(deal, whats_new=new).to_json())
    assert list(data["whats_new"]) == ["since", "sentences", "quotes", "actors"]
    assert data["whats_new"]["since"] == {
        "title": "Dock workers strike",
        "url": "https://news.test/strike",
        "shared_at": None,
    }
    assert list(data["whats_new"]["sentences"][0]) == ["text", "sentence"]
    assert list(data["whats_new"]["actors"][0]) == ["name", "positions"]
    assert Brief.from_dict(data).whats_new == new


def test_deterministic(briefs: tuple[Brief, Brief, Brief]) -> None:
    strike, deal, orchard = briefs
    first = whats_new([orchard, strike], deal, since=SINCE)
    assert whats_new([orchard, strike], deal, since=SINCE) == first


def test_a_digest_tells_a_continuing_story_by_what_is_new_since_the_last(
    briefs: tuple[Brief, Brief, Brief],
) -> None:
    strike, deal, orchard = briefs
    made = continuing_digest([deal, orchard], previous=[strike])
    by_story = {s.continuing: s for s in made.stories}
    assert set(by_story) == {True, False}
    story = by_story[True]
    assert story.bullets == [
        "Dock workers at the port of Marlow voted on Thursday to accept a raise of seven "
        "percent, ending a strike that had left cargo ships stranded for four days."
    ]
    assert story.quote is not None and story.quote.speaker == "Karen Holt"
    assert story.quote.text.startswith("This deal shows")
    assert by_story[False].bullets == digest([orchard]).stories[0].bullets
    assert [s.get("continuing") for s in made.to_dict()["stories"]].count(True) == 1
    assert "continuing" not in json.dumps(digest([deal, orchard]).to_dict())
    assert continuing_digest([deal, orchard], previous=[]) == digest([deal, orchard])
