"""Fixtures every test folder shares: the seed article and one summarizer for the whole run."""

from __future__ import annotations

import pytest
from locations import SEED

from summarizer import Brief, Summarizer


@pytest.fixture(scope="session")
def summarizer_() -> Summarizer:
    return Summarizer()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_brief(summarizer_: Summarizer, seed_text: str) -> Brief:
    return summarizer_.summarize(seed_text)
