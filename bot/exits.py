"""How a `briefbot` command ends: its exit codes, and one plain sentence on stderr for every
problem a user can cause, never a traceback (the people running this are editors, not Python
programmers)."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from bot.startup import StartupError

log = logging.getLogger("bot")

USAGE_ERROR = 2
INTERRUPTED = 130


class UserError(Exception):
    """A problem the user can fix; str() is the sentence shown to them."""


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors whose str() is a sentence for the user (imported when one is raised)."""
    from bot.config import ConfigError
    from bot.inputs import InputError
    from summarizer import BriefError

    return (UserError, InputError, BriefError, ConfigError, StartupError)


@contextmanager
def plain_errors() -> Iterator[None]:
    """Turn the problems a user can fix into one sentence on stderr and exit code 2."""
    try:
        yield
    except KeyboardInterrupt:
        raise typer.Exit(INTERRUPTED) from None
    except typer.Exit:
        raise
    except Exception as e:
        from bot.ingest import FetchError

        if isinstance(e, FetchError):
            log.debug("Fetch failed: %s", e)  # the detail for the log, the sentence for the user
            print(e.user_message, file=sys.stderr)
        elif isinstance(e, _user_errors()):
            print(str(e), file=sys.stderr)
        else:
            raise
        raise typer.Exit(USAGE_ERROR) from None


def exit_for(stopped_by: signal.Signals | None) -> None:
    """Stopped gracefully by a signal: Ctrl-C exits with 130 as before; SIGTERM (docker stop,
    systemd) is the ordinary way to stop a service, so it exits with 0."""
    if stopped_by is signal.SIGINT:
        raise typer.Exit(INTERRUPTED)
