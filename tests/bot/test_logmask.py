"""Credentials masked in every log record that reaches a handler with the filter installed:
in the message, its arguments and the traceback, from any logger and at any level."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot import logmask
from bot.logs import configure_logging as _configure_logging

HOOK = "https://hooks.slack.com/commands/T0001/1234567890/s3cr3tHookPart"
TICKET = "wss://wss-primary.slack.com/link/?ticket=8f1c9e0a-secret-ticket&app_id=A0001"
DB = "postgresql+asyncpg://news:hunter2@db.example/briefbot?password=hunter3&sslmode=require"
SECRETS = ("s3cr3tHookPart", "secret-ticket", "hunter2", "hunter3", "xoxb-1-2-abc", "sig123")


@pytest.fixture
def written() -> Iterator[io.StringIO]:
    """What a handler on the root logger writes, with the filter installed the CLI's way."""
    root = logging.getLogger()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        logmask.install()
        yield out
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_every_level_and_logger_is_masked(written: io.StringIO) -> None:
    libraries = ("slack_bolt.App", "slack_sdk.socket_mode", "sqlalchemy.engine", "bot")
    for level, name in zip((10, 20, 30, 40), libraries, strict=True):
        logging.getLogger(name).log(level, "url %s, %s, token=%s", HOOK, TICKET, "xoxb-1-2-abc")
    logging.getLogger("bot").debug("body: %s", {"response_url": HOOK, "text": "hi"})
    logging.getLogger("bot").debug("form: response_url=%s", HOOK.replace("/", "%2F"))
    logging.getLogger("bot").info("GET https://x.example/a?X-Amz-Signature=sig123&page=2")
    text = written.getvalue()
    assert not [s for s in SECRETS if s in text], text
    assert text.count("hooks.slack.com/***") == 6
    assert "ticket=***&app_id=A0001" in text
    assert "page=2" in text  # what is not a credential stays readable


def test_exception_text_is_masked(written: io.StringIO) -> None:
    try:
        raise ConnectionError(f"cannot connect to {DB} for {HOOK}")
    except ConnectionError:
        logging.getLogger("sqlalchemy.pool").exception("Opening %s failed", DB)
    text = written.getvalue()
    assert "Traceback" in text and "ConnectionError" in text
    assert not [s for s in SECRETS if s in text], text
    assert "postgresql+asyncpg://news:***@db.example/briefbot?password=***" in text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (TICKET, "wss://wss-primary.slack.com/link/?ticket=***&app_id=A0001"),
        (
            "https://a.example/?api_key=1&accessToken=2&Key=3",
            "https://a.example/?api_key=***&accessToken=***&Key=***",
        ),
        ("Authorization: Bearer abc.def==", "Authorization: Bearer ***"),
        ("monkey=banana author=me keyword=x", "monkey=banana author=me keyword=x"),
        # GovSlack's response_urls are credentials as much as Slack's.
        ("https://hooks.slack-gov.com/commands/T1/2/s3cr3t", "https://hooks.slack-gov.com/***"),
        # Discord's interaction tokens, as discord.http writes its routes at DEBUG.
        (
            "POST https://discord.com/api/v10/interactions/1234/aW50ZXJ.hY3-Rp/callback with",
            "POST https://discord.com/api/v10/interactions/1234/***/callback with",
        ),
        (
            "PATCH https://discord.com/api/v10/webhooks/99/aW50ZXJhY3Rp/messages/@original",
            "PATCH https://discord.com/api/v10/webhooks/99/***/messages/@original",
        ),
        # A database password written with a / or an @ in it is masked whole.
        ("postgresql://ed:hun/ter2@db.example/news", "postgresql://ed:***@db.example/news"),
        ("postgresql://ed:hun@ter2@db.example/news", "postgresql://ed:***@db.example/news"),
        (
            "'postgresql://ed:pw@db/x' or 'https://a@b'",
            "'postgresql://ed:***@db/x' or 'https://a@b'",
        ),
    ],
)
def test_what_is_masked_and_what_is_not(text: str, masked: str) -> None:
    assert logmask.mask(text) == masked


def test_the_cli_logging_setup_installs_the_filter(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        _configure_logging("DEBUG")
        logging.getLogger("slack_bolt.AsyncApp").debug("Sending to response_url %s", HOOK)
        logging.getLogger("slack_sdk.socket_mode.aiohttp").info("Connecting to %s", TICKET)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    err = capsys.readouterr().err
    assert "hooks.slack.com/***" in err and "ticket=***" in err
    assert not [s for s in SECRETS if s in err], err
