"""Brief work in worker processes (bot/workers): a brief past the time limit is stopped and
told in one sentence while other briefs go on, a worker that dies is replaced, errors come
back as themselves, and closing the pool stops its workers.

Real worker processes and a real SQLite store. The misbehaving work writes its process id into
a FIFO once it runs, and the test's read of it returns only then: nothing waits on the clock.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from misbehaving import EXIT, HANG, summarize_or_misbehave
from sites import article_page

from bot.ingest import NoReadableArticle, Page
from bot.service import BriefService, Outcome
from bot.store import Store
from bot.workers import (
    SHUTTING_DOWN,
    TOO_SLOW_BRIEF,
    WORKER_LOST,
    WorkerPool,
    worker_count,
)
from summarizer import NotEnglishError

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
ORDINARY = (
    "The council approved the city budget on Monday after a long debate. "
    '"We are pleased with the result," the mayor, Ann Lee, said after the vote. '
    "The opposition said the plan cut too deep into the library service."
)
NEVER = 600.0  # a time limit no test reaches: the work ends only when the test ends it


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    yield opened
    await opened.close()


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "running"
    os.mkfifo(path)
    return path


async def running(fifo: Path) -> int:
    """The process id the misbehaving work writes once it runs (read as it is written)."""
    return int(await asyncio.to_thread(fifo.read_text))


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def briefed(outcomes: list[Outcome]) -> bool:
    return len(outcomes) == 1 and outcomes[0].briefed is not None


async def test_a_brief_past_the_limit_is_one_sentence_and_the_next_is_briefed(
    store: Store, fifo: Path
) -> None:
    async with WorkerPool(workers=1, time_limit=2, summarize=summarize_or_misbehave) as pool:
        service = BriefService(pool, store, now=lambda: NOW)
        stuck, pid = await asyncio.gather(service.brief_request(f"{HANG}{fifo}"), running(fifo))
        assert stuck == [Outcome("pasted text", problem=TOO_SLOW_BRIEF.format(seconds=2))]
        assert (
            stuck[0].problem == "Briefing that took longer than 2 seconds, so Briefbot stopped it."
        )
        assert gone(pid)  # killed, not abandoned
        (after,) = await service.brief_request(ORDINARY)  # on the worker that replaced it
    assert after.briefed is not None
    assert after.briefed.article_id == 1  # the stuck text was never stored


async def test_other_briefs_go_on_beside_a_stuck_one_and_closing_stops_it(
    store: Store, fifo: Path
) -> None:
    pool = WorkerPool(workers=2, time_limit=NEVER, summarize=summarize_or_misbehave)
    await pool.open()
    service = BriefService(pool, store, now=lambda: NOW)
    stuck = asyncio.create_task(service.brief_request(f"{HANG}{fifo}"))
    pid = await running(fifo)
    assert briefed(await service.brief_request(ORDINARY))
    assert not stuck.done()
    await pool.close(grace=0)  # what shutdown does once its grace is spent
    assert await stuck == [Outcome("pasted text", problem=SHUTTING_DOWN)]
    assert gone(pid)
    assert await service.brief_request(ORDINARY) == [Outcome("pasted text", problem=SHUTTING_DOWN)]


async def test_a_worker_that_dies_mid_brief_is_one_sentence_and_replaced(
    store: Store, fifo: Path
) -> None:
    async with WorkerPool(workers=1, time_limit=NEVER, summarize=summarize_or_misbehave) as pool:
        service = BriefService(pool, store, now=lambda: NOW)
        lost, pid = await asyncio.gather(service.brief_request(f"{EXIT}{fifo}"), running(fifo))
        assert lost == [Outcome("pasted text", problem=WORKER_LOST)]
        assert briefed(await service.brief_request(ORDINARY))
        assert await pool.run(os.getpid) != pid


async def test_an_idle_worker_killed_from_outside_is_replaced(store: Store) -> None:
    async with WorkerPool(workers=1, time_limit=NEVER) as pool:
        pid = await pool.run(os.getpid)
        os.kill(pid, signal.SIGKILL)
        service = BriefService(pool, store, now=lambda: NOW)
        assert briefed(await service.brief_request(ORDINARY))
        assert await pool.run(os.getpid) != pid


async def test_errors_raised_in_a_worker_come_back_as_themselves() -> None:
    page = Page(
        url="https://news.example.com/cookies",
        final_url="https://news.example.com/cookies",
        status=200,
        content_type="text/html",
        text="<html><body><p>We use cookies. Accept all cookies?</p></body></html>",
        fetched_at=NOW,
    )
    async with WorkerPool(workers=1, time_limit=NEVER) as pool:
        with pytest.raises(NotEnglishError) as foreign:
            await pool.summarize(
                "Le conseil a voté le budget lundi soir après un long débat.", None
            )
        assert str(foreign.value) == str(NotEnglishError())
        with pytest.raises(NoReadableArticle) as empty:
            await pool.read(page)
        assert "https://news.example.com/cookies" in str(empty.value)
        assert empty.value.user_message == NoReadableArticle.user_message


async def test_a_page_is_read_in_a_worker() -> None:
    text = "\n".join(
        f"{ORDINARY} Speaker {n} of the committee asked for a review of item {n} next year."
        for n in range(1, 6)
    )
    html = article_page(text, "Budget passes", "https://news.example.com/budget")
    page = Page("https://n.example.com/b", "https://n.example.com/b", 200, "text/html", html, NOW)
    async with WorkerPool(workers=1, time_limit=NEVER) as pool:
        article = await pool.read(page)
    assert article.title == "Budget passes"
    assert article.canonical_url == "https://news.example.com/budget"
    assert "Ann Lee" in article.text


def test_one_worker_per_core_unless_told() -> None:
    assert worker_count(3) == 3
    assert worker_count(None) == len(os.sched_getaffinity(0))
