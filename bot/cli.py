"""The `briefbot` command line: brief a file or stdin, show the demo, run the bot.

Every problem a user can cause ends as one plain sentence on stderr and exit code 2, never a
traceback: the people running this are editors, not Python programmers. The heavy parts (the
engine, the store, the platforms) are imported by the commands that use them, so `--help` and
`--version` answer at once.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import AsyncIterator, Coroutine
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer

from bot import cli_memory
from bot.adapters.console.lines import DEFAULT_CHANNEL
from bot.channels import DEFAULT_HTTP_HOST, PLATFORMS, SERVED, ChannelRef, Platform
from bot.exits import INTERRUPTED, USAGE_ERROR, UserError, exit_for, plain_errors
from bot.logs import configure_logging

if TYPE_CHECKING:
    from bot.adapters.console.lines import Entry
    from bot.config import Settings
    from bot.digests import DigestService, DigestSoFar
    from bot.inputs import StdinLines
    from bot.service import Origin
    from summarizer import Brief, Summarizer

log = logging.getLogger("bot")

NO_PLATFORM = (
    "No chat platform is configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN in the environment."
)
MISSING_TOKENS = {
    Platform.slack: "Slack is not configured: set SLACK_BOT_TOKEN (and SLACK_APP_TOKEN or "
    "SLACK_SIGNING_SECRET), or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, in the environment.",
    Platform.discord: "Discord is not configured: set DISCORD_TOKEN in the environment.",
}
# The platforms `briefbot run` may be given, as a type typer offers as its choices.
Served = Literal[SERVED]  # type: ignore[valid-type]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


app = typer.Typer(
    name="briefbot",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # click's plain help: rich's boxed tables take a second to import and cut long option
    # names to fit 80 columns when the output is a pipe.
    rich_markup_mode=None,
)


T = TypeVar("T")


def _run(work: Coroutine[Any, Any, T]) -> T:
    """asyncio.run, with asyncio imported only by the commands that run something."""
    import asyncio

    return asyncio.run(work)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("briefbot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _show_version(asked: bool) -> None:
    if asked:
        print(f"briefbot {_version()}")
        raise typer.Exit()


@app.callback()
def _startup(
    ctx: typer.Context,
    _: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Briefbot: briefings of news articles (bullets, key quotes, who stands where)."""
    if any(arg in ("--help", "-h") for arg in sys.argv[1:]):
        return  # a command's help needs no settings (and must not wait for them)
    from bot.config import load_settings

    configure_logging("WARNING")  # config warnings must be seen before the level is known
    with plain_errors():
        settings = load_settings()
    configure_logging(settings.log_level)
    # SecretStr fields print as '**********'; the database URL is logged without its password.
    log.debug("Settings: %r, database %s", settings, settings.database_url_for_logs())
    ctx.obj = settings


def _terminal() -> Origin:
    from bot.service import Origin

    return Origin(platform=Platform.cli, channel="terminal", private=False)


def brief_bytes(summarizer: Summarizer, data: bytes, *, title: str | None = None) -> Brief:
    from summarizer import decode_text

    return summarizer.summarize(decode_text(data), title=title)


def _show(brief: Brief, fmt: OutputFormat) -> None:
    from bot.adapters.console.output import make_console, show
    from bot.adapters.console.render import render_markdown, render_rich

    if fmt is OutputFormat.json:
        sys.stdout.write(brief.to_json() + "\n")
    elif fmt is OutputFormat.markdown:
        sys.stdout.write(render_markdown(brief))
    else:
        show(make_console(), render_rich(brief))


PrivateNetworks = Annotated[
    bool,
    typer.Option(
        "--allow-private-networks",
        help="Also open links on private or loopback addresses (tests and intranets only).",
    ),
]


async def _brief_link(settings: Settings, url: str, *, allow_private: bool) -> Brief:
    from bot import runtime

    async with runtime.open_services(settings, allow_private=allow_private) as services:
        return (await services.briefs.brief_url(url, origin=_terminal())).brief


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
        from bot.inputs import link_of

        if (url := link_of(source)) is not None:
            _show(_run(_brief_link(ctx.obj, url, allow_private=allow_private)), fmt)
            return
        from bot import runtime
        from bot.inputs import read_source

        data = read_source(source)
        _show(brief_bytes(runtime.make_summarizer(ctx.obj), data, title=title), fmt)


