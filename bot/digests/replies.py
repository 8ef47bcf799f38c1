"""The answers to /digest: turn a channel's digest on or off, post it now, preview it, say
when the next one comes and what is waiting, and fold other channels in."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.channels import ChannelRef
from bot.digests import wording
from bot.digests.commands import (
    USAGE,
    CommandError,
    DigestCommand,
    DigestHelp,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestPreview,
    DigestSources,
    DigestStatus,
    parse_digest_command,
)
from bot.digests.core import DigestCore, DigestReply, DigestSoFar
from bot.schedule.timing import next_run
from bot.store.records import DIGEST_RUN_STATUSES, DigestSchedule

log = logging.getLogger(__name__)


class CommandReplies(DigestCore):
    """The /digest half of DigestService, the same on every platform."""

    async def handle_text(
        self, target: ChannelRef, text: str, *, user: str | None = None
    ) -> DigestReply:
        """Parse what followed /digest (time zones default to the service's) and answer it."""
        command = parse_digest_command(text, default_timezone=self.default_timezone)
        return await self.handle(target, command, user=user)

    async def handle(
        self, target: ChannelRef, command: DigestCommand | CommandError, *, user: str | None = None
    ) -> DigestReply:
        """Do what the command asks for the channel `target` and say what happened."""
        match command:
            case CommandError(message=message):
                return DigestReply(message)
            case DigestHelp():
                return DigestReply(USAGE)
            case DigestOn():
                return await self._on(target, command, user)
            case DigestOff():
                return await self._off(target, user)
            case DigestNow() | DigestPreview():
                return await self._now(target, public=isinstance(command, DigestNow))
            case DigestStatus():
                return await self._status(target)
            case DigestSources():
                return await self._sources(target, command)
        raise TypeError(f"not a digest command: {command!r}")

    async def _on(self, target: ChannelRef, command: DigestOn, user: str | None) -> DigestReply:
        now = self.now()
        schedule = await self.store.set_digest_schedule(
            target,
            hour=command.hour,
            minute=command.minute,
            timezone=command.timezone,
            weekdays=command.weekdays,
            quiet=command.quiet,
            updated_at=now,
        )
        log.info(
            "%s set the digest for %s: %s",
            user or "someone",
            target.label(),
            wording.schedule(schedule),
        )
        await self._changed(schedule.id)
        text = f"Done: this channel gets a digest {wording.schedule(schedule)}."
        upcoming = next_run(schedule, now)
        if upcoming is not None:
            text += f" The next one is on {wording.when(upcoming, schedule.timezone)}."
        return DigestReply(text, public=True)

    async def _off(self, target: ChannelRef, user: str | None) -> DigestReply:
        current = await self.store.digest_schedule(target)
        if current is None or not current.enabled:
            return DigestReply("Digests were not on in this channel, so nothing changed.")
        await self.store.disable_digest_schedule(target, reason=None, updated_at=self.now())
        log.info("%s turned off the digest for %s", user or "someone", target.label())
        await self._changed(current.id)
        again = wording.clock(current.hour, current.minute)
        return DigestReply(
            f"Done: no more digests in this channel. /digest on {again} brings them back.",
            public=True,
        )

    async def so_far(self, target: ChannelRef, *, since: datetime | None = None) -> DigestSoFar:
        """The channel's digest from `since` (by default where the next scheduled one will
        begin) to now, without claiming anything: the next scheduled digest still covers its
        whole period."""
        now = self.now()
        zone = await self.timezone_of(target)
        start = since if since is not None else await self.period_start(target, until=now)
        digest = await self.build(target, since=start, until=now)
        return DigestSoFar(digest, f"Digest of what was shared since {wording.when(start, zone)}")

    async def _now(self, target: ChannelRef, *, public: bool) -> DigestReply:
        made = await self.so_far(target)
        return DigestReply(made.heading, made.digest, public=public)

    async def _status(self, target: ChannelRef) -> DigestReply:
        now = self.now()
        schedule = await self.store.digest_schedule(target)
        zone = schedule.timezone if schedule is not None else self.default_timezone
        lines = [self._schedule_line(schedule, now)]
        last = await self.store.last_digest_run(target, statuses=DIGEST_RUN_STATUSES)
        if last is not None:
            lines.append(f"The last digest was due {wording.run(last, zone)}.")
        since = await self.period_start(target, until=now)
        waiting = await self.store.count_shared_since(target, since=since, until=now)
        lines.append(
            f"{wording.count(waiting, 'article')} shared since "
            f"{wording.when(since, zone)} {'is' if waiting == 1 else 'are'} waiting for "
            "the next digest."
        )
        sources = await self.store.digest_sources(target)
        if sources:
            shown = wording.join([wording.channel(s) for s in sources])
            lines.append(f"The digest also covers {shown}.")
        return DigestReply("\n".join(lines))

    def _schedule_line(self, schedule: DigestSchedule | None, now: datetime) -> str:
        if schedule is None:
            return (
                "Digests are not on in this channel. /digest on 08:30 turns them on (a time "
                "zone, days and quiet are optional)."
            )
        again = wording.clock(schedule.hour, schedule.minute)
        if not schedule.enabled and schedule.disabled_reason:
            return (
                "Digests were turned off in this channel because the last one could not be "
                f"posted: {schedule.disabled_reason}. Once that is fixed, /digest on {again} "
                "turns them back on."
            )
        if not schedule.enabled:
            return f"Digests are off in this channel; /digest on {again} turns them back on."
        text = f"This channel gets a digest {wording.schedule(schedule)}."
        upcoming = next_run(schedule, now)
        if upcoming is not None:
            text += f" The next one is on {wording.when(upcoming, schedule.timezone)}."
        return text

    async def _sources(self, target: ChannelRef, command: DigestSources) -> DigestReply:
        if command.action == "list" or command.channel is None:
            sources = await self.store.digest_sources(target)
            if not sources:
                return DigestReply(
                    "This channel's digest covers only what is shared here. "
                    "/digest sources add #channel folds in another channel."
                )
            shown = wording.join([wording.channel(s) for s in sources])
            return DigestReply(f"This channel's digest also covers {shown}.")
        source = wording.channel(command.channel)
        if command.channel == target.channel:
            return DigestReply("That is this channel: what is shared here is always in its digest.")
        if command.action == "add":
            added = await self.store.add_digest_source(target, command.channel, added_at=self.now())
            if not added:
                return DigestReply(f"{source} is already folded into this channel's digest.")
            return DigestReply(
                f"Done: this channel's digest now also covers what is shared in {source}.",
                public=True,
            )
        if not await self.store.remove_digest_source(target, command.channel):
            return DigestReply(f"{source} was not folded into this channel's digest.")
        return DigestReply(f"Done: this channel's digest no longer covers {source}.", public=True)
