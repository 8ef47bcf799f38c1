"""What the brief service asks of wherever its CPU-bound work runs, and the in-process answer."""

from __future__ import annotations

import asyncio
from typing import Protocol

from bot.ingest.fetch import Page
from bot.ingest.reader import Article, read_article
from summarizer import Brief, BriefError, Summarizer


class WorkStopped(BriefError):
    """The work was stopped: past the time limit, its worker lost, or Briefbot shutting down.
    str() is the sentence for the person who asked."""


class BriefWork(Protocol):
    """Briefing a text and reading a page: pure, CPU-bound, and possibly slow on hostile input."""

    async def summarize(self, text: str, title: str | None) -> Brief: ...

    async def read(self, page: Page) -> Article: ...


class InProcess:
    """The work in this process's threads: no time limit, nothing to start. For one-shot
    commands, where one input is briefed, nobody waits behind it and Ctrl-C ends it."""

    def __init__(self, summarizer: Summarizer) -> None:
        self.summarizer = summarizer

    async def summarize(self, text: str, title: str | None) -> Brief:
        return await asyncio.to_thread(self.summarizer.summarize, text, title=title)

    async def read(self, page: Page) -> Article:
        return await asyncio.to_thread(read_article, page)
