"""The values every layer shares about where a message came from or goes to: the platforms
Briefbot speaks on and a chat channel's reference.

They live beside the service, not in the store, so an adapter can name a channel without
importing the store; the store keeps them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Platform(StrEnum):
    """Where a request came from: a chat platform, the terminal chat, or the command line."""

    slack = "slack"
    discord = "discord"
    console = "console"
    cli = "cli"


PLATFORMS: frozenset[str] = frozenset(p.value for p in Platform)
# The chat platforms `briefbot run` connects to (the console is `briefbot chat`).
SERVED: tuple[Platform, ...] = (Platform.slack, Platform.discord)
# Only this machine can reach Slack's HTTP events endpoint unless told otherwise (--host
# 0.0.0.0, as the container image does): a bot that listens on every interface is a choice.
DEFAULT_HTTP_HOST = "127.0.0.1"


def require_channel(platform: str, channel: str, needing: str) -> None:
    """Refuse an unknown platform or an empty channel id; `needing` names what needs one
    ("a posting"), for the message."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r} (one of {sorted(PLATFORMS)})")
    if not channel:
        raise ValueError(f"{needing} needs a channel")


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """A chat channel: where a digest goes, or where articles were shared."""

    platform: str  # one of PLATFORMS
    channel: str
    workspace: str | None = None  # Slack team / Discord guild; None for console/cli/DMs

    def label(self) -> str:
        """The channel for the log: platform, workspace and channel ("slack:T1/C123")."""
        workspace = f"{self.workspace}/" if self.workspace else ""
        return f"{self.platform}:{workspace}{self.channel}"
