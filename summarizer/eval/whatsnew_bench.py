"""`python -m summarizer.eval.whatsnew_bench PATH`: what What's new adds to a brief.

A brief shared in a channel is compared with the earlier articles of its story in the window:
their stored briefs are read (JSON), grouped by the digest's story grouping together with the
new brief, and the story's briefs compared with it (summarizer.novelty). Each story here is one
article of PATH told `--earlier` times over (each telling drops another sentence and swaps
the others in pairs: what a follow-up or another outlet's version looks like to a lexical
measure), shared beside `--others` articles of other stories; the new brief is the article
itself. CPU time per new brief, best of `--repeat`, over `--stories` stories.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from summarizer.briefing import Summarizer
from summarizer.errors import BriefError
from summarizer.eval.bench import BenchInputError, Timings, _cpu_ns, load_texts, pin_to_one_core
from summarizer.novelty import same_story, whats_new
from summarizer.sentences import read_sentences
from summarizer.types import Brief, Since

SINCE = Since(title="Earlier", url="https://example.org/earlier", shared_at=None)


def tellings(text: str, count: int) -> list[str]:
    """`count` versions of the article: version k drops sentence k (past the lead) and swaps
    the sentences after the lead in pairs on odd k."""
    found, _ = read_sentences(text)
    sentences = [" ".join(text[s.start : s.end].split()) for s in found]
    out = []
    for k in range(count):
        dropped = 1 + k % max(1, len(sentences) - 1)
        kept = [s for i, s in enumerate(sentences) if i != dropped]
        if k % 2:
            body = kept[1:]
            for i in range(0, len(body) - 1, 2):
                body[i], body[i + 1] = body[i + 1], body[i]
            kept = kept[:1] + body
        out.append(" ".join(kept))
    return out


def compare(stored: Sequence[str], brief: Brief) -> int:
    """The work the service does per brief: read the stored briefs, find the story, compare."""
    earlier = [Brief.from_dict(json.loads(s)) for s in stored]
    story = same_story(earlier, brief)
    if not story:
        return 0
    found = whats_new([earlier[i] for i in story], brief, since=SINCE)
    return len(story) + len(found.sentences)


def run(path: Path, stories: int, earlier: int, others: int, repeat: int) -> str:
    texts = load_texts(path, stories + others)
    summarizer = Summarizer()

    def brief(text: str) -> Brief | None:
        try:
            return summarizer.summarize(text)
        except BriefError:
            return None

    other_briefs = [b for b in map(brief, texts[stories:]) if b is not None][:others]
    other_json = [b.to_json(indent=None) for b in other_briefs]
    runs: list[float] = []
    grouped: list[int] = []
    for text in texts[:stories]:
        new = brief(text)
        if new is None:
            continue
        story = [b.to_json(indent=None) for b in map(brief, tellings(text, earlier)) if b]
        stored = [*other_json, *story]
        best = float("inf")
        for _ in range(repeat):
            start = _cpu_ns()
            found = compare(stored, new)
            best = min(best, (_cpu_ns() - start) / 1e6)
        runs.append(best)
        grouped.append(len(same_story([Brief.from_dict(json.loads(s)) for s in stored], new)))
    timings = Timings(runs)
    del found
    return (
        f"What's new: {len(runs)} briefs, each against {earlier} earlier tellings of its story "
        f"among {len(other_json)} other articles; best of {repeat}\n"
        f"  median {timings.median:.2f} ms, p95 {timings.p95:.2f} ms, max {max(runs):.2f} ms "
        f"(CPU time)\n"
        f"  earlier articles found in the story: median {sorted(grouped)[len(grouped) // 2]} "
        f"of {earlier}"
    )


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.eval.whatsnew_bench",
        description="CPU time What's new adds to a brief shared after earlier articles.",
    )
    parser.add_argument("path", type=Path, help=".jsonl (article/text), .txt, or a folder of .txt")
    parser.add_argument("--stories", type=_positive, default=20, help="new briefs (default 20)")
    parser.add_argument("--earlier", type=_positive, default=20, help="earlier articles (20)")
    parser.add_argument("--others", type=_positive, default=0, help="other stories' articles")
    parser.add_argument("--repeat", type=_positive, default=5, help="timed passes (default 5)")
    args = parser.parse_args(argv)
    pin_to_one_core()
    try:
        print(run(args.path, args.stories, args.earlier, args.others, args.repeat))
    except BenchInputError as err:
        print(f"whatsnew_bench: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
