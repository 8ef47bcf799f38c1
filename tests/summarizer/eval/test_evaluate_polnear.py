"""PolNeAR scoring on made-up articles: quotes, speakers, positions, slices and the command line.

The articles and their gold attributions are written here in the PolNeAR JSONL format;
no PolNeAR text is used.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from locations import REPO

from summarizer.eval import evaluate
from summarizer.eval.inputs import EvalInputError
from summarizer.eval.mentions import head, lower_case_words, mention_kind
from summarizer.eval.polnear_gold import (
    PolnearDoc,
    gold_quotes,
    load_slices,
    parse_docs,
    quoted_stretches,
)
from summarizer.eval.polnear_locate import Locator
from summarizer.eval.polnear_output import sample
from summarizer.eval.polnear_positions import score_doc_positions
from summarizer.eval.polnear_quotes import score_doc_quotes
from summarizer.eval.polnear_speakers import (
    ActorMatcher,
    speaker_keys,
    top_speakers,
)
from summarizer.eval.spans import match_spans
from summarizer.types import Actor, Brief

TEXT = (
    "Mayor Ann Lee said the city would rebuild the river bridge by June.\n\n"
    "\u201cWe will not wait for the state to pay,\u201d she said on Monday.\n\n"
    "Officials said the repairs could cost the city millions of dollars.\n\n"
    "Senator Bob Ray called the plan \u201ca waste of money\u201d in a statement.\n\n"
    "It is far too late for that, he added.\n\n"
    "The officials did not say when the work would start."
)


def attr(
    content: str,
    speaker: str | None,
    kind: str,
    *,
    silver: str | None = None,
    pronoun: bool = False,
    text: str = TEXT,
) -> dict[str, Any]:
    """A gold attribution as build_polnear_dev.py writes it, found by its content."""
    start = text.index(content)
    end = start + len(content)
    return {
        "quote": content,
        "start": start,
        "end": end,
        "content_spans": [[start, end]],
        "speaker": speaker,
        "cue": "said",
        "type": kind,
        "speaker_is_pronoun": pronoun,
        "speaker_entity_silver": silver,
    }


ATTRIBUTIONS = [
    attr(
        "the city would rebuild the river bridge by June",
        "Mayor Ann Lee",
        "indirect",
        silver="Ann Lee",
    ),
    attr(
        "\u201cWe will not wait for the state to pay,\u201d",
        "she",
        "direct",
        silver="Ann Lee",
        pronoun=True,
    ),
    attr("the repairs could cost the city millions of dollars", "Officials", "indirect"),
    attr("the plan \u201ca waste of money\u201d", "Senator Bob Ray", "mixed", silver="Bob Ray"),
    attr("It is far too late for that", "he", "indirect", pronoun=True),
]


def row(
    doc_id: str = "d1", publisher: str = "daily", text: str = TEXT, quotes: Any = None
) -> dict[str, Any]:
    return {
        "id": doc_id,
        "split": "train",
        "publisher": publisher,
        "title": "A bridge",
        "text": text,
        "quotes": ATTRIBUTIONS if quotes is None else quotes,
    }


def doc_of(data: dict[str, Any]) -> PolnearDoc:
    return parse_docs(Path("gold.jsonl"), [{**data, "_line": 1}])[0]


def quote(
    content: str, speaker: str | None, role: str | None = None, sentence: int = 0
) -> dict[str, Any]:
    start = TEXT.index(content)
    return {
        "text": content,
        "start": start,
        "end": start + len(content),
        "speaker": speaker,
        "speaker_role": role,
        "cue": "said",
        "sentence": sentence,
    }


def position(text: str, sentence: int, *, direct: bool = False) -> dict[str, Any]:
    return {"text": text, "cue": "said", "sentence": sentence, "direct": direct}


def brief(
    quotes: list[dict[str, Any]],
    actors: list[dict[str, Any]],
    bullets: list[dict[str, Any]] | None = None,
) -> Brief:
    return Brief.from_dict(
        {
            "title": None,
            "url": None,
            "byline": None,
            "published": None,
            "word_count": 60,
            "reading_minutes": 0.5,
            "bullets": bullets or [],
            "quotes": quotes,
            "actors": actors,
        }
    )


def actor(
    name: str, positions: list[dict[str, Any]], role: str | None = None, aliases: Any = ()
) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "person",
        "role": role,
        "aliases": list(aliases),
        "mentions": 2,
        "positions": positions,
    }


LEE_QUOTE = quote("We will not wait for the state to pay,", "Ann Lee", "Mayor", 1)
RAY_QUOTE = quote("a waste of money", None, None, 3)
SPURIOUS = quote("rebuild the river bridge", "Ann Lee", "Mayor", 0)
LEE = actor(
    "Ann Lee",
    [
        position("the city would rebuild the river bridge by June.", 0),
        position("We will not wait for the state to pay,", 1, direct=True),
    ],
    role="Mayor",
    aliases=["Lee"],
)
RAY = actor(
    "Bob Ray",
    [
        position("the repairs could cost the city millions of dollars.", 2),  # Officials said it
        position("It is far too late for that,", 4),  # only "he", unresolved
        position("The officials did not say when the work would start.", 5),  # nobody said it
        position("Nothing like this sentence is in the article.", 5),
    ],
    role="Senator",
)
BRIEF = brief([LEE_QUOTE, RAY_QUOTE, SPURIOUS], [LEE, RAY])


# --- Gold quotes and matching ------------------------------------------------------------


def test_quoted_stretches_pair_marks_and_skip_short_ones() -> None:
    text = 'He said \u201cyes we can\u201d and "ok" then \u201cnever again'
    stretches = [text[s:e] for s, e in quoted_stretches(text, 0, len(text))]
    # "ok" is too short; the unclosed last quote runs to the end of the span.
    assert stretches == ["yes we can", "never again"]


def test_gold_quotes_come_from_every_attribution_type() -> None:
    gold = gold_quotes(doc_of(row()))
    assert [TEXT[g.start : g.end] for g in gold] == [
        "We will not wait for the state to pay,",
        "a waste of money",
    ]
    assert [g.attribution.type for g in gold] == ["direct", "mixed"]


def test_ties_go_to_the_later_found_quote_as_the_reference_does() -> None:
    doc = doc_of(row())
    gold = gold_quotes(doc)[:1]
    twice = [LEE_QUOTE, LEE_QUOTE]
    found = brief(twice, []).quotes
    assert match_spans(found, gold) == [(0, 0)]
    assert match_spans(found, gold, later_first=True) == [(1, 0)]


# --- Quotes and speakers ------------------------------------------------------------------


def test_quote_counts_and_speaker_judging() -> None:
    scored = score_doc_quotes(doc_of(row()), BRIEF)
    t = scored.tally
    assert (t.gold, t.found, t.matched) == (2, 3, 2)
    assert t.precision == pytest.approx(2 / 3) and t.recall == pytest.approx(1.0)
    # Lee's pronoun "she" is judged through the silver entity: right. Ray's quote has none.
    assert (t.judged, t.right) == (2, 1)
    assert dict(t.wrong_by_kind) == {"name": 1}
    assert t.wrong_found_none == 1
    assert [w.mention for w in scored.wrong] == ["Senator Bob Ray"]
    assert "\u00aba waste of money\u00bb" in scored.wrong[0].context
    assert [m.speaker for m in scored.spurious] == ["Ann Lee"]
    assert scored.missed == []


def test_pronoun_speaker_is_judged_only_through_the_silver_entity() -> None:
    said_she = brief([quote("We will not wait for the state to pay,", "she")], [])
    assert score_doc_quotes(doc_of(row()), said_she).tally.right == 0
    without_silver = [dict(ATTRIBUTIONS[1], speaker_entity_silver=None)]
    unjudged = score_doc_quotes(doc_of(row(quotes=without_silver)), BRIEF).tally
    assert (unjudged.matched, unjudged.judged, unjudged.not_judged) == (1, 0, 1)


def test_role_words_count_but_only_with_a_found_name() -> None:
    gold = [attr("\u201cWe will not wait for the state to pay,\u201d", "the mayor", "direct")]
    named = brief([quote("We will not wait for the state to pay,", "Ann Lee", "city mayor")], [])
    assert score_doc_quotes(doc_of(row(quotes=gold)), named).tally.right == 1
    role_only = brief([quote("We will not wait for the state to pay,", None, "mayor")], [])
    wrong = score_doc_quotes(doc_of(row(quotes=gold)), role_only)
    assert wrong.tally.right == 0 and wrong.wrong[0].kind == "description"


def test_first_five_quotes_are_real() -> None:
    spurious = [quote(w, "X") for w in ("Mayor", "city", "bridge", "June")]
    ordered = brief([LEE_QUOTE, *spurious, RAY_QUOTE], [])
    t = score_doc_quotes(doc_of(row()), ordered).tally
    # The sixth found quote is real but not among the first five a reader sees.
    assert (t.first_real, t.first_shown, t.matched) == (1, 5, 2)


def test_unbriefed_article_misses_all_its_gold() -> None:
    scored = score_doc_quotes(doc_of(row()), None)
    assert (scored.tally.crashed, scored.tally.gold, scored.tally.matched) == (1, 2, 0)
    assert len(scored.missed) == 2


# --- Mentions and speakers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Jane Roe, a professor at the college", "Jane Roe"),
        ("One Acme Bank clerk in Ohio", "One Acme Bank clerk"),
        ("Minister of Finance Ann Lee", "Minister of Finance Ann Lee"),
        ("the lawyer who filed the suit", "the lawyer"),
    ],
)
def test_mention_head(mention: str, expected: str) -> None:
    assert head(mention) == expected


def test_mention_kinds() -> None:
    lower = lower_case_words(TEXT)
    assert mention_kind("he", pronoun=True, lower_words=lower) == "pronoun"
    assert mention_kind("Senator Bob Ray", pronoun=False, lower_words=lower) == "name"
    assert mention_kind("the Ohio senator", pronoun=False, lower_words=lower) == "description"
    assert mention_kind("Officials", pronoun=False, lower_words=lower) == "description"
    assert mention_kind("Officials", pronoun=False, lower_words=set()) == "name"


def test_actor_matches_by_surname_or_full_description() -> None:
    ray = ActorMatcher.of(Actor("Bob Ray Jr.", "person", "Ohio senator", [], 1, []))
    assert ray.matches("Senator Ray")
    assert ray.matches("the Ohio senator")  # every content word is a role or name word
    assert not ray.matches("the senator from Texas")
    assert not ray.matches("Ann Lee")


def test_top_five_speakers_merge_surnames_and_break_ties_by_first_mention() -> None:
    names = ["Ann Lee", "Lee", "Bob Ray", "Cy Dee", "Di Fox", "Ed Gu", "Flo Hu", "Ed Gu"]
    gold = [attr("city", n, "indirect", text="a city") for n in names]
    doc = doc_of(row(text="a city", quotes=gold))
    keys = speaker_keys(doc.attributions)
    assert keys[:2] == ["ann lee", "ann lee"]  # "Lee" joins the one longer key ending in it
    # Ann Lee (2) and Ed Gu (2) first, then the first cited of the rest; Flo Hu is sixth.
    assert top_speakers(keys) == {"ann lee", "ed gu", "bob ray", "cy dee", "di fox"}


# --- Positions ----------------------------------------------------------------------------


def test_positions_recall_top_five_and_precision_verdicts() -> None:
    scored = score_doc_positions(doc_of(row()), BRIEF)
    t = scored.tally
    # Eligible: Lee's indirect and Ray's mixed attribution (Officials is not a name here,
    # "he" has no silver entity). Only Lee's is covered.
    assert (t.covered.total(), t.eligible.total()) == (1, 2)
    assert (t.covered_top, t.eligible_top) == (1, 2)
    assert (t.top_speakers_covered, t.top_speakers) == (1, 2)
    assert t.unlocatable == 1 and t.positions.total() == 6
    assert (t.count("correct"), t.judged()) == (2, 5)
    assert (t.count("correct", direct=False), t.judged(direct=False)) == (1, 4)
    assert [(w.actor, w.verdict) for w in scored.wrong] == [
        ("Bob Ray", "other speaker"),
        ("Bob Ray", "unverifiable"),
        ("Bob Ray", "not in gold"),
    ]
    assert scored.wrong[0].said_by == ("Officials",)


def test_position_covers_half_of_the_shorter() -> None:
    short = actor("Bob Ray", [position("a waste of money", 3)])
    covered = score_doc_positions(doc_of(row()), brief([], [short])).tally
    assert covered.covered == {"mixed": 1}  # all of the position, the shorter of the two
    wide = actor("Bob Ray", [position("Senator Bob Ray called the plan", 3)])
    missed = score_doc_positions(doc_of(row()), brief([], [wide])).tally
    # 8 shared characters, less than half of either: neither covered nor correct.
    assert missed.covered.total() == 0 and missed.count("not in gold") == 1


def test_locator_uses_the_brief_anchors_and_word_prefixes() -> None:
    text = "Alpha said the vote will pass. Beta said the vote will pass. Gamma left."
    second = text.index("the vote", 20)
    anchored = brief([], [], bullets=[{"text": "Beta said the vote will pass.", "sentence": 1}])
    found = Locator(text, anchored).locate("the vote will pass.", 1)
    assert found is not None and (found.start, found.how) == (second, "exact")
    unanchored = Locator(text, brief([], [])).locate("the vote will pass.", 1)
    assert unanchored is not None and (unanchored.start, unanchored.how) == (11, "ambiguous")
    prefix = Locator(text, anchored).locate("Beta said the vote will fail", 1)
    assert prefix is not None and (prefix.start, prefix.how) == (text.index("Beta"), "prefix")
    assert Locator(text, anchored).locate("Delta said nothing at all today", 1) is None


# --- Slices and the command line --------------------------------------------------------


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def polnear_file(tmp_path: Path) -> Path:
    rows = [
        row("d1", "daily"),
        row("d2", "usa-today", TEXT.replace("Monday", "Sunday")),
        row("d3", "daily", TEXT.replace("June", "July")),
        row("d4", "west-journal", TEXT.replace("Monday", "Friday")),  # offsets kept
    ]
    return _write(tmp_path / "polnear.jsonl", rows)


def test_slices_by_publisher_with_a_limit_per_slice(polnear_file: Path) -> None:
    both = load_slices(polnear_file, frozenset({"usa-today", "west-journal"}))
    assert [d.id for d in both.tune] == ["d1", "d3"]
    assert [d.id for d in both.aside] == ["d2", "d4"]
    first = load_slices(polnear_file, frozenset({"usa-today", "west-journal"}), limit=1)
    assert ([d.id for d in first.tune], [d.id for d in first.aside]) == (["d1"], ["d2"])
    with pytest.raises(EvalInputError, match="no article from usa-todya"):
        load_slices(polnear_file, frozenset({"usa-todya"}))


def test_error_sample_is_bounded_and_spread() -> None:
    assert sample(list(range(10)), 4) == [0, 2, 5, 7]
    assert sample([1, 2], 4) == [1, 2]


def _fake(text: str) -> Brief:
    return BRIEF


def _cells(line: str) -> tuple[str, list[str]]:
    """A table row: its label, then its cells (columns are at least two spaces apart)."""
    label, *cells = re.split(r"\s{2,}", line.strip())
    return label, cells


def test_cli_reports_tune_and_aside_side_by_side(
    polnear_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(evaluate, "_summarizer", lambda: _fake)
    args = ["--polnear", str(polnear_file), "--aside", "west-journal", "--show-errors"]
    assert evaluate.main(args) == 0
    out = capsys.readouterr().out
    assert "tune: 3 articles (daily, usa-today); aside: 1 article (west-journal)" in out
    table = dict(_cells(line) for line in out.splitlines() if "  " in line.strip())
    assert table["precision"] == ["0.667 (6/9)", "0.667 (2/3)"]
    assert table["speaker right"] == ["0.500 (3/6)", "0.500 (1/2)"]
    assert table["recall, top-5 speakers"] == ["0.500 (3/6)", "0.500 (1/2)"]
    assert table["wrong: other speaker"] == ["3", "1"]
    assert "ROUGE" not in out and "CNN list" not in out
    assert "[name] d1: gold 'Senator Bob Ray' (silver 'Bob Ray'), found None" in out
    assert "[not in gold] d1: Bob Ray:" in out
    assert "PolNeAR aside: errors not listed" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"id": "d1", "publisher": "daily", "text": "x", "quotes": []}\n{oops\n',
            ":2: not valid JSON",
        ),
        ('{"id": "d1", "publisher": "daily", "quotes": []}\n', 'needs "id", "publisher", "text"'),
        (json.dumps(row(quotes=[dict(ATTRIBUTIONS[0], end=10_000)])) + "\n", "inside the text"),
        (json.dumps(row(quotes=[{"start": 0}])) + "\n", "each quote needs"),
    ],
)
def test_cli_bad_polnear_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    assert evaluate.main(["--polnear", str(bad), "--aside", "daily"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_needs_a_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([]) == 2
    assert "give an articles FILE, --polnear PATH, or both" in capsys.readouterr().err


def test_cli_missing_polnear_file_exits_2_as_a_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer.evaluate", "--polnear", str(tmp_path / "no.jsonl")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("evaluate: cannot read") and "no.jsonl" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_cli_puts_the_cnn_list_beside_polnear(
    polnear_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = 'Rain fell on the town all day. "We are ready for more," Ann Lee said on Monday.'
    start, end = article.index("We are"), article.index(',"') + 1
    listed = {"text": article[start:end], "start": start, "end": end, "speaker": "Ann Lee"}
    _write(tmp_path / "cnn.jsonl", [{"id": "c1", "article": article, "highlights": ["Rain."]}])
    _write(tmp_path / "quotes_dev.jsonl", [{"id": "c1", "quotes": [listed]}])
    found = dict(listed, speaker_role=None, cue="said", sentence=1)
    cnn_brief = brief([found], [])
    monkeypatch.setattr(
        evaluate, "_summarizer", lambda: lambda text: cnn_brief if text == article else BRIEF
    )
    args = [str(tmp_path / "cnn.jsonl"), "--polnear", str(polnear_file), "--aside", "daily"]
    assert evaluate.main(args) == 0
    out = capsys.readouterr().out
    assert "ROUGE-1" in out and "Quotes on 1 article (1 listed, 1 found)" in out
    header = next(line for line in out.splitlines() if "CNN list" in line)
    assert re.split(r"\s{2,}", header.strip()) == [
        "CNN list",
        "PolNeAR tune",
        "PolNeAR aside",
    ]
    table = dict(_cells(line) for line in out.splitlines() if "  " in line.strip())
    assert table["first five quotes are real"] == ["1.000 (1/1)", "0.667 (4/6)", "0.667 (4/6)"]
    assert table["speaker right"] == ["1.000 (1/1)", "0.500 (2/4)", "0.500 (2/4)"]
    assert table["Positions: recall, all"] == ["–", "0.500 (2/4)", "0.500 (2/4)"]
