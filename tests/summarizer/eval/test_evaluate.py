"""The evaluation tool: overlap matching, speaker normalisation, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from locations import REPO

from summarizer.eval import evaluate
from summarizer.eval.cnn_quotes import (
    FoundQuote,
    ListedQuote,
    QuoteReport,
    QuoteTally,
    normalize_speaker,
    same_speaker,
    score_article_quotes,
)
from summarizer.eval.spans import match_spans, spans_match
from summarizer.types import Brief, Quote


def listed(start: int, end: int, speaker: str | None = "A", *, nested: bool = False) -> ListedQuote:
    return ListedQuote("x" * (end - start), start, end, speaker, nested=nested)


def found(start: int, end: int, speaker: str | None = "A") -> FoundQuote:
    return FoundQuote("x" * (end - start), start, end, speaker)


# --- Matching ---------------------------------------------------------------------------


def test_half_of_each_span_must_be_covered() -> None:
    assert spans_match(found(0, 10), listed(0, 10))
    assert spans_match(found(0, 12), listed(2, 10))  # a trailing mark or two: same quote
    assert spans_match(found(0, 10), listed(5, 15))  # exactly half of each
    assert not spans_match(found(0, 10), listed(6, 16))  # 4 of 10: less than half
    assert not spans_match(found(0, 100), listed(10, 20))  # a long span swallowing a short one
    assert not spans_match(found(10, 20), listed(0, 100))  # a fragment of a long quote
    assert not spans_match(found(0, 10), listed(10, 20))  # touching is not overlapping


def test_matching_is_one_to_one_and_greedy_by_overlap() -> None:
    # Found 0 overlaps listed 0 by 6 and listed 1 by 8: it takes listed 1, the larger.
    # Found 1 could only ever match listed 1, which is taken: it stays spurious.
    spans_found = [found(4, 14), found(7, 15)]
    spans_listed = [listed(0, 10), listed(6, 16)]
    assert match_spans(spans_found, spans_listed) == [(0, 1)]


def test_every_listed_quote_matched_once() -> None:
    spans_found = [found(100, 150), found(0, 40), found(0, 40)]
    spans_listed = [listed(0, 40), listed(100, 150), listed(200, 210)]
    pairs = match_spans(spans_found, spans_listed)
    assert pairs == [(1, 0), (0, 1)]  # ordered by listed quote; the duplicate is left over


# --- Speakers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Benjamin Netanyahu", "benjamin netanyahu"),
        ("  The U.S.  official ", "us official"),
        ("the Malian government", "malian government"),
        ("THE FA", "fa"),
        ("Theo Walcott", "theo walcott"),  # "the" only as a word
        ("Dr. Jane   Smith", "dr jane smith"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_speaker(raw: str | None, normal: str | None) -> None:
    assert normalize_speaker(raw) == normal


def test_same_speaker() -> None:
    assert same_speaker("US official", "the U.S. official")
    assert same_speaker(None, None)
    assert not same_speaker("Obama", None)
    assert not same_speaker(None, "Obama")
    assert not same_speaker("Barack Obama", "Obama")


# --- Scoring one article --------------------------------------------------------------


def test_article_score_counts_and_errors() -> None:
    spans_listed = [
        listed(0, 20, "Ann Lee"),
        listed(30, 50, "Bob Ray"),
        listed(60, 80, None),
        listed(90, 100, "Cy Roe"),
    ]
    spans_found = [
        found(0, 20, "ann lee"),  # right (case)
        found(31, 50, "Ann Lee"),  # wrong speaker
        found(60, 79, None),  # right: null == null
        found(200, 230, "Dee"),  # spurious
    ]
    score = score_article_quotes("a1", spans_found, spans_listed)
    tally = score.everything
    assert (tally.listed, tally.found, tally.matched, tally.speaker_right) == (4, 4, 3, 2)
    assert tally.precision == pytest.approx(0.75)
    assert tally.recall == pytest.approx(0.75)
    assert tally.f1 == pytest.approx(0.75)
    assert tally.speaker_accuracy == pytest.approx(2 / 3)
    assert [q.start for q in score.errors.missed] == [90]
    assert [f.start for f in score.errors.spurious] == [200]
    assert [(q.speaker, f.speaker) for q, f in score.errors.wrong_speaker] == [
        ("Bob Ray", "Ann Lee")
    ]


def test_nested_quotations_can_be_left_out() -> None:
    outer, inner = listed(0, 100, "Ann"), listed(40, 60, "Bob", nested=True)
    only_outer = score_article_quotes("a", [found(0, 100, "Ann")], [outer, inner])
    assert only_outer.everything.recall == pytest.approx(0.5)
    assert only_outer.top_level.recall == pytest.approx(1.0)
    assert only_outer.top_level.precision == pytest.approx(1.0)
    # Finding the inner one too is neither right nor wrong once nested ones are left out.
    both = score_article_quotes("a", [found(0, 100, "Ann"), found(40, 60, "Bob")], [outer, inner])
    assert both.everything.matched == 2
    assert (both.top_level.found, both.top_level.matched, both.top_level.listed) == (1, 1, 1)


def test_empty_tally_does_not_divide_by_zero() -> None:
    empty = QuoteTally()
    assert (empty.precision, empty.recall, empty.f1, empty.speaker_accuracy) == (0, 0, 0, 0)


def test_first_five_found_quotes_share() -> None:
    spans_listed = [listed(i * 100, i * 100 + 20) for i in range(6)]
    # The third found quote is not a quotation; the sixth and seventh are never shown first.
    spans_found = [found(0, 20), found(100, 120), found(50, 60), found(200, 220)]
    spans_found += [found(300, 320), found(400, 420), found(500, 520)]
    score = score_article_quotes("a", spans_found, spans_listed)
    assert (score.first_real, score.first_shown) == (4, 5)
    few = score_article_quotes("b", [found(0, 20), found(50, 60)], spans_listed)
    assert (few.first_real, few.first_shown) == (1, 2)


def test_wrong_speakers_are_told_apart_by_the_listed_mention() -> None:
    text = "the mayor spoke. Officials and officials. Lee said it."
    spans_listed = [
        ListedQuote("x", 0, 10, "Ann Lee", speaker_in_text="she", cue="said"),
        ListedQuote("x", 20, 30, "mayor", speaker_in_text="the city's mayor", cue="said"),
        ListedQuote("x", 40, 50, "Ann Lee", speaker_in_text="Lee", cue=None),
        ListedQuote("x", 60, 70, "officials", speaker_in_text="Officials", cue="said"),
    ]
    spans_found = [found(0, 10, "Bob"), found(20, 30, None), found(40, 50, "Bob")]
    spans_found.append(found(60, 70, "Bob"))
    report = QuoteReport()
    report.add(score_article_quotes("a", spans_found, spans_listed), text)
    # "Officials" opens a sentence but the article writes "officials": a description.
    assert report.wrong_by_kind == {"pronoun": 1, "description": 2, "name": 1}
    assert (report.wrong_found_none, report.wrong_no_cue) == (1, 1)


# --- The command line -----------------------------------------------------------------

ARTICLE = (
    "Floods swept the northern valley on Sunday, killing twelve people. "
    "Rescue teams reached three towns by boat on Monday. "
    '"We will rebuild every bridge," Mayor Ann Lee said on Tuesday. '
    "The government promised money for the bridges and the road."
)
HIGHLIGHTS = [
    "Floods swept the northern valley on Sunday, killing twelve people.",
    "Rescue teams reached three towns by boat on Monday.",
]


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    _write_jsonl(
        tmp_path / "articles.jsonl",
        [
            {"id": "a1", "article": ARTICLE, "highlights": HIGHLIGHTS},
            {"id": "a2", "article": ARTICLE.replace("Floods", "Storms"), "highlights": ["x y z"]},
        ],
    )
    start = ARTICLE.index("We will")
    end = ARTICLE.index(',"') + 1  # punctuation inside the marks belongs to the quote
    _write_jsonl(
        tmp_path / "quotes.jsonl",
        [
            {
                "id": "a1",
                "quotes": [
                    {"text": ARTICLE[start:end], "start": start, "end": end, "speaker": "Ann Lee"}
                ],
            }
        ],
    )
    return tmp_path


def _fake_summarizer(speaker: str | None) -> Callable[[], Callable[[str], Brief]]:
    """A stand-in engine so the figures depend on the scoring, not on the extractor."""

    def summarize(text: str) -> Brief:
        start = text.index("We will")
        end = text.index(',"')  # drops the comma: still the same quotation
        quote = Quote(text[start:end], start, end, speaker, None, "said", 2)
        return Brief(None, None, None, None, 1, 0.5, [], [quote], [])

    return lambda: summarize


def test_cli_scores_quotes_and_shows_errors(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(evaluate, "_summarizer", _fake_summarizer("Mayor Lee"))
    args = [str(data_dir / "articles.jsonl"), "--quotes", str(data_dir / "quotes.jsonl")]
    assert evaluate.main([*args, "--show-errors"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("all quotations"))
    assert row.split()[2:6] == ["1.000", "1.000", "1.000", "0.000"]  # P R F1 speaker
    assert "SPEAKER" in out and "'Ann Lee'" in out and "'Mayor Lee'" in out
    assert "First five quotes of each brief that are listed quotations: 1.000 (1/1)" in out


def test_cli_briefs_each_article_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """a1 is scored by ROUGE and by the quote list, from one brief."""
    briefed: list[str] = []
    make = _fake_summarizer("Ann Lee")()

    def counting(text: str) -> Brief:
        briefed.append(text)
        return make(text)

    monkeypatch.setattr(evaluate, "_summarizer", lambda: counting)
    args = [str(data_dir / "articles.jsonl"), "--quotes", str(data_dir / "quotes.jsonl")]
    assert evaluate.main(args) == 0
    assert len(briefed) == 2 and len(set(briefed)) == 2  # two articles, each once
    assert "Quotes on 1 article" in capsys.readouterr().out


def test_cli_rouge_table_on_real_engine(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([str(data_dir / "articles.jsonl"), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "on 1 article " in out
    lead = {
        line.split()[0]: float(line.split()[2])
        for line in out.splitlines()
        if line.startswith("ROUGE-")
    }
    # Lead-3 holds both highlight sentences: every reference word is found.
    assert lead["ROUGE-1"] > 60
    assert "Quotes on" not in out  # no quotes_dev.jsonl beside the file, none given


def test_quotes_dev_beside_the_file_is_picked_up(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "quotes.jsonl").rename(data_dir / "quotes_dev.jsonl")
    monkeypatch.setattr(evaluate, "_summarizer", _fake_summarizer("Ann Lee"))
    assert evaluate.main([str(data_dir / "articles.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "Quotes on 1 article (1 listed, 1 found)" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a1", "article": "x", "highlights": []}\n{not json\n', "2: not valid JSON"),
        ('{"id": "a1", "article": "x"}\n', "highlights"),
        ("[1, 2]\n", "expected a JSON object"),
    ],
)
def test_bad_articles_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    assert evaluate.main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_quotes_for_unknown_article_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_jsonl(data_dir / "other.jsonl", [{"id": "nope", "quotes": []}])
    args = [str(data_dir / "articles.jsonl"), "--quotes", str(data_dir / "other.jsonl")]
    assert evaluate.main(args) == 2
    assert "nope is not in the articles file" in capsys.readouterr().err


def test_missing_file_exits_2_as_a_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer.evaluate", str(tmp_path / "missing.jsonl")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 2
    assert "cannot read" in done.stderr and "missing.jsonl" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
