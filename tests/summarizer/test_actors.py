"""Actors and positions: only what the text attributes, to whom it attributes it."""

from __future__ import annotations

from summarizer import Brief, Summarizer

TEXT = (
    "The union and the city council met on Monday after weeks of strikes across the region. "
    "Union leader Maria Costa accuses the council of breaking its promises to the workers. "
    "The council rejected new demands for higher pay at the meeting in the town hall. "
    "Mayor Peter Hall insists the budget will not change this year. "
    "The union and the council blame each other for the long delay. "
    "He said it was time to move on. "
    'Costa said: "We will strike again next week if nothing changes for our members."'
)


def positions(brief: Brief) -> dict[str, list[str]]:
    return {a.name: [p.text for p in a.positions] for a in brief.actors}


def test_indirect_positions_go_to_their_subject(summarizer_: Summarizer) -> None:
    found = positions(summarizer_.summarize(TEXT))
    assert any(p.startswith("accuses the council of breaking") for p in found["Maria Costa"])
    assert any(p.startswith("insists the budget will not change") for p in found["Peter Hall"])


def test_direct_quote_is_a_direct_position(summarizer_: Summarizer) -> None:
    brief = summarizer_.summarize(TEXT)
    costa = next(a for a in brief.actors if a.name == "Maria Costa")
    direct = [p for p in costa.positions if p.direct]
    assert direct and direct[0].text.startswith("We will strike again")
    assert costa.role == "Union leader"
    assert "Costa" in costa.aliases


def test_no_position_is_invented(summarizer_: Summarizer) -> None:
    found = positions(summarizer_.summarize(TEXT))
    everything = [p for texts in found.values() for p in texts]
    # "new demands" is a noun phrase; "blame each other" has a compound subject: neither
    # gives anyone a position.
    assert not any(p.startswith("demands") for p in everything)
    assert not any("each other" in p for p in everything)


def test_a_pronoun_holds_the_position_of_the_person_it_stands_for(
    summarizer_: Summarizer,
) -> None:
    found = positions(summarizer_.summarize(TEXT))
    assert "said it was time to move on" in found["Peter Hall"]
    assert not any("time to move on" in p for p in found["Maria Costa"])


def test_short_borrowed_phrases_are_not_positions(seed_brief: Brief) -> None:
    for actor in seed_brief.actors:
        for position in actor.positions:
            assert len(position.text.split()) >= 4, position
