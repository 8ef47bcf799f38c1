"""Running the real `briefbot` command, and what every plain error must look like."""

from __future__ import annotations

import subprocess
import sys


def briefbot(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def assert_plain_error(result: subprocess.CompletedProcess[str], message: str | None = None):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0][0].isupper() and not lines[0].startswith(("Error", "Usage"))
    if message is not None:
        assert lines[0] == message
    assert result.stdout == ""
