"""How fast /who and search answer over many stored briefs: a store filled with made-up
briefs (their rows made by the same code as the store's writes, inserted in bulk), then the
service's queries timed from a channel of a busy workspace.

A measurement, not a test: it prints figures for the notes. SQLite in a temporary folder by
default; `--database` names another (a scratch PostgreSQL database: its tables are made by
the migrations, and the bench refuses a database that already holds articles).

    .venv/bin/python -m bot.memory_bench --briefs 10000
    .venv/bin/python -m bot.memory_bench --briefs 10000 \
        --database postgresql+asyncpg://postgres@127.0.0.1/briefbot_membench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from bot.channels import ChannelRef
from bot.memory import MemoryService
from bot.store import Store
from bot.store.hashing import content_hash
from bot.store.recall import brief_rows
from bot.store.schema import (
    ActorRow,
    Article,
    BriefRow,
    NameKeyRow,
    PostingRow,
    SearchDocumentRow,
    StatementRow,
)
from bot.timings import percentile

T0 = datetime(2026, 1, 1, tzinfo=UTC)
WORKSPACE = "T1"
ASKER = ChannelRef("slack", "C0", WORKSPACE)
ROLES = ("minister", "mayor", "spokesperson", "senator", "union leader", "chief executive")
CHUNK = 1000
RUNS = 15


def _words(rng: random.Random, count: int) -> list[str]:
    """Made-up words of two or three syllables; the same seed gives the same words."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    made = {"".join(rng.choices(syllables, k=rng.choice((2, 3)))) for _ in range(count * 2)}
    return sorted(made)[:count]


def _people(rng: random.Random, words: list[str], count: int) -> list[dict[str, str]]:
    return [
        {
            "name": f"{rng.choice(words).title()} {rng.choice(words).title()}",
            "role": f"{rng.choice(('Northern', 'Eastern', 'Coastal'))} {rng.choice(ROLES).title()}",
        }
        for _ in range(count)
    ]


def made_up_brief(rng: random.Random, n: int, words: list[str], people: list[dict[str, str]]):
    """A brief's JSON dict: four bullets, three quotes, three actors with a position each."""

    def sentence(length: int) -> str:
        return " ".join(rng.choices(words, k=length)).capitalize() + "."

    cast = rng.sample(people, 3)
    return {
        "title": f"Story {n}: {sentence(6)}",
        "url": f"https://news.example/{n}",
        "bullets": [{"text": sentence(20), "sentence": i} for i in range(4)],
        "quotes": [
            {"text": sentence(14), "speaker": p["name"], "speaker_role": p["role"], "cue": "said"}
            for p in cast
        ],
        "actors": [
            {
                "name": p["name"],
                "kind": "person",
                "role": p["role"],
                "aliases": [p["name"].split()[-1]],
                "mentions": 3,
                "positions": [{"text": sentence(12), "cue": "warned", "direct": False}],
            }
            for p in cast
        ],
    }


def _posting(rng: random.Random, n: int) -> dict[str, Any]:
    """80% public channels of the asker's workspace, 10% private ones, 10% another's."""
    roll = rng.random()
    workspace, private = WORKSPACE, False
    if roll > 0.9:
        workspace = "T2"
    elif roll > 0.8:
        private = True
    channel = f"{'G' if private else 'C'}{rng.randrange(20)}"
    return {
        "article_id": n,
        "platform": "slack",
        "workspace": workspace,
        "channel": channel,
        "posted_at": T0 + timedelta(minutes=n),
        "private": private,
    }


async def fill(store: Store, count: int, seed: int = 14) -> list[dict[str, str]]:
    """`count` articles with a brief each, its rows and a posting; the people quoted."""
    rng = random.Random(seed)
    words = _words(rng, 3000)
    people = _people(rng, words, max(50, count // 30))
    async with store.engine.begin() as conn:
        if await conn.scalar(select(func.count()).select_from(Article)):
            raise SystemExit("That database already holds articles; give the bench a scratch one.")
        for start in range(1, count + 1, CHUNK):
            rows: dict[Any, list[dict[str, Any]]] = {
                t: [] for t in (Article, BriefRow, PostingRow, ActorRow, NameKeyRow, StatementRow)
            }
            rows[SearchDocumentRow] = []
            for n in range(start, min(start + CHUNK, count + 1)):
                brief = made_up_brief(rng, n, words, people)
                text = " ".join(b["text"] for b in brief["bullets"])
                when = T0 + timedelta(minutes=n)
                rows[Article].append(
                    {"id": n, "content_hash": content_hash(text), "text": text, "fetched_at": when}
                )
                version = {"article_id": n, "summarizer_version": "bench"}
                rows[BriefRow].append(
                    {**version, "brief_json": json.dumps(brief), "created_at": when}
                )
                rows[PostingRow].append(_posting(rng, n))
                made = brief_rows(brief)
                rows[ActorRow] += [{**version, **r} for r in made.actors]
                rows[NameKeyRow] += [{"article_id": n, **r} for r in made.names]
                rows[StatementRow] += [{**version, **r} for r in made.statements]
                rows[SearchDocumentRow].append({**version, **made.document})
            for table, values in rows.items():
                await conn.execute(insert(table), values)
        if conn.dialect.name == "postgresql":
            await conn.exec_driver_sql("ANALYZE")
    return people


async def timed(work: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await work()
    return (time.perf_counter() - start) * 1000


async def measure(store: Store, people: list[dict[str, str]], words: list[str]) -> None:
    memory = MemoryService(store, now=lambda: T0 + timedelta(days=30))
    rng = random.Random(7)
    cases: dict[str, Callable[[int], Awaitable[object]]] = {
        "who NAME": lambda i: memory.who(people[i]["name"], ASKER),
        "who SURNAME": lambda i: memory.who(people[i]["name"].split()[-1], ASKER),
        "who ROLE": lambda i: memory.who(people[i]["role"], ASKER),
        "who --days 7": lambda i: memory.who(people[i]["name"], ASKER, days=7),
        "who unknown (suggestions)": lambda i: memory.who(people[i]["name"] + "x", ASKER),
        "search one word": lambda i: memory.search(rng.choice(words), ASKER),
        "search two words": lambda i: memory.search(" ".join(rng.sample(words, 2)), ASKER),
        "search a title word": lambda i: memory.search("story", ASKER),
    }
    print(f"{'query':<28}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, case in cases.items():
        await case(0)  # warm: statements prepared, pages cached
        times = sorted([await timed(lambda i=i, case=case: case(i)) for i in range(1, RUNS + 1)])
        p95 = percentile(times, 95)
        print(f"{label:<28}{statistics.median(times):>10.1f}{p95:>10.1f}{times[-1]:>10.1f}")


async def main(count: int, database: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = database or f"sqlite+aiosqlite:///{Path(folder) / 'membench.db'}"
        store = await Store.open(url)
        try:
            start = time.perf_counter()
            people = await fill(store, count)
            print(f"{store.engine.dialect.name}: {count} briefs stored in "
                  f"{time.perf_counter() - start:.1f} s")  # fmt: skip
            words = _words(random.Random(14), 3000)
            await measure(store, people, words)
        finally:
            await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--database", help="A scratch database URL (default: SQLite, temporary)")
    args = parser.parse_args()
    asyncio.run(main(args.briefs, args.database))
