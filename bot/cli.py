"""The `briefbot` command line: brief a file or stdin, show the demo, run the bot.

Every problem a user can cause ends as one plain sentence on stderr and exit code 2, never a
traceback: the people running this are editors, not Python programmers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from bot import logmask, runtime
from bot.adapters.console.chat import DEFAULT_CHANNEL
from bot.adapters.console.digest import render_digest_rich, render_digest_text
from bot.adapters.console.lines import Entry, piped_entries
from bot.adapters.console.render import render_markdown, render_rich
from bot.adapters.presentation.briefs import UNTITLED
from bot.adapters.slack import DEFAULT_HTTP_HOST
from bot.channels import PLATFORMS, SERVED, ChannelRef, Platform
from bot.config import ConfigError, Settings, load_settings
from bot.digests import DigestService, DigestSoFar
from bot.digests.since import parse_since
from bot.ingest import FetchError
from bot.inputs import TOO_LARGE_MESSAGE, InputError, StdinLines, read_source
from bot.service import UNEXPECTED, Origin
from bot.startup import StartupError
from summarizer import Brief, BriefError, Summarizer, decode_text

log = logging.getLogger("bot")

USAGE_ERROR = 2
INTERRUPTED = 130
TERMINAL = Origin(platform=Platform.cli, channel="terminal")
DEMO_CHANNEL = "demo"
DEMO_SLACK = timedelta(seconds=1)  # the demo's digest holds this run's shares, not earlier ones
NO_PLATFORM = (
    "No chat platform is configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN in the environment."
)
MISSING_TOKENS = {
    Platform.slack: "Slack is not configured: set SLACK_BOT_TOKEN (and SLACK_APP_TOKEN or "
    "SLACK_SIGNING_SECRET) in the environment.",
    Platform.discord: "Discord is not configured: set DISCORD_TOKEN in the environment.",
}
# The platforms `briefbot run` may be given, as a type typer offers as its choices.
Served = Literal[SERVED]  # type: ignore[valid-type]
_URL = re.compile(r"^\s*https?://", re.IGNORECASE)


class UserError(Exception):
    """A problem the user can fix; str() is the sentence shown to them."""


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


app = typer.Typer(
    name="briefbot",
    help="Briefbot: briefings of news articles (bullets, key quotes, who stands where).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@contextmanager
def plain_errors() -> Iterator[None]:
    """Turn the problems a user can fix into one sentence on stderr and exit code 2."""
    try:
        yield
    except (UserError, InputError, BriefError, ConfigError, StartupError) as e:
        print(str(e), file=sys.stderr)
        raise typer.Exit(USAGE_ERROR) from None
    except FetchError as e:
        log.debug("Fetch failed: %s", e)  # the detail for the log, the sentence for the user
        print(e.user_message, file=sys.stderr)
        raise typer.Exit(USAGE_ERROR) from None
    except KeyboardInterrupt:
        raise typer.Exit(INTERRUPTED) from None


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        stream=sys.stderr, level=level, format="%(levelname)s %(name)s: %(message)s", force=True
    )
    # Migration and job chatter is for debugging, not for every command's stderr.
    for chatty in ("alembic", "apscheduler"):
        logging.getLogger(chatty).setLevel(level if level == "DEBUG" else "WARNING")
    # discord.py's webhook logger writes interaction URLs, whose tokens can post as the app.
    logging.getLogger("discord.webhook").setLevel("INFO")
    logmask.install()  # response_urls, Socket Mode tickets, URL credentials: masked everywhere


@app.callback()
def _startup(ctx: typer.Context) -> None:
    """Load settings once for every command, so a bad config fails before any work."""
    _configure_logging("WARNING")  # config warnings must be seen before the level is known
    with plain_errors():
        settings = load_settings()
    _configure_logging(settings.log_level)
    # SecretStr fields print as '**********'; the database URL is logged without its password.
    log.debug("Settings: %r, database %s", settings, settings.database_url_for_logs())
    ctx.obj = settings


def brief_bytes(summarizer: Summarizer, data: bytes, *, title: str | None = None) -> Brief:
    return summarizer.summarize(decode_text(data), title=title)


def _show(brief: Brief, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        sys.stdout.write(brief.to_json() + "\n")
    elif fmt is OutputFormat.markdown:
        sys.stdout.write(render_markdown(brief))
    else:
        Console(highlight=False).print(render_rich(brief))


PrivateNetworks = Annotated[
    bool,
    typer.Option(
        "--allow-private-networks",
        help="Also open links on private or loopback addresses (tests and intranets only).",
    ),
]


async def _brief_link(settings: Settings, url: str, *, allow_private: bool) -> Brief:
    async with runtime.open_services(settings, allow_private=allow_private) as services:
        return (await services.briefs.brief_url(url.strip(), origin=TERMINAL)).brief


@app.command()
def brief(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(metavar="SOURCE", help="An article: a link, a text file, or - for stdin."),
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to print the briefing.")
    ] = OutputFormat.text,
    title: Annotated[str | None, typer.Option(help="The article's headline.")] = None,
    allow_private: PrivateNetworks = False,
) -> None:
    """Brief one article and print the briefing (a link is read, stored and briefed)."""
    with plain_errors():
        if _URL.match(source):
            _show(asyncio.run(_brief_link(ctx.obj, source, allow_private=allow_private)), fmt)
            return
        data = read_source(source)
        _show(brief_bytes(runtime.make_summarizer(ctx.obj), data, title=title), fmt)


async def _ingest(settings: Settings, sources: list[str], *, allow_private: bool) -> int:
    """Store and brief each source; one line each; the number that failed."""
    failed = 0
    async with runtime.open_services(settings, allow_private=allow_private) as services:
        service = services.briefs
        for source in sources:
            try:
                if _URL.match(source):
                    done = await service.brief_url(source.strip(), origin=TERMINAL)
                else:
                    text = decode_text(read_source(source))
                    done = await service.brief_text(text, origin=TERMINAL)
            except FetchError as e:
                log.debug("Fetch failed: %s", e)
                print(f"{source}: {e.user_message}", file=sys.stderr)
                failed += 1
                continue
            except (BriefError, UserError, InputError) as e:
                print(f"{source}: {e}", file=sys.stderr)
                failed += 1
                continue
            except Exception:  # one bad source never stops the batch
                log.debug("Unexpected failure on %s", source, exc_info=True)
                print(f"{source}: {UNEXPECTED}", file=sys.stderr)
                failed += 1
                continue
            state = "stored" if done.new else "already stored"
            title = done.brief.title or UNTITLED
            print(f"{source}: {state} as article {done.article_id} ({title})")
    return failed


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[
        list[str], typer.Argument(metavar="SOURCE...", help="Links or text files to keep.")
    ],
    allow_private: PrivateNetworks = False,
) -> None:
    """Read, store and brief links and files, one line each; the others go on if one fails."""
    with plain_errors():
        failed = asyncio.run(_ingest(ctx.obj, sources, allow_private=allow_private))
    if failed:
        raise typer.Exit(USAGE_ERROR)


def find_seeds() -> Path | None:
    """seeds/ under the current folder, else beside the installed package (a checkout)."""
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        if (base / "seeds").is_dir():
            return base / "seeds"
    return None


async def _demo(settings: Settings, files: list[Path], console: Console) -> int:
    """Store and show each seed's briefing; the number that failed."""
    failed = 0
    async with runtime.open_services(settings, allow_private=False) as services:
        service, digests = services.briefs, services.digests
        origin = Origin(platform=Platform.console, channel=DEMO_CHANNEL)
        started = service.now() - DEMO_SLACK
        for path in files:
            console.rule(path.name, style="dim")
            try:
                text = decode_text(read_source(str(path)))
                console.print(render_rich((await service.brief_text(text, origin=origin)).brief))
            except (BriefError, UserError, InputError) as e:
                print(f"{path.name}: {e}", file=sys.stderr)
                failed += 1
            console.print()
        # The demo ends as a channel's day ends: with the digest of what was shared in it.
        target = ChannelRef(Platform.console, DEMO_CHANNEL)
        digest = await digests.build(target, since=started, until=digests.now())
        console.rule("digest", style="dim")
        console.print(render_digest_rich(digest, heading="Digest of the sample articles"))
    return failed


