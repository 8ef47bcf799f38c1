"""Reading and changing a channel's settings; a channel nobody configured has the defaults."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.schema.channels import ChannelSettingRow

AUTO_BRIEF_DEFAULT = True


def _where(platform: str, workspace: str | None, channel: str) -> tuple[object, ...]:
    return (
        ChannelSettingRow.platform == platform,
        ChannelSettingRow.workspace == (workspace or ""),
        ChannelSettingRow.channel == channel,
    )


async def auto_brief(
    session: AsyncSession, platform: str, workspace: str | None, channel: str
) -> bool:
    found = await session.scalar(
        select(ChannelSettingRow.auto_brief).where(*_where(platform, workspace, channel))
    )
    return AUTO_BRIEF_DEFAULT if found is None else found


async def set_auto_brief(
    session: AsyncSession,
    platform: str,
    workspace: str | None,
    channel: str,
    on: bool,
    updated_at: datetime,
) -> None:
    row = await session.scalar(
        select(ChannelSettingRow).where(*_where(platform, workspace, channel))
    )
    if row is None:
        session.add(
            ChannelSettingRow(
                platform=platform,
                workspace=workspace or "",
                channel=channel,
                auto_brief=on,
                updated_at=updated_at,
            )
        )
    else:
        row.auto_brief = on
        row.updated_at = updated_at
    await session.flush()
