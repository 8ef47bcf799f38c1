"""`briefbot demo`: the sample articles in seeds/, briefed and kept as a channel's day, then
the digest of that day, so a newcomer sees briefs and how a digest groups stories.

A sample may open with `Title:`, `Site:`, `Published:` and `URL:` lines and a blank line:
what a fetched page would have told the reader about it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from rich.console import Console

from bot import runtime
from bot.adapters.console.digest import render_digest_rich
from bot.adapters.console.output import show
from bot.adapters.console.render import render_rich
from bot.channels import ChannelRef, Platform
from bot.config import Settings
from bot.inputs import InputError, read_source
from bot.service import Origin, TextSource
from summarizer import BriefError, decode_text

DEMO_CHANNEL = "demo"
DEMO_SLACK = timedelta(seconds=1)  # the demo's digest holds this run's shares, not earlier ones
DIGEST_HEADING = "Digest of the sample articles"
_HEADER = re.compile(r"^(Title|Site|Published|URL):[ \t]*(.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sample:
    """A sample article: its text, headline and where it is from."""

    text: str
    title: str | None = None
    source: TextSource = field(default_factory=TextSource)


def read_sample(text: str) -> Sample:
    """The header lines at the top (up to a blank line) and the article after them; a text
    without them is all article."""
    lines = text.splitlines()
    facts: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip() and facts:
            body = "\n".join(lines[i + 1 :]).strip()
            source = TextSource(facts.get("url"), facts.get("site"), facts.get("published"))
            return Sample(body, facts.get("title"), source)
        match = _HEADER.match(line)
        if match is None:
            break
        facts[match[1].lower()] = match[2]
    return Sample(text)


def find_seeds() -> Path | None:
    """seeds/ under the current folder, else beside the installed package (a checkout)."""
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        if (base / "seeds").is_dir():
            return base / "seeds"
    return None


async def run_demo(settings: Settings, files: list[Path], console: Console) -> int:
    """Store and show each sample's briefing, then the digest; the number that failed."""
    failed = 0
    async with runtime.open_services(settings, allow_private=False) as services:
        service, digests = services.briefs, services.digests
        origin = Origin(platform=Platform.console, channel=DEMO_CHANNEL, private=False)
        started = service.now() - DEMO_SLACK
        for path in files:
            console.rule(path.name, style="dim")
            try:
                sample = read_sample(decode_text(read_source(str(path))))
                done = await service.brief_text(
                    sample.text, title=sample.title, origin=origin, source=sample.source
                )
                show(console, render_rich(done.brief))
            except (BriefError, InputError) as e:
                print(f"{path.name}: {e}", file=sys.stderr)
                failed += 1
            console.print()
        # The demo ends as a channel's day ends: with the digest of what was shared in it.
        target = ChannelRef(Platform.console, DEMO_CHANNEL)
        digest = await digests.build(target, since=started, until=digests.now())
        console.rule("digest", style="dim")
        show(console, render_digest_rich(digest, heading=DIGEST_HEADING))
    return failed
