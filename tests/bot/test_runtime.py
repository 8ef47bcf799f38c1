"""The assembly of the running bot (bot.runtime): the summarizer the settings ask for, and a
store that cannot be opened told as a StartupError, the one error the CLI maps for start-up."""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import runtime
from bot.config import Settings
from bot.startup import StartupError
from bot.store.database import async_url
from bot.workers import SHUTTING_DOWN, InProcess, WorkerPool


def test_a_missing_pipeline_is_a_warning_and_blank_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert runtime.installed_model(None) is None
    assert runtime.installed_model(str(tmp_path)) == str(tmp_path)  # a pipeline folder
    with caplog.at_level(logging.WARNING):
        assert runtime.installed_model("no_such_pipeline_package") is None
    assert "'no_such_pipeline_package' is not installed" in caplog.text


async def test_a_store_that_cannot_be_opened_is_one_sentence_without_the_password() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(database_url=f"postgresql+asyncpg://ed:hunter2@127.0.0.1:{port}/news")
    with pytest.raises(StartupError) as failed:
        async with runtime.open_store(settings):
            pass
    assert str(failed.value) == (
        f"The database could not be opened (postgresql+asyncpg://ed:***@127.0.0.1:{port}/news): "
        "ConnectionRefusedError."
    )
    assert failed.value.expected


async def test_a_password_in_the_query_stays_out_of_the_sentence() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql+asyncpg://ed@127.0.0.1:{port}/news?password=hunter2"
    with pytest.raises(StartupError) as failed:
        async with runtime.open_store(Settings(database_url=url)):
            pass
    assert "hunter2" not in str(failed.value)
    assert f"(postgresql+asyncpg://ed@127.0.0.1:{port}/news?password=***)" in str(failed.value)


async def test_database_urls_in_the_usual_forms_just_work(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/plain.db")  # no driver named
    async with runtime.open_store(settings) as store:
        saved = await store.save_article(text="Kept.", fetched_at=datetime.now(UTC))
        assert saved.created
    assert (tmp_path / "plain.db").exists()
    assert async_url("postgres://ed@db/news").render_as_string() == (
        "postgresql+asyncpg://ed@db/news"
    )
    assert str(async_url("postgresql+psycopg2://db/news")) == "postgresql+asyncpg://db/news"


async def test_a_database_briefbot_cannot_use_names_the_forms_it_takes() -> None:
    for url, says in (("mysql://db/news", "not mysql"), ("::", "cannot be read")):
        with pytest.raises(StartupError) as failed:
            async with runtime.open_store(Settings(database_url=url)):
                pass
        assert says in str(failed.value)
        assert "sqlite:///path/to/briefbot.db or postgresql://" in str(failed.value)


async def test_the_brief_service_refreshes_links_as_the_settings_say(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/briefbot.db", link_refresh_minutes=0
    )
    async with runtime.open_services(settings, allow_private=False) as services:
        assert services.briefs.link_refresh == timedelta(0)


async def test_the_services_open_their_workers_and_closing_them_stops_the_workers(
    tmp_path: Path,
) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    text = (
        "The council approved the city budget on Monday after a long debate. "
        '"We are pleased with the result," the mayor, Ann Lee, said after the vote.'
    )
    async with runtime.open_services(settings, allow_private=False, workers=1) as services:
        pool = services.briefs.work
        assert isinstance(pool, WorkerPool)
        assert pool.time_limit == settings.brief_time_limit_seconds
        (outcome,) = await services.briefs.brief_request(text)
        assert outcome.briefed is not None
        pid = await pool.run(os.getpid)
        assert pid != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the worker was stopped and reaped with the services
    (after,) = await services.briefs.brief_request(text)
    assert after.problem == SHUTTING_DOWN


async def test_one_shot_commands_brief_in_this_process(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/briefbot.db")
    async with runtime.open_services(settings, allow_private=False) as services:
        assert isinstance(services.briefs.work, InProcess)
