"""The `briefbot` command line: brief a file or stdin, show the demo, run the bot.

Every problem a user can cause ends as one plain sentence on stderr and exit code 2, never a
traceback: the people running this are editors, not Python programmers.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.adapters.console.render import render_markdown, render_rich
from bot.config import ConfigError, Settings, load_settings
from bot.engine import make_summarizer
from summarizer import Brief, BriefError, Summarizer, decode_text

log = logging.getLogger("bot")

USAGE_ERROR = 2
INTERRUPTED = 130
LINKS_NOT_YET = (
    "Reading links is not available yet in this version; paste the article text or give a file."
)
NO_PLATFORM = (
    "No chat platform is configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN in the environment."
)
PLATFORMS_NOT_YET = "Running on Slack or Discord is not available yet in this version."
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
    except (UserError, BriefError, ConfigError) as e:
        print(str(e), file=sys.stderr)
        raise typer.Exit(USAGE_ERROR) from None
    except KeyboardInterrupt:
        raise typer.Exit(INTERRUPTED) from None


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        stream=sys.stderr, level=level, format="%(levelname)s %(name)s: %(message)s", force=True
    )


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


def read_source(source: str) -> bytes:
    """The raw bytes of a file, or of stdin for '-'; file problems become UserErrors."""
    if source == "-":
        if sys.stdin.isatty():
            print("Reading the article from standard input; end it with Ctrl-D.", file=sys.stderr)
        return sys.stdin.buffer.read()
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"No such file: {source}") from None
    except IsADirectoryError:
        raise UserError(f"That is a folder, not a file: {source}") from None
    except PermissionError:
        raise UserError(f"Permission denied when reading {source}.") from None
    except OSError as e:
        raise UserError(f"Cannot read {source}: {e.strerror or e}.") from None


def brief_bytes(summarizer: Summarizer, data: bytes, *, title: str | None = None) -> Brief:
    return summarizer.summarize(decode_text(data), title=title)


def _show(brief: Brief, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        sys.stdout.write(brief.to_json() + "\n")
    elif fmt is OutputFormat.markdown:
        sys.stdout.write(render_markdown(brief))
    else:
        Console(highlight=False).print(render_rich(brief))


@app.command()
def brief(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="An article: a text file, or - for stdin.")
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to print the briefing.")
    ] = OutputFormat.text,
    title: Annotated[str | None, typer.Option(help="The article's headline.")] = None,
) -> None:
    """Brief one article and print the briefing."""
    with plain_errors():
        if _URL.match(source):
            raise UserError(LINKS_NOT_YET)
        data = read_source(source)
        _show(brief_bytes(make_summarizer(ctx.obj), data, title=title), fmt)


def find_seeds() -> Path | None:
    """seeds/ under the current folder, else beside the installed package (a checkout)."""
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        if (base / "seeds").is_dir():
            return base / "seeds"
    return None


@app.command()
def demo(ctx: typer.Context) -> None:
    """Brief every sample article in seeds/ and show each briefing."""
    seeds = find_seeds()
    files = sorted(seeds.glob("*.txt")) if seeds else []
    with plain_errors():
        if not files:
            raise UserError("No sample articles found: run this in the Briefbot folder (seeds/).")
        summarizer = make_summarizer(ctx.obj)
        console = Console(highlight=False)
        failed = 0
        for path in files:
            console.rule(path.name, style="dim")
            try:
                console.print(render_rich(brief_bytes(summarizer, read_source(str(path)))))
            except (BriefError, UserError) as e:
                print(f"{path.name}: {e}", file=sys.stderr)
                failed += 1
            console.print()
    if failed:
        raise typer.Exit(USAGE_ERROR)


@app.command()
def run(ctx: typer.Context) -> None:
    """Connect to the configured chat platforms and answer there."""
    settings: Settings = ctx.obj
    with plain_errors():
        if not (settings.has_slack() or settings.has_discord()):
            raise UserError(NO_PLATFORM)
        raise UserError(PLATFORMS_NOT_YET)


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
