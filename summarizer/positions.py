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

import bisect
import re

from summarizer.coreference import Speaker
from summarizer.cues import ADDRESSING, CIRCUMSTANCES, cue_text, is_participle
from summarizer.holders import HolderFinder
from summarizer.sentences import Sentence
from summarizer.text import clean
from summarizer.types import Position
from summarizer.wordlists import load_set

_CLAUSE_ENDS = frozenset({";", "—", "--", "–"})
_COMPOUND = frozenset({"and", "or"})  # a subject holding one names several holders
_POSITION_CHARS = 300
_MIN_WORDS = 4
_MAX_LEAD = 10  # tokens of circumstances a cue may carry before its "that"
_MAX_LABEL = 5  # tokens of a name that labels a line ("Sen. Jane Roe: …")
_LABEL_KINDS = frozenset({"person", "organization"})
# A pattern's match: the holder's phrase, the first token shown, the content's first and last.
_Match = tuple[list[int], int, int, int]
# The formula of a source that said nothing: "(respond) to a request for comment".
_NO_COMMENT = re.compile(
    r"\s+to\s+(?:\S+\s+){0,4}?requests?\s+for\s+(?:comment|an interview)", re.I
)
_INNER_COMMA = re.compile(r",([\"”’']+)$")  # `the story,”` ends as `the story”`
_CLOSING_MARKS = frozenset({'"', "”", "’", "'", "''", "»"})
_PASSIVE = load_set("passive_auxiliaries.txt")
_MODALS = load_set("modal_verbs.txt")
_QUOTATION_ONLY = load_set("quotation_only_cues.txt")
# "called into the show", "called off the talks": a call that is no statement
_CALL_PARTICLES = CIRCUMSTANCES | {"into", "off", "up"}


