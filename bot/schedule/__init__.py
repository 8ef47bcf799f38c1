"""Digest schedules: parsing /digest, when a schedule fires, posting, and the APScheduler jobs.

The use cases themselves (build, run once, answer a command) are in bot.digests.
"""

from bot.schedule.commands import (
    CommandError,
    DigestCommand,
    DigestHelp,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestPreview,
    DigestSources,
    DigestStatus,
    parse_digest_command,
)
from bot.schedule.posting import (
    DigestPoster,
    PermanentPostError,
    PostError,
    RetryablePostError,
)
from bot.schedule.scheduler import DigestScheduler, run_digest_job
from bot.schedule.timing import latest_due, next_run, trigger_for

__all__ = [
    "CommandError",
    "DigestCommand",
    "DigestHelp",
    "DigestNow",
    "DigestOff",
    "DigestOn",
    "DigestPoster",
    "DigestPreview",
    "DigestScheduler",
    "DigestSources",
    "DigestStatus",
    "PermanentPostError",
    "PostError",
    "RetryablePostError",
    "latest_due",
    "next_run",
    "parse_digest_command",
    "run_digest_job",
    "trigger_for",
]
