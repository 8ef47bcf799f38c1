"""What runs inside a worker process: its start, the brief job, and errors made fit to travel
back to the bot's process."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.ingest.reader import warm_up
from summarizer import Brief, Summarizer

_summarizer: Summarizer | None = None


def start_worker(model: str | None) -> None:
    """Load the summarizer and warm the reader once, before the worker takes any task (quick
    when the fork server has loaded them already: see bot/workers/preload.py)."""
    global _summarizer
    _summarizer = Summarizer(model)
    warm_up()


def summarize_in_worker(text: str, title: str | None) -> Brief:
    if _summarizer is None:
        raise RuntimeError("start_worker has not run in this process")
    return _summarizer.summarize(text, title=title)


class WorkerTraceback(Exception):
    """The traceback of an error raised in a worker, kept as the cause of the rebuilt error."""


@dataclass(frozen=True, slots=True)
class Raised:
    """An error on its way back from a worker: class, arguments and attributes. Pickling the
    error itself would not do: ours take their own constructor arguments (NotEnglishError takes
    none), so unpickling one fails, and pebble takes a result it cannot unpickle for a broken
    pool."""

    kind: type[Exception]
    args: tuple[Any, ...]
    state: dict[str, Any]
    trace: str

    def rebuilt(self) -> Exception:
        error = self.kind.__new__(self.kind)
        error.args = self.args
        error.__dict__.update(self.state)
        error.__cause__ = WorkerTraceback(self.trace)
        return error


def call(job: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """`job(*args)`, or the error it raised as a Raised value."""
    try:
        return job(*args)
    except Exception as e:
        return Raised(type(e), e.args, dict(vars(e)), traceback.format_exc())