async def _ingest(settings: Settings, sources: list[str], *, allow_private: bool) -> int:
    """Store and brief each source; one line each; the number that failed."""
    from bot import runtime
    from bot.adapters.presentation.briefs import UNTITLED
    from bot.ingest import FetchError
    from bot.inputs import InputError, link_of, read_source
    from bot.service import UNEXPECTED
    from summarizer import BriefError, decode_text

    failed = 0
    async with runtime.open_services(settings, allow_private=allow_private) as services:
        service = services.briefs
        for source in sources:
            try:
                if (url := link_of(source)) is not None:
                    done = await service.brief_url(url, origin=_terminal())
                else:
                    text = decode_text(read_source(source))
                    done = await service.brief_text(text, origin=_terminal())
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
        failed = _run(_ingest(ctx.obj, sources, allow_private=allow_private))
    if failed:
        raise typer.Exit(USAGE_ERROR)


@app.command()
def demo(ctx: typer.Context) -> None:
    """Brief every sample article in seeds/, keep it in the store, and show each briefing."""
    from bot.adapters.console.output import make_console
    from bot.demo import find_seeds, run_demo

    seeds = find_seeds()
    files = sorted(seeds.glob("*.txt")) if seeds else []
    with plain_errors():
        if not files:
            raise UserError("No sample articles found: run this in the Briefbot folder (seeds/).")
        failed = _run(run_demo(ctx.obj, files, make_console()))
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
    from bot import runtime
    from bot.digests.since import parse_since

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
        made = _run(_digest(ctx.obj, channel, platform=platform, workspace=workspace, since=since))
    if fmt is DigestFormat.json:
        sys.stdout.write(made.digest.to_json() + "\n")
    else:
        from bot.adapters.console.digest import render_digest_text

        sys.stdout.write(render_digest_text(made.digest, heading=made.heading) + "\n")


def _chat_entries(stdin: StdinLines) -> AsyncIterator[Entry]:
    """A terminal gets the line editor (a paste is one message); a pipe is read line by line."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        from bot.adapters.console.prompt import make_session, prompted_entries

        return prompted_entries(make_session())
    import asyncio

    from bot.adapters.console.lines import piped_entries

    return piped_entries(stdin.start(asyncio.get_running_loop()))


async def _chat(settings: Settings, channel: str, *, allow_private: bool) -> None:
    if settings.log_level != "DEBUG":  # the terminal is the conversation: only real trouble
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    from bot import runtime
    from bot.adapters.console.output import make_console
    from bot.inputs import TOO_LARGE_MESSAGE, InputError, StdinLines

    stdin = StdinLines()
    stopped_by = await runtime.chat(
        settings,
        channel,
        console=make_console(),
        entries=_chat_entries(stdin),
        welcome=sys.stdin.isatty(),
        allow_private=allow_private,
    )
    if stdin.too_large:  # reading stopped there: the rest of the input was never looked at
        raise InputError(TOO_LARGE_MESSAGE)
    exit_for(stopped_by)


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
        _run(_chat(ctx.obj, channel.lstrip("#"), allow_private=allow_private))


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
        from bot import runtime

        stopped_by = _run(
            runtime.serve(settings, chosen, http_port=port if http else None, http_host=host)
        )
    exit_for(stopped_by)


# `briefbot who` and `briefbot search` (bot/cli_memory.py).
app.command()(cli_memory.who)
app.command()(cli_memory.search)


def _quiet_broken_pipe() -> None:
    """Stdout's reader left (e.g. `| head`): stop writing without a second error at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _help_width() -> int | None:
    """Help fills a terminal; a pipe or a file gets it unfolded (click's default of 80 columns
    would fold lines and cut the commands' summaries)."""
    return None if sys.stdout.isatty() else 200


def main() -> None:
    """Console-script entry point; typer maps usage errors and typer.Exit to exit codes."""
    try:
        width = _help_width()
        app(prog_name="briefbot", terminal_width=width, max_content_width=width)
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
