"""The main actors of a story and where each stands.

Positions come only from what the text attributes: a direct quotation, or indirect
speech whose subject resolves to the actor ("Hamas accuses Benjamin Netanyahu of …").
A compound subject ("Israel and Hamas blame each other") gives no one a position.
"""

from __future__ import annotations

from operator import attrgetter

from summarizer.cast import Cast
from summarizer.coreference import LONE_SOURCES, Speaker
from summarizer.positions import indirect_positions
from summarizer.speakers import Attribution, SpeakerFinder
from summarizer.text import clean
from summarizer.types import Actor, Position

# Renderers show the first six; the Brief keeps a dozen, so that whoever the story quotes
# or reports at some length is listed with what they said.
MAX_ACTORS = 12
# Positions beyond this many add nothing to an actor's weight: one who speaks at length is
# not more central than one who speaks often.
WEIGHED_POSITIONS = 4
_MIN_POSITION_WORDS = 4
_IN_ORDER = attrgetter("direct", "sentence")  # indirect positions first, in article order


def build_actors(finder: SpeakerFinder, quotes: list[Attribution], cast: Cast) -> list[Actor]:
    article = finder.article
    positions: dict[str, list[Position]] = {}
    speakers: dict[str, Speaker] = {}
    for a in quotes:
        if a.speaker is None or a.speaker.name is None:
            continue
        text = clean(article.text[a.quoted.start : a.quoted.end]).rstrip(",")
        if len(text.split()) < _MIN_POSITION_WORDS:
            continue  # "working teams" is a phrase borrowed, not a stand taken
        positions.setdefault(a.speaker.name, []).append(
            Position(text, a.cue or "said", a.sentence, True)
        )
        speakers.setdefault(a.speaker.name, a.speaker)
    for speaker, position in indirect_positions(finder.holders):
        assert speaker.name is not None
        positions.setdefault(speaker.name, []).append(position)
        speakers.setdefault(speaker.name, speaker)

    actors: list[tuple[float, int, Actor]] = []
    seen: set[str] = set()
    for entity in cast.entities:
        said = positions.get(entity.name)
        if len(entity.mentions) < 2 and not said:
            continue  # named once and saying nothing: not listed, so nothing to sort
        own = sorted(said, key=_IN_ORDER) if said else []
        seen.add(entity.name)
        actor = Actor(
            name=entity.name,
            kind=entity.kind,  # type: ignore[arg-type]
            role=entity.role,
            aliases=sorted(entity.aliases),
            mentions=len(entity.mentions),
            positions=own,
        )
        actors.append((_weight(actor), entity.first, actor))
    for name, speaker in speakers.items():
        if name in seen or name in LONE_SOURCES:
            continue  # "another" speaks, but is no one to list
        own = sorted(positions[name], key=_IN_ORDER)
        sentences = len({p.sentence for p in own})  # an unnamed source is counted where it speaks
        actor = Actor(name, speaker.kind, speaker.role, [], sentences, own)  # type: ignore[arg-type]
        actors.append((_weight(actor), article.sent_starts[own[0].sentence], actor))
    actors.sort(key=lambda item: (-item[0], item[1]))
    return [actor for _, _, actor in actors[:MAX_ACTORS]]


def _weight(actor: Actor) -> float:
    """Mentions, plus what the actor says: the story is about those who act and speak."""
    return actor.mentions + 2.0 * min(len(actor.positions), WEIGHED_POSITIONS)
