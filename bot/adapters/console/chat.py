"""`briefbot chat`: the terminal as a chat channel, to try Briefbot without any token.

Pasted links and article texts are briefed as in a Slack or Discord channel where auto-brief is
on; `/brief` and `/digest` work as there, on the same service and store. The session is also a
digest poster: a schedule set with `/digest on` posts here while the session is open.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from rich.console import Console, RenderableType
from rich.text import Text

from bot.adapters.console.digest import render_digest_rich
from bot.adapters.console.lines import DEFAULT_CHANNEL, ChatMessage, Entry
from bot.adapters.console.memory import render_search_rich, render_who_rich
from bot.adapters.console.render import render_rich
from bot.adapters.presentation.help import HELP_FACTS
from bot.adapters.presentation.memory import BRIEFS_WHAT, WHO_WHAT
from bot.channels import ChannelRef
from bot.digests import DigestReply, DigestService
from bot.memory import MemoryService
from bot.service import UNEXPECTED, BriefService, Origin
from summarizer import Digest

log = logging.getLogger(__name__)

PLATFORM = "console"
QUIT = frozenset({"quit", "exit"})
WELCOME = (
    "Briefbot chat, channel #{channel}. Paste a link or an article's text and press Enter "
    "(Esc then Enter starts a new line); /help lists the commands, /quit or Ctrl-D leaves."
)
HELP = (
    f"Briefbot {HELP_FACTS.about}\n"
    f"{HELP_FACTS.paste}, press Enter, and Briefbot briefs it.\n"
    "/brief LINK or TEXT   brief on request (shorter texts too; paste after /brief)\n"
    "/digest on HH:MM [timezone] [weekdays] [quiet] | off | now | preview | status\n"
    "/digest sources add|remove #channel   fold in another terminal channel\n"
    "/who NAME   what a person or organisation said in the briefs shared here\n"
    "/briefs WORDS   the briefs shared here that hold these words\n"
    f"{HELP_FACTS.digest_help}   {HELP_FACTS.digest_help_says}\n"
    "/help   this text        /quit   leave"
)
NOTHING_TO_BRIEF = (
    f"Nothing to brief there: paste a link, or an article of {HELP_FACTS.enough_words} "
    "(or put /brief before a shorter text)."
)
BRIEF_WHAT = "/brief what? Put a link or an article's text after /brief."


def _dim(text: str) -> Text:
    return Text(text, style="dim")


@dataclass
class ChatChannel:
    """One terminal channel: answers what is typed, and posts the digests scheduled for it."""

    service: BriefService
    digests: DigestService
    console: Console
    channel: str = DEFAULT_CHANNEL
    # /who and /briefs; by default on the brief service's store and clock.
    memory: MemoryService | None = None

    def __post_init__(self) -> None:
        if self.memory is None:
            self.memory = MemoryService(self.service.store, now=self.service.now)

    @property
    def target(self) -> ChannelRef:
        return ChannelRef(PLATFORM, self.channel)

    def _origin(self) -> Origin:
        return Origin(platform=PLATFORM, channel=self.channel, user_id="you", private=False)

    def show(self, renderable: RenderableType | str) -> None:
        # Plain strings are ours but may quote the user: print them as text, never as markup.
        self.console.print(Text(renderable) if isinstance(renderable, str) else renderable)
        self.console.print()

    # The channel as a digest poster (DigestPoster), for schedules set with /digest on.

    async def post_digest(
        self, target: ChannelRef, digest: Digest, *, heading: str, skip: int = 0
    ) -> str | None:
        if skip == 0:  # the terminal takes the whole digest as one message
            self.show(render_digest_rich(digest, heading=heading))
        return None

    # What was typed

    async def handle(self, entry: Entry) -> bool:
        """Answer one message or command; False when the user asked to leave."""
        try:
            if isinstance(entry, ChatMessage):
                await self._brief(entry.text, asked=False)
            elif entry.name in QUIT:
                return False
            elif entry.name == "brief":
                await self._brief(entry.text, asked=True)
            elif entry.name == "digest":
                self._reply(await self.digests.handle_text(self.target, entry.text, user="you"))
            elif entry.name == "who":
                await self._who(entry.text)
            elif entry.name == "briefs":
                await self._search(entry.text)
            elif entry.name == "help":
                self.show(HELP)
            else:
                self.show(f"There is no /{entry.name} here; /help lists the commands.")
        except Exception:
            log.exception("The chat channel failed on %r", entry)
            self.show(UNEXPECTED)
        return True

    async def _brief(self, text: str, *, asked: bool) -> None:
        if not text.strip():
            self.show(BRIEF_WHAT if asked else NOTHING_TO_BRIEF)
            return
        origin = self._origin()
        if asked:
            outcomes = await self.service.brief_request(text, origin=origin)
        else:
            outcomes = await self.service.brief_message(text, origin=origin)
        if not outcomes:
            self.show(_dim(NOTHING_TO_BRIEF))
        for outcome in outcomes:
            if outcome.briefed is not None:
                self.show(render_rich(outcome.briefed.brief))
            else:
                self.show(f"{outcome.source}: {outcome.problem or UNEXPECTED}")

    async def _who(self, name: str) -> None:
        if not name.strip() or self.memory is None:
            self.show(WHO_WHAT)
            return
        self.show(render_who_rich(await self.memory.who(name, self.target)))

    async def _search(self, words: str) -> None:
        if not words.strip() or self.memory is None:
            self.show(BRIEFS_WHAT)
            return
        self.show(render_search_rich(words, await self.memory.search(words, self.target)))

    def _reply(self, reply: DigestReply) -> None:
        if reply.digest is not None:
            self.show(render_digest_rich(reply.digest, heading=reply.text or "Digest"))
        elif reply.text:
            self.show(reply.text)


async def run_chat(
    channel: ChatChannel, entries: AsyncIterator[Entry], *, welcome: bool = True
) -> None:
    """Answer each message or command as it arrives, until /quit or the end of input."""
    if welcome:
        channel.show(_dim(WELCOME.format(channel=channel.channel)))
    async for entry in entries:
        if not await channel.handle(entry):
            return