@app.command()
def demo(ctx: typer.Context) -> None:
    """Brief every sample article in seeds/, keep it in the store, and show each briefing."""
    seeds = find_seeds()
    files = sorted(seeds.glob("*.txt")) if seeds else []
    with plain_errors():
        if not files:
            raise UserError("No sample articles found: run this in the Briefbot folder (seeds/).")
        failed = asyncio.run(_demo(ctx.obj, files, Console(highlight=False)))
    if failed:
        raise typer.Exit(USAGE_ERROR)


class DigestFormat(StrEnum):
    text = "text"
    json = "json"


async def _target(
    digests: DigestService, channel: str, platform: str | None, workspace: str | None
) -> ChannelRef:
    """The channel `--channel` names; when several platforms or workspaces have a channel of
    that id, `--platform` / `--workspace` must say which."""
    found = [
        c
        for c in await digests.channels_named(channel)
        if (platform is None or c.platform == platform)
        and (workspace is None or c.workspace == workspace)
    ]
    if not found:
        raise UserError(f"Nothing was shared in a channel called {channel!r} yet.")
    if len(found) > 1:
        options = "; ".join(
            f"--platform {c.platform}" + (f" --workspace {c.workspace}" if c.workspace else "")
            for c in found
        )
        raise UserError(f"More than one channel is called {channel!r}: add {options}.")
    return found[0]


