"""Who said it: the attribution rules in ARCHITECTURE.md and their templates, each on a small
hand-made text."""

from __future__ import annotations

import pytest

from summarizer import Summarizer


def speakers(summarizer_: Summarizer, text: str) -> dict[str, str | None]:
    brief = summarizer_.summarize(text)
    return {q.text: q.speaker for q in brief.quotes}


LEAD = "Officials met in the capital on Tuesday to discuss the budget for the coming year. "


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            LEAD + '"We will not give up on this plan," Mayor Jane Porter said.',
            "We will not give up on this plan,",
            "Jane Porter",
        ),
        (
            LEAD + '"We will not give up on this plan," said Jane Porter.',
            "We will not give up on this plan,",
            "Jane Porter",
        ),
        (
            LEAD + 'Jane Porter said: "We will not give up on this plan."',
            "We will not give up on this plan.",
            "Jane Porter",
        ),
        (
            LEAD + 'Jane Porter told reporters "we will not give up on this plan."',
            "we will not give up on this plan.",
            "Jane Porter",
        ),
        (
            LEAD + 'The plan is "dead on arrival," according to Senator Tom Reed.',
            "dead on arrival,",
            "Tom Reed",
        ),
    ],
)
def test_templates(summarizer_: Summarizer, text: str, quote: str, speaker: str) -> None:
    assert speakers(summarizer_, text)[quote] == speaker


def test_surname_maps_to_the_fullest_name(summarizer_: Summarizer) -> None:
    text = (
        "Prime Minister Anna Berg opened the session on Monday with a long speech. "
        '"We have done what we promised," Berg said.'
    )
    brief = summarizer_.summarize(text)
    (quote,) = brief.quotes
    assert quote.speaker == "Anna Berg"
    assert quote.speaker_role == "Prime Minister"


def test_pronoun_goes_to_the_named_subject_not_the_object(summarizer_: Summarizer) -> None:
    text = (
        "The leader of the union, Carl Moss, said the strike over the killing of Peter Lund "
        'had been delayed for talks. "We gave them time, and they wasted it," he said.'
    )
    assert speakers(summarizer_, text)["We gave them time, and they wasted it,"] == "Carl Moss"


def test_pronoun_never_resolves_inside_the_quote(summarizer_: Summarizer) -> None:
    text = (
        "Maria Lopez spoke to the crowd at the rally on Sunday afternoon. "
        '"I told Mr. Frank Hale that we would never stop," she said.'
    )
    assert speakers(summarizer_, text)["I told Mr. Frank Hale that we would never stop,"] == (
        "Maria Lopez"
    )


def test_unnamed_source_and_the_official(summarizer_: Summarizer) -> None:
    text = (
        "An anonymous US official said talks would continue at a lower level this week. "
        'The official called the talks "constructive" and said both sides were "close."'
    )
    found = speakers(summarizer_, text)
    assert found["constructive"] == "US official"
    assert found["close."] == "US official"


def test_continuation_without_cue_keeps_the_speaker(summarizer_: Summarizer) -> None:
    text = (
        'Coach Ron Diaz was pleased after the game. "We played well tonight," Diaz said. '
        '"The defense held on when it mattered and the fans carried us home."'
    )
    found = speakers(summarizer_, text)
    assert found["The defense held on when it mattered and the fans carried us home."] == "Ron Diaz"


def test_titles_and_scare_quotes_are_not_quotations(summarizer_: Summarizer) -> None:
    text = (
        'The film "Gone With The Wind" was shown again at the festival in the old town. '
        'Critics called the remake a "disaster" on Sunday. '
        '"It was a lovely evening for all of us," organizer Ann Wu said.'
    )
    found = speakers(summarizer_, text)
    assert "Gone With The Wind" not in found
    assert found["It was a lovely evening for all of us,"] == "Ann Wu"


def test_i_and_we_are_never_speakers(summarizer_: Summarizer) -> None:
    text = 'Everyone waited outside the court for news. "We did nothing wrong," we heard later.'
    assert speakers(summarizer_, text).get("We did nothing wrong,") is None


def test_quote_offsets_point_into_the_input(summarizer_: Summarizer) -> None:
    text = "WASHINGTON (AP) — " + LEAD + '"Yes," said Jane Porter.'
    brief = summarizer_.summarize(text)
    for q in brief.quotes:
        assert text[q.start : q.end] == q.text


def test_closing_mark_glued_to_the_next_word(summarizer_: Summarizer) -> None:
    text = LEAD + 'Nadia Farouk opened a shop last year. "I make my own way,"she says.'
    assert speakers(summarizer_, text)["I make my own way,"] == "Nadia Farouk"


def test_a_surname_with_one_slip_joins_the_full_name(summarizer_: Summarizer) -> None:
    text = (
        "Aritz Aduriz scored twice as Athletic beat Madrid on Saturday night at home. "
        '"We are very proud of how hard we worked," goalscorer Arduriz said.'
    )
    assert speakers(summarizer_, text)["We are very proud of how hard we worked,"] == (
        "Aritz Aduriz"
    )


def test_participial_cue_belongs_to_the_sentence_subject(summarizer_: Summarizer) -> None:
    text = (
        LEAD + "Former coach Paul Grant said he did not believe the player had cheated, "
        'telling BBC Radio: "Look, it is not very nice but he is not that type of person."'
    )
    quote = "Look, it is not very nice but he is not that type of person."
    assert speakers(summarizer_, text)[quote] == "Paul Grant"


def test_nested_quotation_is_read_inside_its_container(summarizer_: Summarizer) -> None:
    text = (
        LEAD + "\"I know other people who've heard the story say 'How did he fall for it?' "
        'I was the perfect victim," said Al Cadenhead.'
    )
    found = speakers(summarizer_, text)
    assert "How did he fall for it?" not in found
    assert found[
        "I know other people who've heard the story say 'How did he fall for it?' "
        "I was the perfect victim,"
    ] == ("Al Cadenhead")


def test_object_of_a_relative_clause_is_no_antecedent(summarizer_: Summarizer) -> None:
    text = (
        '"We condemn the attack," said Shyam Kumar, the head of the company, which runs '
        'Puthiya Thalaimurai. "We will not be silenced by threats of any kind," he told CNN.'
    )
    found = speakers(summarizer_, text)
    assert found["We will not be silenced by threats of any kind,"] == "Shyam Kumar"


def test_acronym_joins_the_full_name(summarizer_: Summarizer) -> None:
    text = (
        "The Southern Poverty Law Center published its annual count of hate groups today. "
        'The SPLC said the number of groups "fell for the third year running."'
    )
    brief = summarizer_.summarize(text)
    assert brief.quotes[0].speaker == "Southern Poverty Law Center"
    center = next(a for a in brief.actors if a.name == "Southern Poverty Law Center")
    assert "SPLC" in center.aliases and center.kind == "organization"


def test_adjectives_and_capitalised_said_are_handled(summarizer_: Summarizer) -> None:
    text = (
        LEAD + 'He is careful not to say he is teaching, as "professors are very touchy about '
        'that here." Rights are "in free fall across the country," according to Said Boumedouha.'
    )
    found = speakers(summarizer_, text)
    assert found.get("professors are very touchy about that here.") != "careful"
    assert found["in free fall across the country,"] == "Said Boumedouha"
