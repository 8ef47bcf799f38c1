"""Digest schedules, runs and source channels, and what a digest reads: a period's postings.

A channel is keyed by (platform, workspace, channel) with "" for no workspace in the digest
tables; postings keep NULL there, so reading them matches NULL and "" alike.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, delete, distinct, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import ChannelRef, require_channel
from bot.store.errors import UnknownDigestRunError
from bot.store.records import DIGEST_RUN_STATUSES, DigestRun, DigestSchedule, SharedBrief
from bot.store.schema import (
    Article,
    BriefRow,
    DigestRunRow,
    DigestScheduleRow,
    DigestSourceRow,
    PostingRow,
)
from bot.store.versions import first_version, link_url

ChannelTable = type[DigestScheduleRow] | type[DigestRunRow] | type[DigestSourceRow]

# Checking arguments (before any transaction)


def checked_target(target: ChannelRef) -> ChannelRef:
    """The channel, checked; an empty workspace is the same as none, so it becomes None."""
    require_channel(target.platform, target.channel, "a digest")
    if target.workspace == "":
        return ChannelRef(target.platform, target.channel, None)
    return target


def _checked_int(value: int, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return value


def checked_time(hour: int, minute: int) -> tuple[int, int]:
    return _checked_int(hour, "hour", 0, 23), _checked_int(minute, "minute", 0, 59)


def checked_weekdays(weekdays: Sequence[int]) -> tuple[int, ...]:
    """Day numbers (0 = Monday … 6 = Sunday), sorted and without repeats; at least one."""
    if isinstance(weekdays, str):
        raise ValueError("weekdays must be day numbers, not text")
    days = tuple(sorted({_checked_int(day, "a weekday", 0, 6) for day in weekdays}))
    if not days:
        raise ValueError("a digest schedule needs at least one weekday")
    return days


def checked_timezone(name: str) -> str:
    """An IANA time zone name the tz database knows, e.g. "Europe/Paris"."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as e:
        raise ValueError(f"unknown time zone {name!r} (an IANA name like Europe/Paris)") from e
    return name


def checked_statuses(statuses: Collection[str]) -> tuple[str, ...]:
    if isinstance(statuses, str):
        raise ValueError("statuses must be a sequence of statuses, not one string")
    unknown = set(statuses) - DIGEST_RUN_STATUSES
    if unknown:
        known = ", ".join(sorted(DIGEST_RUN_STATUSES))
        raise ValueError(f"unknown digest run status {sorted(unknown)} (one of {known})")
    return tuple(statuses)


