"""The digest use case, whole: /digest parsing (commands), the replies, the scheduled run
(claim, post, retry), the wording of every reply, and what a platform must offer to receive
a digest (posting). bot.schedule only fires the runs at their times."""

from bot.digests.commands import CommandError, DigestCommand, parse_digest_command
from bot.digests.core import DigestReply, DigestSoFar
from bot.digests.posting import DigestPoster, PermanentPostError, PostError, RetryablePostError
from bot.digests.runs import CHANGED, STOPPED
from bot.digests.service import DigestService

__all__ = [
    "CHANGED",
    "STOPPED",
    "CommandError",
    "DigestCommand",
    "DigestPoster",
    "DigestReply",
    "DigestService",
    "DigestSoFar",
    "PermanentPostError",
    "PostError",
    "RetryablePostError",
    "parse_digest_command",
]
