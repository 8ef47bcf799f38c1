"""Slack installations, one set per workspace that added the app, and the OAuth states of
installs under way: the tables slack_sdk's SQLAlchemy stores read and write
(bot/store/installations.py), declared here so that our migrations own them.

The columns are slack_sdk's (3.x) with one change: tokens are Text, since a token sealed with
Fernet (SLACK_TOKEN_ENCRYPTION_KEY) is longer than the library's String(200). Times are naive
UTC, as the library writes them.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, Text

from bot.store.schema.base import Base

INSTALLATIONS = "slack_installations"
BOTS = "slack_bots"
OAUTH_STATES = "slack_oauth_states"


def _workspace() -> list[Column]:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        Column("enterprise_id", String(32)),
        Column("enterprise_name", String(200)),
    ]


def _bot() -> list[Column]:
    return [
        Column("bot_token", Text),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", Text),
        Column("bot_token_expires_at", DateTime),
    ]


slack_installations = Table(
    INSTALLATIONS,
    Base.metadata,
    *_workspace(),
    Column("enterprise_url", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    *_bot(),
    Column("user_id", String(32), nullable=False),
    Column("user_token", Text),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", Text),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", Text),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("is_enterprise_install", Boolean, nullable=False),
    Column("token_type", String(32)),
    Column("installed_at", DateTime, nullable=False),
    Index(
        f"{INSTALLATIONS}_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"
    ),
)

slack_bots = Table(
    BOTS,
    Base.metadata,
    *_workspace(),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    *_bot(),
    Column("is_enterprise_install", Boolean, nullable=False),
    Column("installed_at", DateTime, nullable=False),
    Index(f"{BOTS}_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

slack_oauth_states = Table(
    OAUTH_STATES,
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
    Index(f"ix_{OAUTH_STATES}_state", "state"),
)