async def _digest(
    settings: Settings,
    channel: str,
    *,
    platform: str | None,
    workspace: str | None,
    since: str | None,
) -> DigestSoFar:
    """The digest that channel would receive now, and its heading."""
    async with runtime.open_digests(settings) as digests:
        target = await _target(digests, channel, platform, workspace)
        start = None
        if since is not None:  # a moment without an offset is on the channel's clock
            zone = await digests.timezone_of(target)
            try:
                start = parse_since(since, now=digests.now(), timezone=zone)
            except ValueError as e:
                raise UserError(str(e)) from None
        return await digests.so_far(target, since=start)


@app.command()
def digest(
    ctx: typer.Context,
    channel: Annotated[
        str,
        typer.Option(
            "--channel",
            help="The channel's id (Slack C…, Discord digits, or a chat channel's name).",
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            help="From when: 2026-11-24, '2026-11-24 09:00', 36h, 2d (default: the last digest)."
        ),
    ] = None,
    fmt: Annotated[
        DigestFormat, typer.Option("--format", "-f", help="How to print the digest.")
    ] = DigestFormat.text,
    platform: Annotated[
        str | None, typer.Option(help="slack, discord or console, when the id is ambiguous.")
    ] = None,
    workspace: Annotated[
        str | None, typer.Option(help="The Slack team or Discord server id, when ambiguous.")
    ] = None,
) -> None:
    """Print the digest a channel would receive now, from the store (nothing is posted)."""
    with plain_errors():
        channel = channel.strip().lstrip("#")
        if not channel:
            raise UserError("Give --channel a channel's id or name.")
        if platform is not None and platform not in PLATFORMS:
            raise UserError(
                f"--platform is one of {', '.join(sorted(PLATFORMS))}, not {platform!r}."
            )
        made = asyncio.run(
            _digest(ctx.obj, channel, platform=platform, workspace=workspace, since=since)
        )
    if fmt is DigestFormat.json:
        sys.stdout.write(made.digest.to_json() + "\n")
    else:
        sys.stdout.write(render_digest_text(made.digest, heading=made.heading) + "\n")


def _chat_entries(stdin: StdinLines) -> AsyncIterator[Entry]:
    """A terminal gets the line editor (a paste is one message); a pipe is read line by line."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        from bot.adapters.console.prompt import make_session, prompted_entries

        return prompted_entries(make_session())
    return piped_entries(stdin.start(asyncio.get_running_loop()))


async def _chat(settings: Settings, channel: str, *, allow_private: bool) -> None:
    if settings.log_level != "DEBUG":  # the terminal is the conversation: only real trouble
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    stdin = StdinLines()
    await runtime.chat(
        settings,
        channel,
        console=Console(highlight=False),
        entries=_chat_entries(stdin),
        welcome=sys.stdin.isatty(),
        allow_private=allow_private,
    )
    if stdin.too_large:  # reading stopped there: the rest of the input was never looked at
        raise InputError(TOO_LARGE_MESSAGE)


@app.command()
def chat(
    ctx: typer.Context,
    channel: Annotated[
        str, typer.Option(help="The terminal channel's name (each keeps its own digest).")
    ] = DEFAULT_CHANNEL,
    allow_private: PrivateNetworks = False,
) -> None:
    """A chat channel in the terminal: paste links or articles, use /brief and /digest."""
    with plain_errors():
        asyncio.run(_chat(ctx.obj, channel.lstrip("#"), allow_private=allow_private))


@app.command()
def run(
    ctx: typer.Context,
    platform: Annotated[
        Served | None,
        typer.Argument(help="Only this platform (default: every one whose tokens are set)."),
    ] = None,
    http: Annotated[
        bool, typer.Option("--http", help="Slack over HTTP (/slack/events), not Socket Mode.")
    ] = False,
    port: Annotated[int, typer.Option(help="The port for --http.")] = 3000,
    host: Annotated[
        str,
        typer.Option(help="The address --http listens on (0.0.0.0: every interface)."),
    ] = DEFAULT_HTTP_HOST,
) -> None:
    """Connect to the configured chat platforms and answer there until stopped."""
    settings: Settings = ctx.obj
    with plain_errors():
        ready = {Platform.slack: settings.has_slack(), Platform.discord: settings.has_discord()}
        if platform is not None and not ready[platform]:
            raise UserError(MISSING_TOKENS[platform])
        chosen = [platform] if platform is not None else [p for p, ok in ready.items() if ok]
        if not chosen:
            raise UserError(NO_PLATFORM)
        if http and Platform.slack not in chosen:
            raise UserError("--http is for Slack; Discord always connects to its gateway.")
        asyncio.run(
            runtime.serve(settings, chosen, http_port=port if http else None, http_host=host)
        )


def _quiet_broken_pipe() -> None:
    """Stdout's reader left (e.g. `| head`): stop writing without a second error at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console-script entry point; typer maps usage errors and typer.Exit to exit codes."""
    try:
        app(prog_name="briefbot")
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()
        sys.exit(1)
    except Exception as e:
        log.debug("Unexpected error", exc_info=True)
        print(
            f"Briefbot hit an unexpected error ({type(e).__name__}); "
            "set BRIEFBOT_LOG_LEVEL=DEBUG to see the details.",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
