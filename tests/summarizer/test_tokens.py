"""Token tables read run by run must be the tables of spaCy's own Doc, token for token."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.lexicon import CAPITAL, GENDERED, SPEECH, STANCE
from summarizer.pipeline import load_pipeline
from summarizer.tokens import RunTokens, TokenTable, token_table

_NLP = load_pipeline()

# Words, special cases of one and of several tokens (`''`, `Mr.`, `:(`), glued quotation
# marks, and every kind of white space between them.
_PIECES = st.sampled_from(
    [
        *["He", "said", "the", "U.S.", "Mr.", "Mr", "Dr.", "a.m.", "10a.m.", "don't", "it's"],
        *["''", "'", "''And", "Tiger.''", "''24,''", '"', 'way,"she', "“Yes,”", "(", ")"],
        *[":", ":(", "(-:", ".", "...", ",", "'s", "Jesus'", "'em", "e.g.", "vs.", "Wash."],
        *["O'Neill", "al-Hasan", "Москва", "北京", "🙂", "https://example.com/a?b=1", "3:30"],
    ]
)
_SPACE = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", " \n", "\t", "\xa0", ""])
_TEXT = st.lists(st.tuples(_PIECES, _SPACE), min_size=1, max_size=60).map(
    lambda parts: "".join(word + space for word, space in parts)
)


def _spacy_table(text: str) -> TokenTable:
    return token_table(_NLP(text))


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_TEXT, min_size=1, max_size=4))
def test_run_tables_are_the_doc_tables(texts: list[str]) -> None:
    runs = RunTokens(_NLP.tokenizer)  # one reader for several texts: runs seen before reused
    for text in texts:
        assert runs.table(text) == _spacy_table(text)


def test_a_special_case_across_two_runs_is_tokenized_as_spacy_does() -> None:
    # spaCy's matcher sees `'' ''` across the space, and that match keeps one `''` split.
    text = "tage to ''Eye of the Tiger.'' ''And we will unify our party"
    runs = RunTokens(_NLP.tokenizer)
    runs.table("Tiger.'' ''And")  # both runs known, learned apart
    assert runs.table(text) == _spacy_table(text)


def test_runs_are_remembered_only_up_to_the_limit() -> None:
    runs = RunTokens(_NLP.tokenizer, kept=2)
    assert [t.text for t in runs.table("one two").tokens] == ["one", "two"]
    table = runs.table("three, four")  # not remembered, still read right
    assert [(t.text, t.idx, t.whitespace_) for t in table.tokens] == [
        ("three", 0, ""),
        (",", 5, " "),
        ("four", 7, ""),
    ]
    assert table == _spacy_table("three, four")


def test_only_the_stretches_that_could_hold_a_special_case_are_tokenized_whole() -> None:
    # Two such stretches, one at the very end and one before a line break, among known runs.
    text = "He said: 'No.'' ''And then :\n'( Tiger.'' ''And, Mr. Smith said :( ''"
    runs = RunTokens(_NLP.tokenizer)
    runs.table(" ".join(text.split()))  # every run known, learned apart
    assert runs.table(text) == _spacy_table(text)
    assert runs.table(text + " x") == _spacy_table(text + " x")


def test_a_text_of_many_such_stretches_is_tokenized_whole_and_right() -> None:
    text = " word ".join(["Tiger.'' ''And"] * 100)  # a hostile text: a hundred stretches
    runs = RunTokens(_NLP.tokenizer)
    runs.table("Tiger.'' word ''And")  # the runs known, learned apart
    assert runs.table(text) == _spacy_table(text)


def test_tokens_are_marked_with_what_the_stages_look_for() -> None:
    text = "Mrs. Ng said she backs the iPhone deal, “Élan” warned, according to Ng."
    runs = RunTokens(_NLP.tokenizer)
    runs.table(text)  # learned: the second reading is made of known runs
    table = runs.table(text)
    assert table == _spacy_table(text)
    marks = {t.text: t.marks for t in table.tokens}
    assert marks["Mrs."] == CAPITAL | GENDERED
    assert marks["Ng"] == marks["Élan"] == CAPITAL
    assert marks["said"] == marks["warned"] == SPEECH | STANCE
    assert marks["backs"] == STANCE
    assert marks["according"] == SPEECH
    assert marks["she"] == GENDERED
    assert marks["iPhone"] == marks["the"] == marks["“"] == 0  # no capital letter first
    assert table.marked == [k for k, t in enumerate(table.tokens) if t.marks]
    assert table.starts == [t.idx for t in table.tokens]
