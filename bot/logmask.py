"""Credentials kept out of every log line, whichever library writes it and at whatever level.

slack-sdk and slack-bolt log request bodies and URLs at DEBUG: a slash command's response_url
(anyone holding it can post into the channel for half an hour), the Socket Mode ticket URL;
database drivers put connection URLs in their exception text. A filter on the log handlers
masks them in the message and in the traceback, so no call site has to remember to.
"""

from __future__ import annotations

import logging
import re

MASK = "***"
# Query parameters (or form fields) whose value is a credential: a name that is, or has as one
# of its parts (access_token, X-Amz-Signature, accessToken), one of these words.
_WORDS = "token|ticket|password|passwd|pwd|secret|key|signature|sig|auth"
SECRET_NAMES = rf"(?:[\w.-]*[_.-]|[a-z]+(?=[A-Z]))?(?i:{_WORDS})s?(?:[_.-][\w.-]*)?"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Slack's webhooks and response_urls (GovSlack's too), also JSON-escaped (\/) or
    # form-encoded (%2F).
    (re.compile(r"(hooks\.slack(?:-gov)?\.com)(?:\\?/|%2[Ff])[^\s'\"&,;)}\]]*"), rf"\1/{MASK}"),
    # Discord's interaction and webhook tokens in API paths (discord.http logs them at DEBUG):
    # whoever holds one can post as the app.
    (re.compile(r"(/(?:webhooks|interactions)/\d+/)[^/\s'\"?#]+"), rf"\1{MASK}"),
    # name=value in a query string, a form body or a key=value log line.
    (
        re.compile(rf"((?:^|(?<=[?&;\s,(\[{{]))(?:{SECRET_NAMES})=)[^&#\s'\",;)}}\]]+"),
        rf"\1{MASK}",
    ),
    # The password in scheme://user:password@host, to the URL's last @: a password written
    # with an @ or a / in it (unencoded) is masked whole, at worst with the host.
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^/\s:@]*:)[^\s'\"]+(@)", re.I), rf"\1{MASK}\2"),
    # An Authorization header's credential.
    (re.compile(r"\b(Bearer\s+)[\w.~+/-]+=*", re.I), rf"\1{MASK}"),
    # Slack tokens wherever they turn up.
    (re.compile(r"\b(xox[a-z]|xapp)-[\w-]+"), rf"\1-{MASK}"),
)


def mask(text: str) -> str:
    """`text` with every credential this module knows replaced by ***."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class SecretMaskFilter(logging.Filter):
    """Masks the finished message, the traceback and the stack of every record it passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of `logger` (the root logger by default): a filter on a
    handler sees the records of every logger that reaches it, a logger's own only its own."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, SecretMaskFilter) for f in handler.filters):
            handler.addFilter(SecretMaskFilter())
