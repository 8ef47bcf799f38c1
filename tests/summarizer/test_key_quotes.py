"""Key quotes first: speech and writing before terms, scare quotes, titles and nested ones."""

from __future__ import annotations

from summarizer import Summarizer

TEXT = (
    "The senator spoke in Des Moines on Monday about the so-called \u201cclosed\u201d primaries "
    "and the \u201cprovisional\u201d role of the party in the race.\n\n"
    "She appeared on NBC\u2019s \u201cMeet the Press\u201d later that week to defend her plan.\n\n"
    "\u201cWe are going to win this state, and we are going to win it by a lot,\u201d said "
    "Senator Jane Roe. \u201cMy opponent called it \u2018a hopeless fight\u2019 last year,\u201d "
    "she added.\n\n"
    "Roe called her rival \u201ca total lightweight\u201d and moved on.\n\n"
    "\u201cWe knocked on every door in this county and we will do it again,\u201d said Tom Ray, "
    "her campaign manager."
)


def test_speech_comes_before_terms_titles_and_nested_quotes(summarizer_: Summarizer) -> None:
    quotes = summarizer_.summarize(TEXT).quotes
    texts = [q.text for q in quotes]
    key = [
        "We are going to win this state, and we are going to win it by a lot,",
        "My opponent called it \u2018a hopeless fight\u2019 last year,",
        "We knocked on every door in this county and we will do it again,",
    ]
    assert set(texts[:3]) == set(key)
    for later in ("closed", "provisional", "a total lightweight", "a hopeless fight"):
        if later in texts:
            assert texts.index(later) >= 3, later
    assert "Meet the Press" not in texts[:3]


def test_a_short_partial_quote_keeps_its_speaker(summarizer_: Summarizer) -> None:
    quotes = {q.text: q for q in summarizer_.summarize(TEXT).quotes}
    assert quotes["a total lightweight"].speaker == "Jane Roe"


def test_single_marks_quote_in_an_article_that_quotes_with_them(
    summarizer_: Summarizer,
) -> None:
    british = (
        "The minister spoke in London on Monday about the new rail line.\n\n"
        "\u2018We will build it on time and on budget,\u2019 said Transport Secretary Ann Lee."
    )
    quotes = summarizer_.summarize(british).quotes
    assert [q.speaker for q in quotes] == ["Ann Lee"]


def test_single_marks_beside_double_ones_set_off_terms(summarizer_: Summarizer) -> None:
    text = (
        "Ryan calls the line \u2018racist,\u2019 but backs him.\n\n"
        "\u201cWe will stand by the nominee in the fall, whatever he says,\u201d Ryan said."
    )
    texts = [q.text for q in summarizer_.summarize(text).quotes]
    assert texts == ["We will stand by the nominee in the fall, whatever he says,"]


def test_terms_inside_a_noun_phrase_are_not_quotations(summarizer_: Summarizer) -> None:
    text = (
        "Diplomats discussed a \u201cprovisional\u201d period for the transition on Monday. "
        "Sanders struggles to win so-called \u201cclosed\u201d primaries, and browsed "
        "\u201cmoan\u201d-worthy headlines.\n\n"
        "Ryan called the plan a \u201cdisaster\u201d for the country and left the room."
    )
    texts = [q.text for q in summarizer_.summarize(text).quotes]
    assert "provisional" not in texts
    assert "closed" not in texts
    assert "moan" not in texts
    assert "disaster" in texts  # a word of what Ryan said, not a term


def test_a_quoted_title_is_no_quotation_of_the_person_it_names(summarizer_: Summarizer) -> None:
    text = (
        "Larry Wilmore hosted the dinner in Washington on Saturday night. He is now host of "
        "\u201cThe Nightly Show with Larry Wilmore.\u201d"
    )
    assert summarizer_.summarize(text).quotes == []


def test_attribute_values_of_pasted_markup_are_not_quotations(summarizer_: Summarizer) -> None:
    text = (
        'Giuliani spoke in Ohio on Thursday. <tweet id="771154653060866048" '
        'author="@dmartosko" datetime="2016-09-01">Rudy Giuliani is now wearing a new hat.</tweet>'
    )
    assert summarizer_.summarize(text).quotes == []
