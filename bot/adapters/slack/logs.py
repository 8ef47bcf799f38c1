"""What Slack's libraries log, made fit for Briefbot's log: no traceback every few seconds
while Slack is away, no warning about a choice Briefbot makes on purpose."""

from __future__ import annotations

import logging

from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

BOLT_LOGGER = "bot.adapters.slack.bolt"
SOCKET_MODE_LOGGER = "bot.adapters.slack.socket_mode"


class _OneLineBelowDebug(logging.Filter):
    """slack_sdk logs each failed Socket Mode reconnection as an error with its traceback, every
    few seconds while Slack is away: below DEBUG that is one warning line per attempt."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and not logging.getLogger(record.name).isEnabledFor(logging.DEBUG):
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class _NotTheClientChoice(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN goes unused when it is given a client; Briefbot gives it
    one on purpose (base URL, retries), holding that same token."""

    unused_token = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.unused_token


def _with(name: str, kind: type[logging.Filter]) -> logging.Logger:
    logger = logging.getLogger(name)
    if not any(isinstance(f, kind) for f in logger.filters):
        logger.addFilter(kind())
    return logger


def bolt_logger() -> logging.Logger:
    """The logger the Bolt app writes to."""
    return _with(BOLT_LOGGER, _NotTheClientChoice)


def socket_mode_logger() -> logging.Logger:
    """The logger the Socket Mode client writes to, with tracebacks kept for DEBUG."""
    return _with(SOCKET_MODE_LOGGER, _OneLineBelowDebug)
