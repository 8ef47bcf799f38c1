"""Who said each quotation: the cue and speaker phrase for one quotation at a time.

Follows the attribution rules in ARCHITECTURE.md: the cue is looked for in the
quotation's own sentence, then one sentence either side within the paragraph, never inside
quotation text; the nearest cue wins; a quotation with no cue inherits its neighbour's
speaker, takes its sentence's subject, the subject of the clause its colon ends, the holder of
the indirect speech before it, or the name that labels it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from summarizer.article import title_like
from summarizer.coreference import LONE_SOURCES, Speaker
from summarizer.cues import ADDRESSING, MARKS_AND_COMMAS, cue_text, is_participle
from summarizer.holders import HolderFinder
from summarizer.labels import label
from summarizer.phrases import CONJUNCTIONS, DOCUMENTS
from summarizer.quotemarks import Quoted
from summarizer.sentences import Sentence
from summarizer.text import is_capitalised
from summarizer.tokens import Tok
from summarizer.wordlists import load_set

_MIN_UNCUED_WORDS = 6  # a cue-less stretch shorter than this is a term, title or scare quote
_MAX_SUBJECT_WORDS = 5  # a subject opening a sentence before its cue ("LeVell declared")
_NAMING = load_set("naming_words.txt")
# A naming word and the space after it, sought in one search: "known as a "least weasel""
_NAMING_SPACED = re.compile("|".join(re.escape(f"{w} ") for w in sorted(_NAMING)))
_MAX_TERM_WORDS = 2  # a quoted term inside a noun phrase ("a "provisional" period")
_WORDS_COUNTED = 11  # more than the longest title (_is_name_or_title), term or fragment
_TERM_DETERMINERS = load_set("term_determiners.txt")
CLAUSE_BREAKS = load_set("clause_breaks.txt")
_PARTICLES = load_set("verb_particles.txt")


@dataclass(frozen=True, slots=True)
class Attribution:
    quoted: Quoted
    sentence: int
    speaker: Speaker | None
    cue: str | None


class SpeakerFinder:
    """Attribution for one article; built once, asked once per quotation."""

    def __init__(self, holders: HolderFinder) -> None:
        self.holders = holders  # the parts of the article both finders read
        self.article = holders.article
        self.tokens = holders.tokens
        self.cue_finder = holders.cue_finder
        self.phrases = holders.phrases
        self.resolver = holders.resolver

    def _cue_in(
        self, q: Quoted, sentence: Sentence, previous: Speaker | None
    ) -> tuple[Speaker | None, str | None] | None:
        cues = self.cue_finder.cues(self.article.frame(sentence))
        if not cues:
            return None  # most sentences: nothing more to read
        frame_set = self.article.frame_set(sentence)
        close = q.close_at if q.close_at is not None else q.end
        floor = self.article.first_token(sentence)

        def distance(c: int) -> int:
            at = self.tokens[c].idx
            return at - close if at > close else q.open_at - at

        if self.article.text[q.end - 1 : q.end] in (".", "!", "?"):
            # `"… wherever it exists." The French Embassy warned its citizens …`: a cue with
            # its own content after a finished quotation starts a new statement
            cues = [c for c in cues if not self.cue_finder.new_statement(c, close, frame_set)]
            if not cues:
                return None
        # "Cruz said he's certain Rubio will continue to be "Q"": the main clause's cue
        inside = in_complements(self.tokens, cues, frame_set, q.open_at)
        cues = [c for c in cues if c not in inside]
        ordered = sorted(cues, key=distance)
        fallback: tuple[Speaker, str] | None = None
        first = min(cues)
        for c in ordered:
            if is_participle(self.tokens, c):
                # "Scholes said he did not believe …, telling BT Sport:": the sentence's subject
                main = (
                    (
                        self.phrases.phrase_before(first, frame_set, floor)
                        or self.phrases.phrase_after(first, frame_set)
                    )
                    if c != first
                    else []
                )
                speaker = (
                    self.resolver.resolve(main, q.open_at, previous)
                    if main
                    else self.resolver.subject_of(sentence, sentence.paragraph, self.tokens[c].idx)
                )
                if speaker is None:  # "The Florida senator sought …, saying": no person named
                    speaker = self.holders.opening_subject(sentence, c, previous)
                if speaker is not None:
                    return speaker, cue_text(self.tokens[c])
                continue
            if c != first and self.tokens[c].idx > close and self.tokens[c - 1].lower == "and":
                continue  # `called the talks "Q" and said …`: the cue before it introduces it
            phrase = self._speaker_phrase(c, close, frame_set, floor)
            if not phrase and c != first and self.tokens[c - 1].text == "and":
                phrase = self.phrases.phrase_before(
                    first, frame_set, floor
                )  # "X called … and said"
            speaker = self._issuer(phrase, c, sentence, previous)
            if speaker is None:
                speaker = self.resolver.resolve(phrase, q.open_at, previous) if phrase else None
            if speaker is None and (not phrase or phrase[0] < c):
                # no subject before the cue, or one naming nobody ("…, recently telling"):
                # the clause's shared subject; words after it are what was said
                speaker = self.holders.clause_subject(c, sentence)
            if speaker is None:
                continue
            if self.tokens[c].lower == "according" and speaker.kind == "organization":
                fallback = fallback or (speaker, cue_text(self.tokens[c]))
                continue  # "X described …, according to KUTV": the outlet only reports it
            return speaker, cue_text(self.tokens[c])
        if fallback is not None:
            return fallback
        if is_participle(self.tokens, first):
            return None, cue_text(self.tokens[ordered[0]])  # "…, saying": no subject before it
        # "The official called the talks “constructive” and said …": the sentence's subject
        speaker = self.resolver.resolve(
            self.phrases.phrase_before(first, frame_set, floor), q.open_at, previous
        )
        if speaker is None and first == floor and self.tokens[first].lower.endswith("ing"):
            speaker = self._previous_holder(sentence)  # `Adding, "Q"`: goes on from before
        return speaker, cue_text(self.tokens[ordered[0]])

    def _issuer(
        self, phrase: list[int], c: int, sentence: Sentence, previous: Speaker | None
    ) -> Speaker | None:
        """`His office put out a statement saying "Q"`: a text that is the object of the
        clause says what its issuer, the clause's subject, says."""
        if not phrase or not self.tokens[c].lower.endswith("ing"):
            return None
        if self.tokens[phrase[-1]].lower not in DOCUMENTS:
            return None
        articles = [i for i in [phrase[0] - 1, *phrase] if self.tokens[i].lower in ("a", "an")]
        if not articles:
            return None  # "The statement said": the text is the subject
        verb = articles[0] - 1
        if self.tokens[verb].lower in _PARTICLES:
            verb -= 1  # "put out a statement"
        frame = self.article.frame_set(sentence)
        subject = self.phrases.phrase_before(verb, frame, self.article.first_token(sentence))
        found = self.holders.resolve_holder(subject, self.tokens[verb].idx) if subject else None
        return found or self.holders.opening_subject(sentence, phrase[0], previous)

    def _speaker_phrase(self, c: int, close: int, frame: set[int], floor: int) -> list[int]:
        cue_tok = self.tokens[c]
        relative = self.cue_finder.past_relative.get(c)
        if relative is not None:  # "an official who spoke anonymously said": the official
            return self.phrases.phrase_before(relative, frame, floor)
        if cue_tok.lower == "according":
            return self.phrases.phrase_after(c, frame)
        if cue_tok.idx > close:
            # `Q," S V` when words stand between the quotation and the cue, else `Q," V S`
            # the tokens from `first` to the cue stand after the quotation (in text order)
            first = bisect.bisect_right(self.article.token_starts, close, floor, c)
            after = self.phrases.phrase_after(c, frame)
            inverted = after and self._names_someone(after[0])
            before = (
                self.phrases.phrase_before(c, frame, first)
                if any(self.tokens[i].text not in MARKS_AND_COMMAS for i in range(first, c))
                else []
            )
            addressed = cue_tok.lower in ADDRESSING  # "told CNN": CNN was told
            if inverted and not addressed and self.tokens[c - 1].text in MARKS_AND_COMMAS:
                return after  # `Q," said John Delury` / `… to North Korea, said John Delury`
            if self.tokens[c - 1].lower in ("and", "but", "to"):
                # `Q" and said it was …`, `"Q" to deny services`: a coordinated cue or an
                # infinitive; the clause's subject says it (below), not the words after it
                return []
            return before or ([] if addressed else after)
        # `Smith said: "Q"`, or sentence-initial and inverted: `Wrote one poster, "Q"`
        before = self.phrases.phrase_before(c, frame, floor)
        if c == floor:
            return before or self.phrases.phrase_after(c, frame)
        if self._interrupting(c, before, frame):
            return self.phrases.phrase_after(c, frame)
        return before

    def _interrupting(self, c: int, before: list[int], frame: set[int]) -> bool:
        """An inverted cue set off by commas before the quotation it introduces (`"Q1," said
        the senator, "Q2"`, `But, said Solovey, "Q"`): right after a mark, with at most a
        conjunction before it, and its subject closed by a comma or a colon."""
        cue = self.tokens[c]
        if cue.lower in ADDRESSING or self.tokens[c - 1].text not in MARKS_AND_COMMAS:
            return False
        linked = len(before) == 1 and self.tokens[before[0]].lower in CONJUNCTIONS
        if before and not linked:
            return False
        after = self.phrases.phrase_after(c, frame)
        if not after or not self._names_someone(after[0]):
            return False
        end = after[-1] + 1
        return end < len(self.tokens) and self.tokens[end].text in (",", ":")

    def _names_someone(self, i: int) -> bool:
        """The words after an inverted cue start a subject: a name or "the/a …"."""
        word = self.tokens[i].text
        return (
            is_capitalised(word)
            or word.lower() in ("the", "a", "an")
            or (
                word in LONE_SOURCES  # `"…," tweeted another.`
            )
        )

    def attribute(self, q: Quoted, previous: Attribution | None) -> Attribution | None:
        """The quotation's attribution, or None when it is not a direct quotation."""
        n = self.article.sentence_of(q.start)
        sentence = self.article.sentences[n]
        prev_speaker = previous.speaker if previous else None
        # its words counted only up to the most any rule below compares (a title's ten)
        words = len(self.article.text[q.start : q.end].split(None, _WORDS_COUNTED))
        found = self._cue_in(q, sentence, prev_speaker)
        if found is None and n > 0:
            before = self.article.sentences[n - 1]
            opens = self.article.text[sentence.start : q.open_at].strip() == ""
            near = before.paragraph == sentence.paragraph or (
                opens and before.paragraph == sentence.paragraph - 1
            )
            if near and self.article.text[before.start : before.end].rstrip().endswith(":"):
                found = self._cue_in(q, before, prev_speaker)  # "Dr. Ward stated:\n\n"Q""
        if found is None and self._cue_opens_next(q, n):
            found = self._cue_in(q, self.article.sentences[n + 1], prev_speaker)
        if found is None:
            labelled = label(self.article, q, n)
            if labelled is not None:
                return Attribution(q, n, labelled, None)
        if self._is_term(q, words):
            return None  # the so-called "closed" primaries, a "provisional" period
        if self.article.text[q.open_at - 1 : q.open_at] == "=":
            return None  # markup left in a paste: <tweet author="@dmartosko">
        if found is None and not q.continued:
            introduced = self._after_colon(q, prev_speaker)
            if introduced is not None:
                return Attribution(q, n, introduced, None)
        if found is None:
            mostly = _mostly_quotation(q, sentence)
            if not q.continued and self._is_name_or_title(q, words):
                return None  # "The Nightly Show with Larry Wilmore." names a show
            if not q.continued and words >= _MIN_UNCUED_WORDS:
                # "… Ricciardo is looking to …, "Q."" or "Herzog believes …. "Q.""
                own = (
                    None
                    if mostly
                    else self.resolver.subject_of(sentence, sentence.paragraph, q.open_at)
                )
                spoke_before = previous is not None and previous.sentence == n - 1
                if own is None and mostly and n > 0 and not spoke_before:
                    # "Herzog believes …. "Q."": unless a quotation there already had a speaker
                    own = self._last_holder(n - 1, sentence.paragraph) or self.resolver.subject_of(
                        self.article.sentences[n - 1], sentence.paragraph
                    )
                if own is None and mostly and (previous is None or previous.sentence < n - 1):
                    # `Sanders credited the win to "Q."`: the person before it in its sentence,
                    # when nothing before it speaks and no quotation next door lends one
                    own = self.resolver.subject_of(sentence, sentence.paragraph, q.open_at)
                if own is not None:
                    return Attribution(q, n, own, None)
            inherits = previous is not None and (
                q.continued
                or (previous.sentence >= n - 2 and mostly)
                or (
                    self.article.sentences[previous.sentence].paragraph == sentence.paragraph
                    and previous.sentence >= n - 1
                    and words >= _MIN_UNCUED_WORDS
                )
            )
            if inherits and previous is not None:
                return Attribution(q, n, previous.speaker, None)
            if q.single or (q.continued and self._is_name_or_title(q, words)):
                return None  # a title (asked above unless continued), or a single-quoted line
            if words < _MIN_UNCUED_WORDS:
                own = self._fragment_holder(q, sentence)
                return Attribution(q, n, own, None) if own is not None else None
            return Attribution(q, n, None, None)
        speaker, cue = found
        if self._is_name_or_title(q, words):
            return None
        return Attribution(q, n, speaker, cue)

    def _fragment_holder(self, q: Quoted, sentence: Sentence) -> Speaker | None:
        """`Rivera calls Santilli a "fascist"`, `Cruz accused him of running a "fiction-filled
        campaign"`: a short fragment after a verb that characterises, states or takes a stance
        is in its subject's words; the subject of the nearest such verb before it."""
        frame = self.article.frame(sentence)
        cues = set(self.cue_finder.all_cues(frame))
        v = next(  # read back from the quotation: the nearest verb is the one wanted
            (
                i
                for i in reversed(frame)
                if self.tokens[i].idx < q.open_at
                and (i in cues or self.cue_finder.is_characterising(i))
            ),
            None,
        )
        if v is None:
            return None
        frame_set = self.article.frame_set(sentence)
        phrase = self.phrases.phrase_before(v, frame_set, self.article.first_token(sentence))
        holder = self.holders.resolve_holder(phrase, self.tokens[v].idx) if phrase else None
        return holder or self.holders.clause_subject(v, sentence)

    def _last_holder(self, n: int, paragraph: int) -> Speaker | None:
        """`Carter said that … would not happen. "Q"`: a quotation standing alone after
        indirect speech goes on with it, so the holder of the sentence's last cue says it,
        even across a paragraph break."""
        sentence = self.article.sentences[n]
        if sentence.paragraph not in (paragraph, paragraph - 1):
            return None
        frame = self.article.frame(sentence)
        frame_set = self.article.frame_set(sentence)
        floor = self.article.first_token(sentence)
        cues = self.cue_finder.all_cues(frame) if frame else []
        # "Carter said that some critics had been predicting …": what a cue reports is
        # no holder's statement of its own
        inside = (
            in_complements(self.tokens, cues, frame_set, self.tokens[frame[-1]].idx + 1)
            if cues
            else set()
        )
        for c in reversed(cues):
            if is_participle(self.tokens, c) or c in inside:
                continue  # "…, asking them …": the words before it are no holder
            phrase = self.phrases.phrase_before(c, frame_set, floor)
            phrase = phrase or self.phrases.phrase_after(c, frame_set)
            holder = self.holders.resolve_holder(phrase, self.tokens[c].idx) if phrase else None
            if holder is not None:
                return holder
        return None

    def _previous_holder(self, sentence: Sentence) -> Speaker | None:
        """The holder of the last cue in the sentence before, for a cue with no subject of
        its own that opens its sentence (`Smith said …. Adding, "Q"`)."""
        n = self.article.sentence_of(sentence.start)
        return self._last_holder(n - 1, sentence.paragraph) if n > 0 else None

    def _after_colon(self, q: Quoted, previous: Speaker | None) -> Speaker | None:
        """`Clinton has since apologized for what happened: "Q"`: a clause that ends in a colon
        introduces the quotation after it, and its subject says it."""
        k = bisect.bisect_left(self.article.token_starts, q.open_at) - 1
        if k <= 0 or self.tokens[k].text != ":":
            return None
        sentence = self.article.sentences[self.article.sentence_of(self.tokens[k].idx)]
        return self.holders.opening_subject(sentence, k, previous)

    def _cue_opens_next(self, q: Quoted, n: int) -> bool:
        """`"And I'm not being paid!" LeVell declared.`: the splitter ended the sentence at
        the quotation's "!" or "?", and the next one in the paragraph opens with `S V`."""
        if q.close_at is None or n + 1 >= len(self.article.sentences):
            return False
        after = self.article.sentences[n + 1]
        if after.paragraph != self.article.sentences[n].paragraph or after.start - q.close_at > 2:
            return False
        frame = self.article.frame(after)[: _MAX_SUBJECT_WORDS + 1]
        for k, i in enumerate(frame):
            if self.tokens[i].text in {",", ";", ":", "(", "—"}:
                return False
            if k > 0 and self.cue_finder.is_speech_verb(i):
                return self.cue_finder.says_nothing(i, set(self.article.frame(after)))
        return False

    def _is_term(self, q: Quoted, words: int) -> bool:
        """A word or two in quotation marks used inside a noun phrase: after a determiner and
        before its noun (`a "provisional" period`), or glued to a hyphen (`"moan"-worthy`)."""
        if words > _MAX_TERM_WORDS or q.close_at is None:
            return False
        text = self.article.text
        after = text[q.close_at + 1 : q.close_at + 3]
        if after.startswith("-") and after[1:2].isalpha():
            return True
        before = text[max(0, q.open_at - 12) : q.open_at].split()
        following = text[q.close_at + 1 : q.close_at + 20].split()
        return (
            bool(before)
            and before[-1].lower() in _TERM_DETERMINERS
            and bool(following)
            and following[0].isalpha()
            and following[0].islower()
            and following[0]
            not in STOP_WORDS  # "a "disaster" for" is said; "a "provisional" period" is not
            and text[q.end - 1] not in ",.!?;:"
        )

    def _is_name_or_title(self, q: Quoted, words: int) -> bool:
        """Titles of works and names ("Go Set a Watchman," 'known as a "least weasel"')."""
        if words <= 10 and title_like(self.article.text[q.start : q.end]):
            return True
        before = self.article.text[max(0, q.open_at - 30) : q.open_at].lower().split()
        # a naming word ending the last three words is followed by the space added here
        return _NAMING_SPACED.search(" ".join(before[-3:]) + " ") is not None


