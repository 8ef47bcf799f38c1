"""Many briefs at once through the brief service: how long each reply takes with the briefs
made in this process's threads (as before the pool) and in worker processes (one per core).

A measurement, not a test: it prints figures for the notes. Each request is the sample
article cut to `--words` words with its own first sentence, so every one is a new article that
is stored and briefed; the store is SQLite in a temporary folder. Acknowledgements are the
adapters' and come before this work, so they are not measured here.

    .venv/bin/python -m bot.bench --count 200 --words 150
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bot.service import BriefService
from bot.store import Store
from bot.timings import spread
from bot.workers import BriefWork, InProcess, WorkerPool, worker_count
from summarizer import Summarizer

SEED = next((Path(__file__).resolve().parents[1] / "seeds").glob("000_*.txt"))  # no header


def requests(count: int, words: int) -> list[str]:
    body = " ".join(SEED.read_text(encoding="utf-8").split()[:words])
    return [f"Report {n} from the city desk opened the day. {body}" for n in range(count)]


async def replies(work: BriefWork, texts: list[str], folder: Path, name: str) -> list[float]:
    """Seconds from the common start to each reply, all requests sent at once."""
    store = await Store.open(f"sqlite+aiosqlite:///{folder / name}.db")
    service = BriefService(work, store)
    start = time.perf_counter()

    async def one(text: str) -> float:
        (outcome,) = await service.brief_request(text)
        if outcome.briefed is None:
            raise SystemExit(f"a brief failed: {outcome.problem}")
        return time.perf_counter() - start

    try:
        return list(await asyncio.gather(*(one(t) for t in texts)))
    finally:
        await store.close()


async def main(count: int, words: int, workers: int) -> None:
    texts = requests(count, words)
    print(f"{count} briefs at once, {words + 9} words each")
    with tempfile.TemporaryDirectory() as folder:
        threads = await replies(InProcess(Summarizer()), texts, Path(folder), "threads")
        print(spread("threads (before)", threads, what="replies"))
        async with WorkerPool(workers=workers, time_limit=60) as pool:
            pooled = await replies(pool, texts, Path(folder), "pool")
        print(spread(f"{workers} worker processes", pooled, what="replies"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--workers", type=int, default=worker_count(None))
    args = parser.parse_args()
    asyncio.run(main(args.count, args.words, args.workers))
