"""Library notes an operator cannot act on are dropped; everything else from those loggers stays."""

from __future__ import annotations

import logging

import pytest

from bot.logs import configure_logging


def test_voice_and_unused_token_notes_are_dropped(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO")
    configure_logging("INFO")  # configured twice (as at start-up): still one filter each
    logging.getLogger("discord.client").warning(
        "PyNaCl is not installed, voice will NOT be supported"
    )
    logging.getLogger("discord.client").warning(
        "davey is not installed, voice will NOT be supported"
    )
    logging.getLogger("bot.adapters.slack.bolt").warning(
        "As you gave `client` as well, `token` will be unused."
    )
    logging.getLogger("discord.client").warning("Shard ID None has stopped responding.")
    logged = capsys.readouterr().err
    assert "voice" not in logged and "token" not in logged
    assert "WARNING discord.client: Shard ID None has stopped responding." in logged
    assert len(logging.getLogger("discord.client").filters) == 1
