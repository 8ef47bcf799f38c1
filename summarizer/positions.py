"""Where actors stand: indirect speech attributed by a cue, as positions.

The patterns of news attribution (PolNeAR finds about 70% of attributions indirect):
`S V (that) C` ("Hamas accuses Netanyahu of …", "the official said talks would go on"),
`C, S V` and `C, V S` ("Talks will go on, officials said."), `according to S, C` and
`C, according to S`. The content runs to the end of the clause, quoted words included (a
"mixed" attribution). A position is content: a cue followed only by circumstances ("said at
a news conference on Monday"), a passive or infinitive cue ("is said to be the largest", "to
say") and a subject that names nobody give none.
"""

from __future__ import annotations

from summarizer.attribution import Attributor, Speaker
from summarizer.sentences import Sentence
from summarizer.text import clean
from summarizer.types import Position
from summarizer.wordlists import load_set

_CLAUSE_ENDS = frozenset({";", "—", "--", "–"})
_POSITION_CHARS = 300
_MIN_WORDS = 4
_MAX_LEAD = 10  # tokens of circumstances a cue may carry before its "that"
_ADDRESSING = frozenset({"told", "tell", "tells", "telling"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'", "''", "»"})


def _text(att: Attributor, first: int, last: int) -> str:
    start = att.tokens[first].idx
    stop = att.tokens[last].idx + len(att.tokens[last].text)
    text = clean(att.text[start:stop]).strip(" ,")
    if len(text) > _POSITION_CHARS:
        text = text[:_POSITION_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def _clause_end(att: Attributor, start: int, sentence: Sentence) -> int:
    """The last token of the clause that starts at `start` (quoted words belong to it)."""
    end = start
    last = att.sentence_tokens(sentence)[-1]
    while end < last and not (
        att.tokens[end + 1].text in _CLAUSE_ENDS and not att.in_quotation(att.tokens[end + 1].idx)
    ):
        end += 1
    while end > start and att.tokens[end].text in {".", ",", ":", "!", "?"}:
        end -= 1
    return end


def _content_start(att: Attributor, c: int, end: int) -> int | None:
    """The first token of what the cue introduces, past "that", the one told and the
    circumstances; None when only circumstances follow."""
    j = c + 1
    if att.tokens[c].text.lower() == "according":
        return None
    circumstances = load_set("circumstance_words.txt")
    if att.tokens[c].text.lower() in _ADDRESSING:
        # "told reporters (that) …", "told CNN on Monday that …"
        k = j
        while k <= min(end, j + _MAX_LEAD) and att.tokens[k].text.lower() != "that":
            k += 1
        j = k + 1 if k <= end and att.tokens[k].text.lower() == "that" else j + 1
    while j <= end and att.tokens[j].text.lower() in circumstances:
        # "said on Monday that", "said in a statement that": look for the "that"
        k = j
        while k <= min(end, j + _MAX_LEAD) and att.tokens[k].text.lower() != "that":
            k += 1
        if k > end or k > j + _MAX_LEAD:
            return None
        j = k + 1
    if j <= end and att.tokens[j].text.lower() == "that":
        j += 1
    return j if j <= end else None


def _not_a_stance(att: Attributor, c: int) -> bool:
    """Cues that state nothing: passive ("is said to be the largest"), infinitive ("to
    say"), after a modal ("Russia will oppose" is a forecast), or verbs that report speech
    only beside a quotation ("continued", "called into")."""
    word = att.tokens[c].text.lower()
    b = c - 1
    while b > 0 and att.tokens[b].text.lower().endswith("ly"):
        b -= 1  # "has been repeatedly criticized"
    before = att.tokens[b].text.lower() if b >= 0 else ""
    after = att.tokens[c + 1].text.lower() if c + 1 < len(att.tokens) else ""
    if after == "by":
        return True  # "criticized by many Wall Street players": the subject is criticised
    if word in ("said", "told", "asked") and after == "to":
        return True
    if word.startswith("call") and after in load_set("circumstance_words.txt") | {
        "into",
        "off",
        "up",
    }:
        return True
    return (
        before in load_set("passive_auxiliaries.txt")
        or before == "to"
        or before in load_set("modal_verbs.txt")
        or word in load_set("quotation_only_cues.txt")
    )


def _after_quotation(att: Attributor, at: int) -> bool:
    """`"…," Trump told Fox News host Sean Hannity`: a cue right after a quotation is that
    quotation's, and what follows it is where and when."""
    k = at - 1
    if k >= 0 and att.tokens[k].text == ",":
        k -= 1
    return k >= 0 and att.tokens[k].text in _CLOSING_MARKS


def _forward(att: Attributor, c: int, sentence: Sentence, frame: set[int], floor: int):
    """`S V (that) C`: the subject before the cue, the content after it."""
    participle = att.tokens[c].text.endswith("ing") and att.tokens[c - 1].text == ","
    if att.tokens[c - 1].text == "," and not participle and _inverted(att, c, frame):
        return None  # "C, said Matt Latimer, …": an inverted cue points back
    phrase = [] if participle else att.phrase_before(c, frame, floor)
    if any(att.tokens[i].text.lower() in ("and", "or") for i in phrase):
        return None  # a compound subject: no one alone holds the position
    if _after_quotation(att, phrase[0] if phrase else c):
        return None
    end = _clause_end(att, c, sentence)
    start = _content_start(att, c, end)
    if start is None or end - start + 1 < _MIN_WORDS:
        return None
    return phrase, c, start, end  # shown from the cue: "insists the budget will not change"


def _inverted(att: Attributor, c: int, frame: set[int]) -> bool:
    """`…, said Matt Latimer, a speechwriter`: a cue followed by its speaker, whole."""
    after = att.phrase_after(c, frame)
    if not after or not att.tokens[after[0]].text[0].isupper():
        return False
    return att.resolve_holder(after, att.tokens[after[0]].idx) is not None


def _backward(att: Attributor, c: int, sentence: Sentence, frame: set[int], floor: int):
    """`C, S V.` / `C, V S.` / `C, according to S.`: content before the attribution."""
    phrase = att.phrase_before(c, frame, floor)
    if phrase and att.tokens[c].text.lower() != "according" and att.says_nothing(c, frame):
        comma = phrase[0] - 1  # "C, officials said."
    else:
        phrase = att.phrase_after(c, frame)  # "C, said Matt Latimer, a speechwriter …"
        comma = c - 1
        if not phrase or not (
            att.tokens[phrase[0]].text[0].isupper()
            or att.tokens[phrase[0]].text.lower() in ("the", "a", "an")
        ):
            return None
    if (
        comma > floor
        and att.tokens[comma].text in _CLOSING_MARKS
        and att.tokens[comma - 1].text == ","
    ):
        comma -= 1  # `''We are taking a longer view,'' Mr. Pruzan said`
    if not phrase or comma <= floor or att.tokens[comma].text != ",":
        return None
    return phrase, floor, floor, comma - 1


def _according(att: Attributor, c: int, sentence: Sentence, frame: set[int], floor: int):
    """`According to S, C`: the content after the source's comma."""
    opening = sorted(frame)[:2]
    if att.tokens[c].text.lower() != "according" or c not in opening:
        return None  # "C, according to S, a pollster who …" is the backward form
    phrase = att.phrase_after(c, frame)
    if not phrase:
        return None
    comma = phrase[-1] + 1
    if comma >= len(att.tokens) or att.tokens[comma].text != ",":
        return None
    end = _clause_end(att, comma + 1, sentence)
    return phrase, comma + 1, comma + 1, end


def _holder(att: Attributor, c: int, phrase: list[int], sentence: Sentence, floor: int):
    """Who holds the position: the phrase's actor, or for "…, saying C" and "… and said C"
    the subject of the clause."""
    if phrase:
        return att.resolve_holder(phrase, att.tokens[phrase[0]].idx)
    speaker = att.clause_subject(c, sentence)
    if speaker is None and att.tokens[c].text.endswith("ing"):
        frame = set(att.frame(sentence))
        phrase = att.phrase_before(c, frame, floor)
        speaker = att.resolve_holder(phrase, att.tokens[phrase[0]].idx) if phrase else None
    return speaker


def _position(att: Attributor, c: int, sentence: Sentence) -> tuple[Speaker, Position] | None:
    """The first pattern that gives this cue content and a holder."""
    frame = set(att.frame(sentence))
    floor = att.first_token(sentence)
    for pattern in (_according, _forward, _backward):
        match = pattern(att, c, sentence, frame, floor)
        if match is None:
            continue
        phrase, shown, start, end = match
        if end - start + 1 < _MIN_WORDS or all(
            att.in_quotation(att.tokens[i].idx) for i in range(start, end + 1)
        ):
            continue  # too short, or all quotation: the quote is already a position
        speaker = _holder(att, c, phrase, sentence, floor)
        if speaker is None or speaker.name is None:
            continue
        word = att.tokens[c].text
        cue = "according to" if word.lower() == "according" else word
        text = _text(att, shown, end)
        if len(text.split()) >= _MIN_WORDS:
            return speaker, Position(text, cue, sentence.index, False)
    return None


def indirect_positions(att: Attributor) -> list[tuple[Speaker, Position]]:
    found: list[tuple[Speaker, Position]] = []
    for sentence in att.sentences:
        for c in att.all_cues(att.frame(sentence)):
            if not _not_a_stance(att, c):
                position = _position(att, c, sentence)
                if position is not None:
                    found.append(position)
    return found
