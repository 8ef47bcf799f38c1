"""Every test here runs the real `briefbot` command as a subprocess, in a clean environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from locations import REPO

from bot.config import SECRET_ENV


@pytest.fixture(autouse=True)
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A clean environment for the child: no BRIEFBOT_* or tokens, an empty working folder."""
    for name in list(os.environ):
        if name.startswith("BRIEFBOT_") or name in SECRET_ENV.values():
            monkeypatch.delenv(name)
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.setenv("COLUMNS", "2000")  # rich: no wrapping, so lines can be matched
    monkeypatch.chdir(tmp_path)
    return tmp_path