def checked_count(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a count (0 or more), got {value!r}")
    return value


# Keys and records


def _where(table: ChannelTable, target: ChannelRef) -> tuple[ColumnElement[bool], ...]:
    return (
        table.platform == target.platform,
        table.workspace == (target.workspace or ""),
        table.channel == target.channel,
    )


def _key(target: ChannelRef) -> dict[str, str]:
    return {
        "platform": target.platform,
        "workspace": target.workspace or "",
        "channel": target.channel,
    }


def _ref(platform: str, workspace: str | None, channel: str) -> ChannelRef:
    return ChannelRef(platform=platform, channel=channel, workspace=workspace or None)


def _schedule(row: DigestScheduleRow) -> DigestSchedule:
    return DigestSchedule(
        id=row.id,
        target=_ref(row.platform, row.workspace, row.channel),
        hour=row.hour,
        minute=row.minute,
        timezone=row.timezone,
        weekdays=tuple(int(day) for day in row.weekdays.split(",")),
        quiet=row.quiet,
        enabled=row.enabled,
        disabled_reason=row.disabled_reason,
        updated_at=row.updated_at,
    )


def _run(row: DigestRunRow) -> DigestRun:
    return DigestRun(
        id=row.id,
        target=_ref(row.platform, row.workspace, row.channel),
        scheduled_for=row.scheduled_for,
        kind=row.kind,
        status=row.status,
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        finished_at=row.finished_at,
        attempts=row.attempts,
        detail=row.detail,
        article_count=row.article_count,
        story_count=row.story_count,
        since=row.since,
        last_attempt_at=row.last_attempt_at,
    )


# Schedules


async def set_schedule(
    session: AsyncSession,
    target: ChannelRef,
    *,
    hour: int,
    minute: int,
    timezone: str,
    weekdays: tuple[int, ...],
    quiet: bool,
    updated_at: datetime,
) -> DigestSchedule:
    """Create or replace the channel's schedule, enabled (a conflicting insert raises
    IntegrityError, for the caller to retry)."""
    row = await session.scalar(select(DigestScheduleRow).where(*_where(DigestScheduleRow, target)))
    if row is None:
        row = DigestScheduleRow(**_key(target))
        session.add(row)
    row.hour, row.minute, row.timezone = hour, minute, timezone
    row.weekdays = ",".join(str(day) for day in weekdays)
    row.quiet = quiet
    row.enabled = True
    row.disabled_reason = None
    row.updated_at = updated_at
    await session.flush()
    return _schedule(row)


async def disable_schedule(
    session: AsyncSession, target: ChannelRef, reason: str | None, updated_at: datetime
) -> DigestSchedule | None:
    row = await session.scalar(select(DigestScheduleRow).where(*_where(DigestScheduleRow, target)))
    if row is None:
        return None
    row.enabled = False
    row.disabled_reason = reason
    row.updated_at = updated_at
    await session.flush()
    return _schedule(row)


async def schedule_for(session: AsyncSession, target: ChannelRef) -> DigestSchedule | None:
    row = await session.scalar(select(DigestScheduleRow).where(*_where(DigestScheduleRow, target)))
    return None if row is None else _schedule(row)


async def schedule_by_id(session: AsyncSession, schedule_id: int) -> DigestSchedule | None:
    row = await session.get(DigestScheduleRow, schedule_id)
    return None if row is None else _schedule(row)


async def enabled_schedules(session: AsyncSession) -> tuple[DigestSchedule, ...]:
    rows = await session.scalars(
        select(DigestScheduleRow).where(DigestScheduleRow.enabled).order_by(DigestScheduleRow.id)
    )
    return tuple(_schedule(row) for row in rows)


# Runs


async def insert_run(
    session: AsyncSession,
    target: ChannelRef,
    *,
    scheduled_for: datetime,
    status: str,
    since: datetime | None,
    claimed_by: str,
    claimed_at: datetime,
    finished_at: datetime | None = None,
    detail: str | None = None,
) -> DigestRun:
    """Insert the run: the INSERT is the transaction's first statement, so on SQLite it waits
    for the write lock instead of failing, and a run already there raises IntegrityError."""
    row = DigestRunRow(
        **_key(target),
        scheduled_for=scheduled_for,
        kind="scheduled",
        status=status,
        claimed_by=claimed_by,
        claimed_at=claimed_at,
        finished_at=finished_at,
        attempts=0,
        last_attempt_at=None,
        detail=detail,
        article_count=None,
        story_count=None,
        since=since,
    )
    session.add(row)
    await session.flush()
    return _run(row)


async def _update_run(session: AsyncSession, run_id: int, **values: Any) -> None:
    result = await session.execute(
        update(DigestRunRow)
        .where(DigestRunRow.id == run_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise UnknownDigestRunError(run_id)


async def record_attempt(session: AsyncSession, run_id: int, detail: str, at: datetime) -> None:
    """Count a failed attempt in the database itself (`attempts + 1`), with its error."""
    await _update_run(
        session, run_id, attempts=DigestRunRow.attempts + 1, detail=detail, last_attempt_at=at
    )


async def finish_run(
    session: AsyncSession,
    run_id: int,
    *,
    status: str,
    finished_at: datetime,
    detail: str | None,
    article_count: int | None,
    story_count: int | None,
) -> None:
    """End the run; without a new `detail`, the last attempt's error is kept."""
    values: dict[str, Any] = {
        "status": status,
        "finished_at": finished_at,
        "article_count": article_count,
        "story_count": story_count,
    }
    if detail is not None:
        values["detail"] = detail
    await _update_run(session, run_id, **values)


async def abandon_runs(
    session: AsyncSession, due_before: datetime, finished_at: datetime, detail: str
) -> int:
    """Runs still claimed though due before `due_before`: failed, with `detail`."""
    result = await session.execute(
        update(DigestRunRow)
        .where(DigestRunRow.status == "claimed", DigestRunRow.scheduled_for < due_before)
        .values(status="failed", finished_at=finished_at, detail=detail)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def run_for(
    session: AsyncSession, target: ChannelRef, scheduled_for: datetime
) -> DigestRun | None:
    row = await session.scalar(
        select(DigestRunRow).where(
            *_where(DigestRunRow, target), DigestRunRow.scheduled_for == scheduled_for
        )
    )
    return None if row is None else _run(row)


async def last_run(
    session: AsyncSession, target: ChannelRef, statuses: tuple[str, ...]
) -> DigestRun | None:
    row = await session.scalar(
        select(DigestRunRow)
        .where(*_where(DigestRunRow, target), DigestRunRow.status.in_(statuses))
        .order_by(DigestRunRow.scheduled_for.desc(), DigestRunRow.id.desc())
        .limit(1)
    )
    return None if row is None else _run(row)


# Sources


async def add_source(
    session: AsyncSession, target: ChannelRef, source_channel: str, added_at: datetime
) -> bool:
    """Add the source unless it is there (a conflicting insert raises IntegrityError, for the
    caller to retry; the retry finds the row)."""
    found = await session.scalar(
        select(DigestSourceRow.id).where(
            *_where(DigestSourceRow, target), DigestSourceRow.source_channel == source_channel
        )
    )
    if found is not None:
        return False
    session.add(DigestSourceRow(**_key(target), source_channel=source_channel, added_at=added_at))
    await session.flush()
    return True


async def remove_source(session: AsyncSession, target: ChannelRef, source_channel: str) -> bool:
    result = await session.execute(
        delete(DigestSourceRow)
        .where(*_where(DigestSourceRow, target), DigestSourceRow.source_channel == source_channel)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def sources(session: AsyncSession, target: ChannelRef) -> tuple[str, ...]:
    """The source channel ids, sorted here (databases collate text differently)."""
    found = await session.scalars(
        select(DigestSourceRow.source_channel).where(*_where(DigestSourceRow, target))
    )
    return tuple(sorted(found))


# What a digest reads


async def _shared_where(
    session: AsyncSession, target: ChannelRef, since: datetime | None, until: datetime
) -> list[ColumnElement[bool]]:
    """Postings in the target channel or one of its sources, same platform and workspace, with
    since < posted_at <= until. Postings keep NULL for no workspace; "" is taken as NULL too."""
    channels = [target.channel, *await sources(session, target)]
    if target.workspace is None:
        workspace = or_(PostingRow.workspace.is_(None), PostingRow.workspace == "")
    else:
        workspace = PostingRow.workspace == target.workspace
    where = [
        PostingRow.platform == target.platform,
        workspace,
        PostingRow.channel.in_(channels),
        PostingRow.posted_at <= until,
    ]
    if since is not None:
        where.append(PostingRow.posted_at > since)
    return where


async def shared_since(
    session: AsyncSession,
    target: ChannelRef,
    *,
    since: datetime | None,
    until: datetime,
    version: str,
) -> tuple[SharedBrief, ...]:
    return await shared_where(session, await _shared_where(session, target, since, until), version)


async def shared_where(
    session: AsyncSession, where: Sequence[ColumnElement[bool]], version: str
) -> tuple[SharedBrief, ...]:
    """Every posting matching `where`, with the brief `version` made of its article (articles
    without one left out), oldest first: what digests and What's new read."""
    rows = await session.execute(
        select(
            PostingRow.article_id,
            BriefRow.brief_json,
            func.coalesce(Article.canonical_url, link_url(Article.id)),
            Article.title,
            PostingRow.platform,
            PostingRow.workspace,
            PostingRow.channel,
            PostingRow.posted_at,
            first_version(Article.id),
        )
        .join(Article, Article.id == PostingRow.article_id)
        .join(
            BriefRow,
            (BriefRow.article_id == PostingRow.article_id)
            & (BriefRow.summarizer_version == version),
        )
        .where(*where)
        .order_by(PostingRow.posted_at, PostingRow.id)
    )
    return tuple(
        SharedBrief(
            article_id=article_id,
            brief_json=brief_json,
            url=url,
            title=title,
            channel=_ref(platform, workspace, channel),
            shared_at=posted_at,
            first_version_id=first,
        )
        for (
            article_id,
            brief_json,
            url,
            title,
            platform,
            workspace,
            channel,
            posted_at,
            first,
        ) in rows
    )


async def count_shared_since(
    session: AsyncSession, target: ChannelRef, *, since: datetime | None, until: datetime
) -> int:
    count = await session.scalar(
        select(func.count(distinct(first_version(PostingRow.article_id)))).where(
            *await _shared_where(session, target, since, until)
        )
    )
    return count or 0


async def channels_named(session: AsyncSession, channel: str) -> tuple[ChannelRef, ...]:
    """Every (platform, workspace) where a channel with this id had articles shared, a digest
    scheduled or sources folded in: what `briefbot digest --channel ID` may mean."""
    found: set[ChannelRef] = set()
    posted = await session.execute(
        select(PostingRow.platform, PostingRow.workspace)
        .where(PostingRow.channel == channel)
        .distinct()
    )
    found.update(_ref(platform, workspace, channel) for platform, workspace in posted)
    scheduled = await session.execute(
        select(DigestScheduleRow.platform, DigestScheduleRow.workspace).where(
            DigestScheduleRow.channel == channel
        )
    )
    found.update(_ref(platform, workspace, channel) for platform, workspace in scheduled)
    folding = await session.execute(
        select(DigestSourceRow.platform, DigestSourceRow.workspace)
        .where(DigestSourceRow.channel == channel)
        .distinct()
    )
    found.update(_ref(platform, workspace, channel) for platform, workspace in folding)
    return tuple(sorted(found, key=lambda r: (r.platform, r.workspace or "")))
