"""Indirect speech as positions: each attribution pattern, and what is never a position."""

from __future__ import annotations

import pytest

from summarizer import Summarizer

LEAD = (
    "Mayor Peter Hall and union leader Maria Costa met at the town hall on Monday. "
    "The State Department and the Wine Growers Institute sent observers. "
)


def positions(summarizer_: Summarizer, text: str) -> dict[str, list[str]]:
    brief = summarizer_.summarize(LEAD + text)
    return {a.name: [p.text for p in a.positions if not p.direct] for a in brief.actors}


@pytest.mark.parametrize(
    ("sentence", "holder", "content"),
    [
        # S V (that) C
        ("Hall said that the budget would not change this year.", "Peter Hall", "the budget"),
        ("Costa on Tuesday said the strike would go on.", "Maria Costa", "the strike would go on"),
        ("Costa told reporters that the strike would go on.", "Maria Costa", "the strike would"),
        # C, S V  and  C, V S
        ("The budget will not change this year, Hall said.", "Peter Hall", "The budget will"),
        (
            "The strike will go on all winter, said Costa, the union leader.",
            "Maria Costa",
            "The strike",
        ),
        # according to
        ("According to Hall, the budget was approved in May.", "Peter Hall", "the budget was"),
        # participle and coordination take the clause's subject
        (
            "Costa walked out of the meeting, saying the offer was an insult.",
            "Maria Costa",
            "the offer",
        ),
        ("Hall left early and said the talks had failed again.", "Peter Hall", "the talks had"),
        # a description to its named holder
        (
            "The department said the observers would stay for a week.",
            "State Department",
            "observers",
        ),
        # a comma before "but" joins two clauses of one subject
        (
            "Costa rejected both offers, but says that a deal is still possible.",
            "Maria Costa",
            "a deal is still",
        ),
        # circumstances, then "that", then circumstances of what was said
        (
            "Hall also said in an interview that in his town, the budget is already spent.",
            "Peter Hall",
            "the budget is already",
        ),
    ],
)
def test_attribution_patterns(
    summarizer_: Summarizer, sentence: str, holder: str, content: str
) -> None:
    found = positions(summarizer_, sentence)
    assert any(content in p for p in found.get(holder, [])), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Hall said at a news conference on Monday.",  # circumstances only
        "The tower is said to be the largest in the region by far.",  # passive
        "Costa will oppose any move in this direction by the council.",  # a forecast
        "Costa continued her long tour of the region on Tuesday.",  # an action
        "Heavy rain on Sunday threatened to flood the whole valley.",  # a day is no holder
        "Hall has been repeatedly criticized by the union for his slow budget.",  # passive
        "Costa did not respond to several requests for comment on the new budget.",  # silence
    ],
)
def test_no_position_from_what_states_nothing(summarizer_: Summarizer, sentence: str) -> None:
    found = positions(summarizer_, sentence)
    everything = [p for texts in found.values() for p in texts]
    assert not everything, found


def test_a_cue_after_a_quotation_gives_no_indirect_position(summarizer_: Summarizer) -> None:
    text = '"The strike is over for now," Costa told Fox News host Sean Hannity on Monday.'
    found = positions(summarizer_, text)
    assert not any("Hannity" in p for texts in found.values() for p in texts)


def test_a_place_never_holds_a_position(summarizer_: Summarizer) -> None:
    text = "Russian jets bombed the roads around Aleppo, saying the city was a front of the war."
    assert "Aleppo" not in positions(summarizer_, text)


def test_an_entourage_speaks_for_its_principal(summarizer_: Summarizer) -> None:
    text = "Costa's campaign said it would look for a new chair by the end of the year."
    found = positions(summarizer_, text)
    assert any("look for a new chair" in p for p in found["Maria Costa"])


def test_a_participle_after_a_cue_belongs_to_that_cues_speaker(summarizer_: Summarizer) -> None:
    text = (
        "Hall and Costa will meet next week, a council spokesman said, adding that the "
        "talks would be long."
    )
    found = positions(summarizer_, text)
    assert not any("talks would be long" in p for p in found.get("Peter Hall", []))
    assert any("talks would be long" in p for p in found.get("council spokesman", [])), found


def test_a_quotation_closed_by_a_full_stop_ends_its_sentence(summarizer_: Summarizer) -> None:
    text = '"We know this town." Costa says the strike will go on until the spring.'
    found = positions(summarizer_, text)
    assert any("the strike will go on" in p for p in found.get("Maria Costa", [])), found


def test_a_position_ending_in_a_quotation_keeps_its_closing_mark(summarizer_: Summarizer) -> None:
    text = "The attack is \u201cnot the end of the story,\u201d Hall said."
    found = positions(summarizer_, text)
    assert "The attack is \u201cnot the end of the story\u201d" in found["Peter Hall"]


@pytest.mark.parametrize(
    ("text", "holder", "content"),
    [
        # a party tag and an apposition between the name and the cue
        (
            "Sen. Lena Brandt (D-Ore.), chair of the budget committee, said the vote would "
            "wait until spring.",
            "Lena Brandt",
            "the vote would wait",
        ),
        # an indefinite description after the name describes it
        (
            "Ivo Marsh, a farmer from the river valley, said the new dam would flood his land.",
            "Ivo Marsh",
            "the new dam",
        ),
        # an age, then a description
        (
            "Nora Pike, 34, a teacher in Hall's town, said the school would close in June.",
            "Nora Pike",
            "the school would close",
        ),
        # a relative clause too long for an apposition
        (
            "Costa, who last year questioned whether the council had any right to set wages "
            "for the workers of the valley at all, said Friday that the council has the right.",
            "Maria Costa",
            "the council has the right",
        ),
        # a statement of its own right after a quotation
        (
            '"Will you sign?" a reporter asked. Hall acknowledged that the budget is too small '
            "for the schools.",
            "Peter Hall",
            "the budget is too small",
        ),
    ],
)
def test_the_holder_is_the_subject_past_what_stands_between(
    summarizer_: Summarizer, text: str, holder: str, content: str
) -> None:
    found = positions(summarizer_, text)
    assert any(content in p for p in found.get(holder, [])), found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the object of a participle or of a relative clause in the aside holds nothing
        (
            "Costa, contradicting Hall, said she had never agreed to the new budget.",
            "Peter Hall",
        ),
        (
            "Costa, a leader who has refused to meet Mayor Hall, said the strike would go on.",
            "Peter Hall",
        ),
        # after "told" comes the one told, never who told
        (
            "Another union official, organiser Ruth Lane, told Hall that the strike would go on.",
            "Peter Hall",
        ),
    ],
)
def test_a_name_inside_an_aside_or_told_is_not_the_holder(
    summarizer_: Summarizer, text: str, wrong: str
) -> None:
    assert not positions(summarizer_, text).get(wrong), positions(summarizer_, text)


def test_a_name_and_a_colon_label_a_line_as_that_actors_position(
    summarizer_: Summarizer,
) -> None:
    brief = summarizer_.summarize(
        LEAD + "Hall: The Budget Will Not Change Before the Election. Update: The meeting "
        "ended early and everyone went home. WASHINGTON: The city was quiet all day long."
    )
    held = {a.name: [(p.text, p.cue) for p in a.positions] for a in brief.actors}
    assert ("The Budget Will Not Change Before the Election", "") in held["Peter Hall"]
    assert not [a for a in brief.actors if a.name in ("Update", "WASHINGTON")]
