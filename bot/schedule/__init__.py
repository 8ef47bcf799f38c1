"""When digests fire: APScheduler's cron jobs, one per enabled schedule, and the time arithmetic
of a schedule (timing). What a run does is the digest use case's (bot.digests); this package
imports nothing above the store.
"""

from bot.schedule.scheduler import DigestRunner, DigestScheduler, run_digest_job
from bot.schedule.timing import latest_due, next_run, trigger_for

__all__ = [
    "DigestRunner",
    "DigestScheduler",
    "latest_due",
    "next_run",
    "run_digest_job",
    "trigger_for",
]