def _text(holders: HolderFinder, first: int, last: int) -> str:
    start = holders.tokens[first].idx
    stop = holders.tokens[last].idx + len(holders.tokens[last].text)
    text = _INNER_COMMA.sub(r"\1", clean(holders.article.text[start:stop]).strip(" ,"))
    if len(text) > _POSITION_CHARS:
        text = text[:_POSITION_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def _clause_end(holders: HolderFinder, start: int, sentence: Sentence) -> int:
    """The last token of the clause that starts at `start` (quoted words belong to it)."""
    last = holders.article.sentence_tokens(sentence)[-1]
    ends = holders.article.frame_marks(sentence, _CLAUSE_ENDS)  # outside quotation text
    k = bisect.bisect_right(ends, start)
    end = start if start >= last else ends[k] - 1 if k < len(ends) else last
    while end > start and holders.tokens[end].text in {".", ",", ":", "!", "?"}:
        end -= 1
    return end


def _that_within(holders: HolderFinder, j: int, end: int) -> int | None:
    """The "that" a few tokens on that opens what was said, if there is one."""
    for k in range(j, min(end, j + _MAX_LEAD) + 1):
        if holders.tokens[k].lower == "that":
            return k
    return None


def _content_start(holders: HolderFinder, c: int, end: int) -> int | None:
    """The first token of what the cue introduces, past "that", the one told and the
    circumstances; None when only circumstances follow."""
    j = c + 1
    if holders.tokens[c].lower == "according":
        return None
    if holders.tokens[c].lower in ADDRESSING:
        # "told reporters (that) …", "told CNN on Monday that …"
        that = _that_within(holders, j, end)
        j = that + 1 if that is not None else j + 1
    if j <= end and holders.tokens[j].lower in CIRCUMSTANCES:
        # "said on Monday that", "said in a statement that": what was said follows the
        # "that" (and may open with circumstances of its own: "that in her state, …")
        that = _that_within(holders, j, end)
        if that is None:
            return None
        j = that
    if j <= end and holders.tokens[j].lower == "that":
        j += 1
    return j if j <= end else None


def _states_anew(holders: HolderFinder, c: int, end: int) -> bool:
    """A cue followed at once by "that" (past the one told) opens a statement of its own,
    even right after a quotation: `…?" Trump acknowledged that …`, `…,'' adding that …`."""
    for k in range(c + 1, min(end, c + _MAX_LEAD) + 1):
        word = holders.tokens[k].text
        if word.lower() == "that":
            return True
        if not word[0].isalnum() or holders.tokens[c].lower not in ADDRESSING:
            return False  # only the one told may stand between: "told reporters that"
    return False


def _not_a_stance(holders: HolderFinder, c: int) -> bool:
    """Cues that state nothing: passive ("is said to be the largest"), infinitive ("to
    say"), after a modal ("Russia will oppose" is a forecast), or verbs that report speech
    only beside a quotation ("continued", "called into")."""
    tokens = holders.tokens
    word = tokens[c].lower
    b = c - 1
    while b > 0 and tokens[b].lower.endswith("ly"):
        b -= 1  # "has been repeatedly criticized"
    before = tokens[b].lower if b >= 0 else ""
    after = tokens[c + 1].lower if c + 1 < len(tokens) else ""
    if (
        after == "by"  # "criticized by many Wall Street players": the subject is criticised
        or (word in ("said", "told", "asked") and after == "to")
        or (word.startswith("call") and after in _CALL_PARTICLES)
        or before in _PASSIVE
        or before == "to"
        or before in _MODALS
        or word in _QUOTATION_ONLY
    ):
        return True
    # "did not respond to a request for comment" (read last: the word tests are cheaper)
    return _NO_COMMENT.match(holders.article.text, tokens[c].idx + len(tokens[c].text)) is not None


def _after_quotation(holders: HolderFinder, at: int) -> bool:
    """`"…," Trump told Fox News host Sean Hannity`: a cue right after a quotation is that
    quotation's, and what follows it is where and when. A quotation closed by a full stop
    (`"…." Obama says some limits are needed`) ended its sentence: a new statement follows."""
    k = at - 1
    if k >= 0 and holders.tokens[k].text == ",":
        k -= 1
    return (
        k >= 0
        and holders.tokens[k].text in _CLOSING_MARKS
        and not (k > 0 and holders.tokens[k - 1].text == ".")
    )


def _forward(
    holders: HolderFinder, c: int, sentence: Sentence, frame: set[int], floor: int
) -> _Match | None:
    """`S V (that) C`: the subject before the cue, the content after it."""
    participle = is_participle(holders.tokens, c)
    if holders.tokens[c - 1].text == "," and not participle and _inverted(holders, c, frame):
        return None  # "C, said Matt Latimer, …": an inverted cue points back
    phrase = [] if participle else holders.phrases.phrase_before(c, frame, floor)
    if phrase and not _COMPOUND.isdisjoint([holders.tokens[i].lower for i in phrase]):
        return None  # a compound subject: no one alone holds the position
    end = _clause_end(holders, c, sentence)
    if _after_quotation(holders, phrase[0] if phrase else c) and not _states_anew(holders, c, end):
        return None
    start = _content_start(holders, c, end)
    if start is None or end - start + 1 < _MIN_WORDS:
        return None
    return phrase, c, start, end  # shown from the cue: "insists the budget will not change"


def _inverted(holders: HolderFinder, c: int, frame: set[int]) -> bool:
    """`…, said Matt Latimer, a speechwriter`: a cue followed by its speaker, whole (after
    "told" comes the one told, never the speaker)."""
    if holders.tokens[c].lower in ADDRESSING:
        return False
    after = holders.phrases.phrase_after(c, frame)
    if not after or not holders.tokens[after[0]].text[0].isupper():
        return False
    return holders.resolve_holder(after, holders.tokens[after[0]].idx) is not None


def _backward(
    holders: HolderFinder, c: int, sentence: Sentence, frame: set[int], floor: int
) -> _Match | None:
    """`C, S V.` / `C, V S.` / `C, according to S.`: content before the attribution."""
    phrase = holders.phrases.phrase_before(c, frame, floor)
    if (
        phrase
        and holders.tokens[c].lower != "according"
        and holders.cue_finder.says_nothing(c, frame)
    ):
        comma = phrase[0] - 1  # "C, officials said."
    else:
        if holders.tokens[c].lower in ADDRESSING:
            return None  # "told MSNBC": the one told, not who told
        phrase = holders.phrases.phrase_after(c, frame)  # "C, said Matt Latimer, a speechwriter …"
        comma = c - 1
        if not phrase or not (
            holders.tokens[phrase[0]].text[0].isupper()
            or holders.tokens[phrase[0]].lower in ("the", "a", "an")
        ):
            return None
    if (
        comma > floor
        and holders.tokens[comma].text in _CLOSING_MARKS
        and holders.tokens[comma - 1].text == ","
    ):
        # `''We are taking a longer view,'' Mr. Pruzan said`: the closing mark stays with
        # the words it closes
        return (phrase, floor, floor, comma) if phrase and comma - 1 > floor else None
    if not phrase or comma <= floor or holders.tokens[comma].text != ",":
        return None
    return phrase, floor, floor, comma - 1


def _according(
    holders: HolderFinder, c: int, sentence: Sentence, frame: set[int], floor: int
) -> _Match | None:
    """`According to S, C`: the content after the source's comma."""
    if holders.tokens[c].lower != "according" or c not in holders.article.frame(sentence)[:2]:
        return None  # "C, according to S, a pollster who …" is the backward form
    phrase = holders.phrases.phrase_after(c, frame)
    if not phrase:
        return None
    comma = phrase[-1] + 1
    if comma >= len(holders.tokens) or holders.tokens[comma].text != ",":
        return None
    end = _clause_end(holders, comma + 1, sentence)
    return phrase, comma + 1, comma + 1, end


def _holder(
    holders: HolderFinder,
    c: int,
    phrase: list[int],
    sentence: Sentence,
    frame: set[int],
    floor: int,
) -> Speaker | None:
    """Who holds the position: the phrase's actor, or for "…, saying C" and "… and said C"
    the subject of the clause."""
    if phrase:
        return holders.resolve_holder(phrase, holders.tokens[phrase[0]].idx)
    speaker = holders.clause_subject(c, sentence)
    if speaker is None and holders.tokens[c].text.endswith("ing"):
        phrase = holders.phrases.phrase_before(c, frame, floor)
        speaker = holders.resolve_holder(phrase, holders.tokens[phrase[0]].idx) if phrase else None
    return speaker


def _position(
    holders: HolderFinder, c: int, sentence: Sentence, frame: set[int], floor: int
) -> tuple[Speaker, Position] | None:
    """The first pattern that gives this cue content and a holder."""
    for pattern in (_according, _forward, _backward):
        match = pattern(holders, c, sentence, frame, floor)
        if match is None:
            continue
        phrase, shown, start, end = match
        if end - start + 1 < _MIN_WORDS or holders.article.all_blocked(start, end):
            continue  # too short, or all quotation: the quote is already a position
        speaker = _holder(holders, c, phrase, sentence, frame, floor)
        if speaker is None or speaker.name is None:
            continue
        text = _text(holders, shown, end)
        if text.count(" ") >= _MIN_WORDS - 1:  # _text leaves one space between words
            return speaker, Position(text, cue_text(holders.tokens[c]), sentence.index, False)
    return None


def _labelled(
    holders: HolderFinder, sentence: Sentence, frame: list[int]
) -> tuple[Speaker, Position] | None:
    """`Rubio: I Still Believe Trump Can't Be Trusted` (a headline, a transcript line): a
    name and a colon open the sentence, and what follows is the named one's. No cue word
    stands there, so the position has none."""
    floor = holders.article.first_token(sentence)
    colon = next((k for k in frame[: _MAX_LABEL + 1] if holders.tokens[k].text == ":"), None)
    if colon is None or colon == floor or frame[: colon - floor] != list(range(floor, colon)):
        return None
    phrase = list(range(floor, colon))
    if not holders.tokens[floor].text[:1].isupper():
        return None
    end = _clause_end(holders, colon + 1, sentence)
    if end - colon < _MIN_WORDS or holders.article.all_blocked(colon + 1, end):
        return None  # all quotation: the quotation is its own position
    named = [e for _, e in holders.article.mentions_in(phrase) if e.kind in _LABEL_KINDS]
    if not named:
        return None  # "Update: …", "WASHINGTON: …"
    return Speaker.of(named[-1]), Position(
        _text(holders, colon + 1, end), "", sentence.index, False
    )


def indirect_positions(holders: HolderFinder) -> list[tuple[Speaker, Position]]:
    found: list[tuple[Speaker, Position]] = []
    article, cue_finder = holders.article, holders.cue_finder
    for sentence in _read(holders):
        if article.text.find(":", sentence.start, sentence.end) >= 0:  # a label needs one
            labelled = _labelled(holders, sentence, article.frame(sentence))
            if labelled is not None:
                found.append(labelled)
        span = article.sentence_tokens(sentence)
        if not cue_finder.may_cue(span):
            continue
        frame_set = article.frame_set(sentence)
        floor = span.start
        for c in cue_finder.all_cues(article.frame(sentence)):
            if not _not_a_stance(holders, c):
                position = _position(holders, c, sentence, frame_set, floor)
                if position is not None:
                    found.append(position)
    return found


def _read(holders: HolderFinder) -> list[Sentence]:
    """The sentences that may hold a position, in order: those with a cue word or a colon
    (half the sentences have neither, and are not read)."""
    article = holders.article
    text, tokens, starts = article.text, article.tokens, article.sent_starts
    # the sentence each stands in (one standing before the first stands in none)
    held = {bisect.bisect_right(starts, tokens[c].idx) - 1 for c in holders.cue_finder.cue_tokens}
    colon = text.find(":")
    while colon >= 0:
        held.add(bisect.bisect_right(starts, colon) - 1)
        colon = text.find(":", colon + 1)
    held.discard(-1)
    return [article.sentences[n] for n in sorted(held)]