def in_complements(tokens: list[Tok], cues: list[int], frame: set[int], opens: int) -> set[int]:
    """The cues (ascending) inside what an earlier cue of the sentence reports, before the
    quotation: no quotation and no clause break (data/clause_breaks.txt) stands between them
    ("Nance said she would like Trump to explain"), so the earlier cue's speaker is the one
    quoted. One pass: when any earlier cue reports into a cue, the nearest one does too (its
    stretch lies inside), so each token is read once whatever the number of cues."""
    found: set[int] = set()
    reporter: int | None = None  # the nearest earlier cue that can report (no participle)
    clean, scanned = False, 0  # nothing breaks the clause from reporter up to `scanned`
    for c in cues:
        if reporter is not None and clean:
            for i in range(scanned, c):
                if i not in frame or tokens[i].lower in CLAUSE_BREAKS:
                    clean = False
                    break
            scanned = c
            if clean and tokens[c].idx <= opens:
                found.add(c)
        if tokens[c].lower != "according" and not is_participle(tokens, c):
            reporter, clean, scanned = c, True, c + 1
    return found


def _mostly_quotation(q: Quoted, sentence: Sentence) -> bool:
    span = sentence.end - sentence.start
    return span > 0 and (q.end - q.start) / span >= 0.6


def attribute_all(finder: SpeakerFinder, quoted: list[Quoted]) -> list[Attribution]:
    """Every top-level quotation's attribution; a nested one is read inside its container."""
    found: list[Attribution] = []
    previous: Attribution | None = None
    for q in quoted:
        if q.depth > 0:
            continue
        a = finder.attribute(q, previous)
        if a is not None:
            found.append(a)
            if a.speaker is not None or previous is None:
                previous = a
    return found
