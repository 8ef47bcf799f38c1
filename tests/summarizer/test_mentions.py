"""Mentions typed from evidence: gazetteers, first names, name structure and the article's
own use of words."""

from __future__ import annotations

import pytest

from summarizer import Summarizer
from summarizer.gazetteer import first_name_gender, is_place, name_particles, name_suffixes


def kinds(summarizer_: Summarizer, text: str) -> dict[str, str]:
    return {a.name: a.kind for a in summarizer_.summarize(text).actors}


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Cologne", True),  # an English exonym of Köln
        ("Benghazi", True),
        ("South Florida", True),  # a compass word before a state
        ("Western Europe", True),
        ("Warren", False),  # a small city, but more often a surname
        ("Title Sponsor", False),
    ],
)
def test_places_come_from_the_gazetteer(name: str, place: bool) -> None:
    assert is_place(name) is place


def test_first_names_carry_their_usual_gender() -> None:
    assert first_name_gender("Carly") == "f"
    assert first_name_gender("Ted") == "m"
    assert first_name_gender("Sponsor") is None
    assert first_name_gender("carly") is None  # a lower-case word is no name


def test_particles_and_suffixes_come_from_nameparser() -> None:
    assert {"al", "bin", "van", "de"} <= name_particles()
    assert "do" not in name_particles()  # an English word, not a particle here
    assert {"jr", "sr", "iii"} <= name_suffixes()
    assert "v" not in name_suffixes()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"We will not back down from this fight," said Kim Soo-hyun, a spokesman.',
            "Kim Soo-hyun",
        ),
        (
            '"Our goal is peace, and nothing less," said Rami al-Hasan, the group\'s leader.',
            "Rami al-Hasan",
        ),
        (
            '"I am proud of everything my father built," said John Smith Jr., the heir.',
            "John Smith Jr.",
        ),
        (
            '"I am proud of everything my father built," said John Smith III on Monday.',
            "John Smith III",
        ),
    ],
)
def test_names_keep_hyphens_particles_and_suffixes(
    summarizer_: Summarizer, text: str, speaker: str
) -> None:
    assert summarizer_.summarize(text).quotes[0].speaker == speaker


def test_a_surname_joins_a_name_with_a_suffix(summarizer_: Summarizer) -> None:
    text = (
        '"I am proud of everything my father built," said John Smith III, the heir. '
        'Smith added that "nothing at all will change for the workers."'
    )
    assert [q.speaker for q in summarizer_.summarize(text).quotes] == ["John Smith III"] * 2


def test_kinds_from_evidence(summarizer_: Summarizer) -> None:
    text = (
        "The Democratic National Convention opened in Cologne on a wet Monday morning. "
        "Florida Republicans said the national convention was a show. "
        "The Democratic National Convention closed in Cologne on Thursday night. "
        "Florida Republicans left early, and Carly Fiorina stayed. Carly Fiorina spoke."
    )
    found = kinds(summarizer_, text)
    assert found["Democratic National Convention"] == "organization"  # "national" in lower case
    assert found["Cologne"] == "place"
    assert found["Florida Republicans"] == "group"
    assert found["Carly Fiorina"] == "person"


def test_the_gazetteer_is_read_when_the_summarizer_is_made(summarizer_: Summarizer) -> None:
    from summarizer import gazetteer

    assert gazetteer._places.cache_info().currsize == 1  # loaded before any brief asks


def test_a_news_agency_or_party_branch_is_no_person(summarizer_: Summarizer) -> None:
    found = kinds(
        summarizer_,
        "On Friday the Westland GOP said the vote was fair, and Harbor Press said the count "
        "was late.",
    )
    assert found["Westland GOP"] == "organization"
    assert found["Harbor Press"] == "organization"


def test_a_one_word_name_a_pronoun_takes_up_is_a_person(summarizer_: Summarizer) -> None:
    text = (
        "Moderator Ann Bell asked about the wall on Friday. Then Okafor said the plan was far "
        'too costly. "We cannot pay for a wall of that size, not this year," he said.'
    )
    brief = summarizer_.summarize(text)
    assert {a.name: a.kind for a in brief.actors}["Okafor"] == "person"
    assert [q.speaker for q in brief.quotes] == ["Okafor"]


@pytest.mark.parametrize(
    "text",
    [
        # after a possessive: a party, whatever pronoun follows
        "Herzog's party trails Benjamin Netanyahu's Likud party. "
        '"I know how to work together with others," he says.',
        # after a determiner: an era
        "Farms failed across Kansas during the Depression, and he sold the land in 1934.",
        # after a verb: a predicate, not a subject
        "Asked whether he likes being Pope, he laughed and said nothing at all.",
    ],
)
def test_a_one_word_name_that_opens_no_clause_is_not_typed_by_a_pronoun(
    summarizer_: Summarizer, text: str
) -> None:
    assert "person" not in [
        a.kind
        for a in summarizer_.summarize(text).actors
        if a.name in ("Likud", "Depression", "Pope")
    ]
