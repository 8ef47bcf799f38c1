"""Where brief work runs: worker processes with a time limit in the bot, threads in a one-shot
command. The brief service sees only `BriefWork`; runtime chooses which."""

from bot.workers.pool import (
    SHUTTING_DOWN,
    TOO_SLOW_BRIEF,
    TOO_SLOW_PAGE,
    WORKER_LOST,
    WorkerPool,
    worker_count,
)
from bot.workers.work import BriefWork, InProcess, WorkStopped

__all__ = [
    "SHUTTING_DOWN",
    "TOO_SLOW_BRIEF",
    "TOO_SLOW_PAGE",
    "WORKER_LOST",
    "BriefWork",
    "InProcess",
    "WorkStopped",
    "WorkerPool",
    "worker_count",
]
