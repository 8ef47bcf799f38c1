"""Wire datelines never open a bullet: the place, agency and dash go, the sentence stays."""

from __future__ import annotations

import pytest
from locations import SEED

from summarizer import Summarizer
from summarizer.datelines import without_dateline


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (AP) — ",
        "WASHINGTON (AP) -- ",
        "LONDON (Reuters) - ",
        "PARIS, Dec 3 (Reuters) - ",
        "NEW YORK, Dec. 3, 2026 (AP) — ",
        "BEIRUT, Lebanon (CNN) — ",
        "(CNN) -- ",
        "KYIV, Ukraine — ",
        "ROME – ",
    ],
)
def test_common_wire_datelines_are_taken_off(dateline: str) -> None:
    assert without_dateline(dateline + "The Senate voted on Monday.") == (
        "The Senate voted on Monday."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "US - China talks resumed on Monday.",  # a short name and a hyphen: no dateline
        "EU — UK trade rose.",
        "WASHINGTON - the city - voted.",  # a place alone needs a long dash
        "The US (AP) — no dateline opens like this.",
        "A storm hit WASHINGTON — again.",
        "WASHINGTON (AP) — ",  # nothing would be left
    ],
)
def test_other_sentences_are_kept_whole(sentence: str) -> None:
    assert without_dateline(sentence) == sentence


def test_a_wire_story_has_no_dateline_in_its_bullets(summarizer_: Summarizer) -> None:
    text = "BEIRUT, Lebanon (AP) — " + SEED.read_text(encoding="utf-8")
    brief = summarizer_.summarize(text)
    assert brief.bullets[0].sentence == 0  # the sentence that held the dateline is a bullet
    assert not any("(AP)" in b.text or "BEIRUT" in b.text for b in brief.bullets)
    assert brief.bullets[0].text.startswith("The heavy exchange of fire")
