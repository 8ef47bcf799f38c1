"""What's new through the store: the time `StoryMemory.told` adds to a brief shared in a
channel (the query of the workspace's postings, reading their briefs, grouping and comparing),
wall clock, on SQLite in a temporary folder or on the database given.

A measurement, not a test. Each story is one article of PATH (JSON lines with "article")
told `--earlier` times over, each telling without another of its sentences, and shared in
the channel beside `--others` articles of other stories; then the article itself is shared
and its What's new timed. The pure part alone: summarizer/eval/whatsnew_bench.py.

    .venv/bin/python -m bot.whatsnew_bench ../shared/data/cnndm/validation.jsonl
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.channels import ChannelRef
from bot.service import BriefService, Origin
from bot.store import Store
from bot.timings import percentile
from summarizer import Summarizer
from summarizer.sentences import read_sentences

CHANNEL = ChannelRef("slack", "C-BENCH", "T-BENCH")


def articles(path: Path, count: int) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["article"] for line in lines if line.strip()][:count]


def tellings(text: str, count: int) -> list[str]:
    """`count` versions of the article, version k without its sentence k (past the lead)."""
    found, _ = read_sentences(text)
    sentences = [" ".join(text[s.start : s.end].split()) for s in found]
    left_out = [1 + k % max(1, len(sentences) - 1) for k in range(count)]
    return [" ".join(s for i, s in enumerate(sentences) if i != k) for k in left_out]


async def measure(
    url: str, path: Path, stories: int, earlier: int, others: int, repeat: int
) -> list[float]:
    texts = articles(path, stories * (1 + others) + stories)
    store = await Store.open(url)
    clock = [datetime(2026, 3, 2, tzinfo=UTC)]
    service = BriefService(Summarizer(), store, now=lambda: clock[0])
    timings: list[float] = []
    try:
        for n in range(stories):
            # Each story in a workspace of its own, so stories never meet.
            where = Origin("slack", CHANNEL.channel, f"T-BENCH-{n}", private=False)
            target = ChannelRef(where.platform, where.channel, where.workspace)
            text = texts[n]
            filler = texts[stories + n * others : stories + (n + 1) * others]
            for shared in [*filler, *tellings(text, earlier)]:
                clock[0] += timedelta(minutes=1)
                try:
                    await service.brief_text(shared, origin=where)
                except Exception:
                    continue
            clock[0] += timedelta(minutes=1)
            made = await service._brief_text(text, origin=where)  # shared, not yet compared
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                brief = await service.memory.told(
                    made.brief, made.article_id, target, previous_id=None
                )
                best = min(best, (time.perf_counter() - start) * 1000)
            assert brief.whats_new is not None
            timings.append(best)
    finally:
        await store.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.whatsnew_bench")
    parser.add_argument("path", type=Path)
    parser.add_argument("--database", help="a database URL (default: SQLite in a temp folder)")
    parser.add_argument("--stories", type=int, default=10)
    parser.add_argument("--earlier", type=int, default=20)
    parser.add_argument("--others", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite+aiosqlite:///{folder}/bench.db"
        runs = asyncio.run(
            measure(url, args.path, args.stories, args.earlier, args.others, args.repeat)
        )
    print(
        f"What's new through the store ({url.split(':', 1)[0]}): {len(runs)} briefs, each "
        f"after {args.earlier} earlier articles of its story and {args.others} others; best of "
        f"{args.repeat}, wall clock: median {statistics.median(runs):.1f} ms, "
        f"p95 {percentile(runs, 95):.1f} ms, max {max(runs):.1f} ms"
    )


if __name__ == "__main__":
    main()
