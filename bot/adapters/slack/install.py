"""Briefbot in any number of Slack workspaces: "Add to Slack" with Bolt's OAuth flow, each
workspace answered with its own bot token, and the Web API client of a workspace for work done
outside a request.

The installations and the OAuth states are kept where the runtime says (our database: see
bot/store/installations.py); this module sees them only as slack_sdk's store interfaces. The
state is kept in the database rather than signed: each one is used once (a replayed callback is
refused before Slack is asked), an install started on one instance is finished by any other,
and no extra secret is needed. Bolt also binds it to the browser with a cookie.

Only over HTTP: Slack sends an install back to a redirect URL, and a Socket Mode app cannot be
distributed to other workspaces.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.client import make_client
from bot.config import Settings
from bot.metrics import Metrics

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# What Briefbot asks of each workspace (config/slack-manifest.yaml lists the same).
BOT_SCOPES = (
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "im:history",
    "chat:write",
    "commands",
    "files:read",
)
SOCKET_MODE_REFUSED = (
    "Installing Briefbot in many workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET) needs HTTP "
    "mode: run `briefbot run slack --http`. Slack does not let a Socket Mode app be "
    "distributed to other workspaces."
)


@dataclass(frozen=True, slots=True)
class SlackInstalls:
    """Where installations (bot tokens per workspace) and OAuth states are kept."""

    installations: AsyncInstallationStore
    states: AsyncOAuthStateStore


def authorize_url(api_url: str) -> str:
    """Slack's authorize page beside its Web API: https://slack.com/api/ gives
    https://slack.com/oauth/v2/authorize (GovSlack and test stand-ins alike)."""
    return api_url.rstrip("/").removesuffix("/api") + "/oauth/v2/authorize"


def oauth_options(settings: Settings, installs: SlackInstalls | None) -> dict[str, Any]:
    """The AsyncApp options of OAuth mode (none in single-workspace mode). Bolt's authorize
    then finds each request's bot token by its workspace; only bot tokens are asked for, so it
    looks in the bots (bot_only), which tokens_revoked clears."""
    if installs is None:
        return {}
    client_id, client_secret = settings.slack_client_id, settings.slack_client_secret
    if client_id is None or client_secret is None:
        raise ValueError("OAuth needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    return {
        "installation_store": installs.installations,
        "installation_store_bot_only": True,
        "oauth_settings": AsyncOAuthSettings(
            client_id=client_id.get_secret_value(),
            client_secret=client_secret.get_secret_value(),
            scopes=list(BOT_SCOPES),
            redirect_uri=settings.slack_oauth_redirect_url,
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
            authorization_url=authorize_url(settings.slack_api_url),
            installation_store=installs.installations,
            installation_store_bot_only=True,
            state_store=installs.states,
            logger=log,
        ),
    }


class SlackWorkspaces:
    """The Web API client of a workspace, for work outside a Slack request (a scheduled
    digest, work resumed after a restart): its own installed bot token in OAuth mode, the
    SLACK_BOT_TOKEN one otherwise."""

    def __init__(
        self,
        settings: Settings,
        installs: SlackInstalls | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.settings = settings
        self.installs = installs
        self.metrics = metrics if metrics is not None else Metrics()
        self._single = None if installs is not None else make_client(settings, self.metrics)

    async def client_for(self, team_id: str | None) -> AsyncWebClient | None:
        """The client answering in workspace `team_id`; None when Briefbot is not installed
        there (removed, or never added)."""
        if self._single is not None:
            return self._single
        if self.installs is None or not team_id:
            return None
        bot = await self.installs.installations.async_find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            return None
        return make_client(self.settings, self.metrics, token=bot.bot_token)
