"""How Briefbot logs: to stderr at the configured level, library chatter kept down, and
credentials masked in every record (bot.logmask)."""

from __future__ import annotations

import logging
import sys

from bot import logmask

# Library log lines that tell an operator nothing they can act on: discord.py's voice support
# (never used here), and Bolt's note that a token read from the environment goes unused
# because Briefbot hands it a client of its own.
NOISE = {
    "discord.client": ("voice will NOT be supported",),
    "bot.adapters.slack.bolt": ("`token` will be unused",),
}


class _Noise(logging.Filter):
    """Drops one library's log lines that hold any of `fragments`."""

    def __init__(self, fragments: tuple[str, ...]) -> None:
        super().__init__()
        self.fragments = fragments

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(fragment in message for fragment in self.fragments)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        stream=sys.stderr, level=level, format="%(levelname)s %(name)s: %(message)s", force=True
    )
    # Migration and job chatter is for debugging, not for every command's stderr.
    for chatty in ("alembic", "apscheduler"):
        logging.getLogger(chatty).setLevel(level if level == "DEBUG" else "WARNING")
    # discord.py's webhook logger writes interaction URLs, whose tokens can post as the app.
    logging.getLogger("discord.webhook").setLevel("INFO")
    for name, fragments in NOISE.items():
        noisy = logging.getLogger(name)
        noisy.filters = [f for f in noisy.filters if not isinstance(f, _Noise)]
        noisy.addFilter(_Noise(fragments))
    logmask.install()  # response_urls, Socket Mode tickets, URL credentials: masked everywhere
