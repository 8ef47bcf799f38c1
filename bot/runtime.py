"""Assembling the running bot: the store, the summarizer the settings ask for, the services on
them, each chat platform with its digest poster, and the digest scheduler.

The CLI parses, prints and maps errors to exit codes; how the parts fit is known here only.
It knows no platform's own exceptions: each adapter says why it could not start in a
StartupError.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from bot.adapters.console.chat import ChatChannel, run_chat
from bot.adapters.console.lines import Entry
from bot.adapters.discord import run_discord
from bot.adapters.discord.poster import DiscordDigestPoster
from bot.adapters.slack import DEFAULT_HTTP_HOST, run_slack
from bot.adapters.slack.install import SlackInstalls, SlackWorkspaces
from bot.adapters.slack.poster import SlackDigestPoster
from bot.channels import Platform
from bot.config import Settings
from bot.digests import DigestPoster, DigestService
from bot.health import Check, Health, health_listener
from bot.ingest import AddressPolicy, Fetcher
from bot.intake import Intake
from bot.memory import MemoryService
from bot.metrics import Metrics
from bot.schedule import DigestScheduler
from bot.service import BriefService
from bot.startup import Backoff, StartupError
from bot.stopping import Stopping
from bot.store import Store
from bot.store.database import DatabaseURLError
from bot.store.installations import slack_install_stores
from bot.workers import BriefWork, InProcess, WorkerPool, worker_count
from summarizer import Summarizer

log = logging.getLogger("bot")

UNEXPECTED_STOP = "unexpected {} (BRIEFBOT_LOG_LEVEL=DEBUG shows the details)"


@dataclass(frozen=True, slots=True)
class Services:
    """The use cases on one store: briefs (with a fetcher for links) and digests."""

    briefs: BriefService
    digests: DigestService


# The summarizer. A trained spaCy pipeline is an optional extra that a fresh install cannot
# count on, so a configured but missing one is a warning, never a failure.


def installed_model(name: str | None) -> str | None:
    """`name` if it is an installed pipeline package (or a pipeline folder), else None."""
    if not name:
        return None
    if Path(name).is_dir():
        return name
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        log.warning("spaCy pipeline %r is not installed; using blank English + rules.", name)
        return None
    return name


def make_summarizer(settings: Settings) -> Summarizer:
    """The summarizer the settings ask for, falling back to blank English + rules."""
    return Summarizer(installed_model(settings.spacy_model))


# The store and the services on it.


@asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[Store]:
    """The configured store; a database that cannot be opened is one plain sentence."""
    try:
        store = await Store.open(settings.database_url)
    except DatabaseURLError as e:
        raise StartupError(str(e)) from None
    except Exception as e:
        log.debug("Opening the store failed", exc_info=True)
        raise StartupError(
            f"The database could not be opened ({settings.database_url_for_logs()}): "
            f"{type(e).__name__}."
        ) from None
    try:
        yield store
    finally:
        await store.close()


@asynccontextmanager
async def open_digests(settings: Settings) -> AsyncIterator[DigestService]:
    """The digest service alone, for reading digests from the store (no fetcher, no model)."""
    async with open_store(settings) as store:
        yield DigestService.from_settings(store, settings)


@asynccontextmanager
async def open_memory(settings: Settings) -> AsyncIterator[MemoryService]:
    """Who said what and search on the store (no fetcher, no model)."""
    async with open_store(settings) as store:
        yield MemoryService(store)


@asynccontextmanager
async def open_work(settings: Settings, workers: int) -> AsyncIterator[BriefWork]:
    """Where briefs are made: `workers` processes with the time limit, or, with 0, this
    process (a one-shot command: nobody waits behind it, and no workers need starting)."""
    if not workers:
        yield InProcess(make_summarizer(settings))
        return
    model = installed_model(settings.spacy_model)
    limit = settings.brief_time_limit_seconds
    async with WorkerPool(workers=workers, time_limit=limit, model=model) as pool:
        yield pool


@asynccontextmanager
async def open_services(
    settings: Settings, *, allow_private: bool, workers: int = 0, metrics: Metrics | None = None
) -> AsyncIterator[Services]:
    """Both services on the configured store, with a fetcher that keeps to public addresses
    unless private ones are allowed; briefs made as `open_work` says and counted in `metrics`.
    Closing them stops the workers before the store closes."""
    async with open_store(settings) as store:
        policy = AddressPolicy(allow_private=allow_private or settings.allow_private_networks)
        async with (
            Fetcher(contact_url=settings.user_agent_contact, policy=policy) as fetcher,
            open_work(settings, workers) as work,
        ):
            yield Services(
                BriefService(
                    work,
                    store,
                    fetcher,
                    link_refresh=settings.link_refresh(),
                    story_window=settings.story_window(),
                    metrics=metrics,
                    intake=Intake(store, lease=settings.work_lease()),
                ),
                DigestService.from_settings(store, settings),
            )


# Running.


async def chat(
    settings: Settings,
    channel: str,
    *,
    console: Console,
    entries: AsyncIterator[Entry],
    welcome: bool,
    allow_private: bool,
) -> signal.Signals | None:
    """A terminal chat channel until `entries` ends, with its scheduled digests posted in it.
    One person types here, so one worker: enough for the time limit.
    SIGTERM or SIGINT ends the input there: the message being answered and a digest being
    posted get the grace period to finish. Returns the signal that stopped it, if one did."""
    stopping = Stopping(settings.shutdown_grace_seconds)
    async with open_services(settings, allow_private=allow_private, workers=1) as services:
        room = ChatChannel(services.briefs, services.digests, console, channel=channel)
        # This session posts only its own channel's digests; other terminal channels' wait.
        scheduler = DigestScheduler(services.digests, {f"console:{channel}": room})
        await scheduler.start()
        try:
            with stopping.on_signals():
                talk = asyncio.ensure_future(
                    run_chat(room, _until(stopping, entries), welcome=welcome)
                )
                await stopping.first(talk)
                if stopping.stopped:
                    scheduler.pause()
                    await stopping.finish(talk, scheduler.drain())
                else:
                    await talk
                    await scheduler.drain()  # a digest being posted as the input ended is finished
        finally:
            await scheduler.shutdown()
    return stopping.signal


async def _until(stopping: Stopping, entries: AsyncIterator[Entry]) -> AsyncIterator[Entry]:
    """`entries`, ending once the bot is stopping (the entry being read is given up)."""
    while True:
        read = asyncio.ensure_future(anext(entries))
        await stopping.first(read)
        if not read.done():
            read.cancel()
            return
        try:
            entry = read.result()
        except StopAsyncIteration:
            return
        yield entry


async def serve(
    settings: Settings,
    platforms: Sequence[Platform],
    *,
    http_port: int | None,
    http_host: str = DEFAULT_HTTP_HOST,
) -> signal.Signals | None:
    """Serve every chosen platform until SIGTERM or SIGINT, on one store, fetcher and
    worker pool; returns the signal. Once every platform has stopped on its own, raises the
    StartupError saying why the first one did.

    On the signal the platforms take no new work; what they took on and the digests being
    posted get `shutdown_grace_seconds` to finish, then are cut (a cut digest is recorded as
    stopped, never left claimed); then the platforms disconnect and the store closes."""
    stopping = Stopping(settings.shutdown_grace_seconds)
    health = Health.expecting(str(p) for p in platforms)
    with stopping.on_signals():
        workers = worker_count(settings.brief_workers)
        async with (
            open_services(
                settings, allow_private=False, workers=workers, metrics=health.metrics
            ) as services,
            _health_listener(settings, health, http_port=http_port, http_host=http_host),
        ):
            failure = await _serve_until_stopped(
                settings,
                platforms,
                services,
                stopping,
                health,
                http_port=http_port,
                http_host=http_host,
            )
    if failure is not None and not stopping.stopped:
        raise failure
    return stopping.signal


async def _serve_until_stopped(
    settings: Settings,
    platforms: Sequence[Platform],
    services: Services,
    stopping: Stopping,
    health: Health,
    *,
    http_port: int | None,
    http_host: str,
) -> StartupError | None:
    """Why the platforms stopped on their own, if they did (None when a signal stopped them)."""
    if stopping.stopped:  # asked to stop while starting up: nothing is taken on
        return None
    briefs, digests = services.briefs, services.digests
    posters: dict[str, DigestPoster] = {}
    works: list[tuple[str, Awaitable[None]]] = []
    backoff = Backoff(attempts=settings.platform_connect_attempts or None)
    if Platform.slack in platforms:
        installs = _slack_installs(settings, briefs.store)
        workspaces = SlackWorkspaces(settings, installs, health.metrics)
        posters[Platform.slack] = SlackDigestPoster(client_for=workspaces.client_for)
        work = run_slack(
            settings,
            briefs,
            digests,
            http_port=http_port,
            http_host=http_host,
            stopping=stopping,
            backoff=backoff,
            health=health,
            installs=installs,
        )
        works.append(("Slack", work))
    if Platform.discord in platforms:
        discord_poster = posters[Platform.discord] = DiscordDigestPoster()
        work = run_discord(
            settings,
            briefs,
            digests,
            poster=discord_poster,
            stopping=stopping,
            backoff=backoff,
            readiness=health.readiness,
        )
        works.append(("Discord", work))
    # Scheduled digests: a post before a platform is connected is retried with backoff.
    scheduler = DigestScheduler(digests, posters, metrics=health.metrics)
    health.readiness.checks = _checks(services, scheduler)
    await scheduler.start()
    serving = _Serving(len(works))
    running = [asyncio.ensure_future(_until_stopped(n, w, serving)) for n, w in works]
    try:
        await stopping.first(*running)
        if not stopping.stopped:  # one platform stopped: the others keep serving
            await stopping.first(asyncio.gather(*running))
        if stopping.stopped:
            scheduler.pause()
            await stopping.finish(scheduler.drain())
    finally:
        for task in running:  # disconnect, once the work under way has had its grace
            task.cancel()
        results = await asyncio.gather(*running, return_exceptions=True)
        await scheduler.shutdown()  # a digest still posting is recorded as stopped
    failures = [r for r in results if isinstance(r, StartupError)]
    return serving.unsaid or (failures[0] if failures else None)


def _slack_installs(settings: Settings, store: Store) -> SlackInstalls | None:
    """Where Slack's OAuth mode keeps installations and install states: the store's database,
    tokens sealed with SLACK_TOKEN_ENCRYPTION_KEY when set. None with one SLACK_BOT_TOKEN."""
    client_id = settings.slack_client_id
    if not settings.slack_oauth() or client_id is None:
        return None
    keys = settings.slack_token_keys()
    stores = slack_install_stores(store, client_id=client_id.get_secret_value(), keys=keys)
    return SlackInstalls(*stores)


def _checks(services: Services, scheduler: DigestScheduler[DigestPoster]) -> dict[str, Check]:
    """What /readyz asks beside the platforms: the store answers, the scheduler fires."""

    async def scheduling() -> bool:
        return scheduler.running

    return {"store": services.briefs.store.reachable, "scheduler": scheduling}


@asynccontextmanager
async def _health_listener(
    settings: Settings, health: Health, *, http_port: int | None, http_host: str
) -> AsyncIterator[None]:
    """The health routes on `health_port`, unless off or the Slack HTTP server's own port
    (which serves them beside /slack/events)."""
    port = settings.health_port
    if port is None or port == http_port:
        yield
        return
    async with health_listener(health, http_host, port):
        yield


@dataclass
class _Serving:
    """How many platforms still serve: why one stopped is logged only while others go on; the
    last one's reason is left for the CLI to say, so no error is printed twice."""

    count: int
    unsaid: StartupError | None = None
    many: bool = field(init=False)

    def __post_init__(self) -> None:
        self.many = self.count > 1


async def _until_stopped(
    name: str, work: Awaitable[None], serving: _Serving
) -> StartupError | None:
    """Run one platform; why it stopped is returned (and logged while others keep serving).
    Adapters say why in a StartupError; anything else is a bug, and said to be one."""
    try:
        await work
    except Exception as e:
        failure = (
            e
            if isinstance(e, StartupError)
            else StartupError(UNEXPECTED_STOP.format(type(e).__name__), expected=False)
        )
        serving.count -= 1
        if serving.count > 0:
            log.error("%s stopped: %s", name, failure)
        elif serving.many:  # the CLI's sentence says which one, as the log did for the others
            serving.unsaid = StartupError(f"{name} stopped: {failure}", expected=failure.expected)
        else:
            serving.unsaid = failure
        if not failure.expected:
            log.debug("%s failure", name, exc_info=e)
        return failure
    serving.count -= 1
    return None
