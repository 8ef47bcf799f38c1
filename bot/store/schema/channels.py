"""Per-channel settings a chat user changes with a command (`/briefbot auto on|off`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.schema.base import Base
from bot.store.schema.types import UTCDateTime


class ChannelSettingRow(Base):
    __tablename__ = "channel_settings"
    __table_args__ = (
        UniqueConstraint("platform", "workspace", "channel", name="uq_channel_settings_channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    # "" rather than NULL for no workspace, so the unique constraint holds on every database.
    workspace: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    auto_brief: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
