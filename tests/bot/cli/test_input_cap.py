"""Endless input (/dev/zero, a pipe that never ends) is read only up to the size limit, then
refused in one sentence: the real command, run as a subprocess, with its peak memory measured."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from command_line import assert_plain_error

from bot.inputs import TOO_LARGE, TOO_LARGE_MESSAGE

# Run `briefbot` from a small parent that reports the child's peak resident memory, so other
# tests' children never count.
MEASURED = """
import json, resource, subprocess, sys
with open(sys.argv[1], "rb") as stdin:
    done = subprocess.run(sys.argv[2:], stdin=stdin, capture_output=True, timeout=120)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "out": done.stdout.decode(),
                  "err": done.stderr.decode(), "peak_mb": peak_kb / 1024}))
"""
PEAK_MB = 300
SECONDS = 60


Result = subprocess.CompletedProcess[str]


def measured(*args: str, stdin: str = "/dev/null") -> tuple[Result, float]:
    started = time.monotonic()
    parent = subprocess.run(
        [sys.executable, "-c", MEASURED, stdin, sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    assert time.monotonic() - started < SECONDS
    report = json.loads(parent.stdout)
    result = subprocess.CompletedProcess(args, report["code"], report["out"], report["err"])
    return result, report["peak_mb"]


@pytest.mark.parametrize(
    ("args", "stdin"),
    [(("brief", "/dev/zero"), "/dev/null"), (("brief", "-"), "/dev/zero")],
    ids=["file", "stdin"],
)
def test_brief_of_endless_input_stops_at_the_limit(args: tuple[str, ...], stdin: str) -> None:
    result, peak_mb = measured(*args, stdin=stdin)
    assert_plain_error(result, TOO_LARGE)
    assert peak_mb < PEAK_MB, f"peak {peak_mb:.0f} MB"


def test_ingest_of_endless_input_says_so_for_that_source() -> None:
    result, _ = measured("ingest", "/dev/zero")
    assert result.returncode == 2
    assert result.stderr.strip() == f"/dev/zero: {TOO_LARGE}"
    assert "Traceback" not in result.stderr


def test_chat_stops_reading_an_endless_message() -> None:
    result, _ = measured("chat", stdin="/dev/zero")
    assert_plain_error(result, TOO_LARGE_MESSAGE)
