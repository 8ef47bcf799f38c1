"""Builds the summarizer the settings ask for, falling back to blank English + rules.

A trained spaCy pipeline is an optional extra that a fresh install cannot count on, so a
configured but missing one is a warning, never a failure.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from bot.config import Settings
from summarizer import Summarizer

log = logging.getLogger(__name__)


def installed_model(name: str | None) -> str | None:
    """`name` if it is an installed pipeline package (or a pipeline folder), else None."""
    if not name:
        return None
    if Path(name).is_dir():
        return name
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        log.warning("spaCy pipeline %r is not installed; using blank English + rules.", name)
        return None
    return name


def make_summarizer(settings: Settings) -> Summarizer:
    return Summarizer(installed_model(settings.spacy_model))
