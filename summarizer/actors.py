"""The main actors of a story and where each stands.

Positions come only from what the text attributes: a direct quotation, or indirect
speech whose subject resolves to the actor ("Hamas accuses Benjamin Netanyahu of …").
A compound subject ("Israel and Hamas blame each other") gives no one a position.
"""

from __future__ import annotations

from summarizer.attribution import Attribution, Attributor, Speaker
from summarizer.names import Cast
from summarizer.text import clean
from summarizer.types import Actor, Position

MAX_ACTORS = 8
MAX_POSITIONS = 4
_CLAUSE_ENDS = frozenset({";", "—", "--"})
_POSITION_CHARS = 300
_MIN_POSITION_WORDS = 4


def _indirect_positions(att: Attributor) -> list[tuple[Speaker, Position]]:
    found: list[tuple[Speaker, Position]] = []
    for sentence in att.sentences:
        frame = att.frame(sentence)
        frame_set = set(frame)
        floor = att.first_token(sentence)
        for c in att.stance_cues(frame):
            phrase = att.phrase_before(c, frame_set, floor)
            if not phrase or any(att.tokens[i].text.lower() == "and" for i in phrase):
                continue
            end = c + 1
            while (
                end < len(att.tokens)
                and end in frame_set
                and att.tokens[end].text not in _CLAUSE_ENDS
            ):
                end += 1
            if end - c < 4 or (end < len(att.tokens) and end not in frame_set and end - c < 6):
                continue  # nothing said in the frame: a quotation's attribution
            speaker = att.resolve_holder(phrase, att.tokens[phrase[0]].idx)
            if speaker is None or speaker.name is None:
                continue
            start = att.tokens[c].idx
            stop = att.tokens[end - 1].idx + len(att.tokens[end - 1].text)
            text = clean(att.text[start:stop]).rstrip(",")
            if len(text) > _POSITION_CHARS:
                text = text[:_POSITION_CHARS].rsplit(" ", 1)[0] + " …"
            cue = att.tokens[c].text
            found.append((speaker, Position(text, cue, sentence.index, False)))
    return found


def build_actors(att: Attributor, quotes: list[Attribution], cast: Cast) -> list[Actor]:
    positions: dict[str, list[Position]] = {}
    speakers: dict[str, Speaker] = {}
    for a in quotes:
        if a.speaker is None or a.speaker.name is None or a.quoted.depth:
            continue
        text = clean(att.text[a.quoted.start : a.quoted.end]).rstrip(",")
        if len(text.split()) < _MIN_POSITION_WORDS:
            continue  # "working teams" is a phrase borrowed, not a stand taken
        positions.setdefault(a.speaker.name, []).append(
            Position(text, a.cue or "said", a.sentence, True)
        )
        speakers.setdefault(a.speaker.name, a.speaker)
    for speaker, position in _indirect_positions(att):
        assert speaker.name is not None
        positions.setdefault(speaker.name, []).append(position)
        speakers.setdefault(speaker.name, speaker)

    actors: list[tuple[float, int, Actor]] = []
    seen: set[str] = set()
    for entity in cast.entities:
        own = sorted(positions.get(entity.name, []), key=lambda p: (p.direct, p.sentence))
        if len(entity.mentions) < 2 and not own:
            continue
        seen.add(entity.name)
        actor = Actor(
            name=entity.name,
            kind=entity.kind,  # type: ignore[arg-type]
            role=entity.role,
            aliases=sorted(entity.aliases),
            mentions=len(entity.mentions),
            positions=own[:MAX_POSITIONS],
        )
        actors.append((_weight(actor), entity.first, actor))
    for name, speaker in speakers.items():
        if name in seen:
            continue
        own = sorted(positions[name], key=lambda p: (p.direct, p.sentence))
        sentences = len({p.sentence for p in own})  # an unnamed source is counted where it speaks
        actor = Actor(name, "group", speaker.role, [], sentences, own[:MAX_POSITIONS])
        actors.append((_weight(actor), att.sent_starts[own[0].sentence], actor))
    actors.sort(key=lambda item: (-item[0], item[1]))
    return [actor for _, _, actor in actors[:MAX_ACTORS]]


def _weight(actor: Actor) -> float:
    """Mentions, plus what the actor says: the story is about those who act and speak."""
    return actor.mentions + 2.0 * len(actor.positions)
