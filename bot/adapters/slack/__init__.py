"""Slack: Bolt's AsyncApp over Socket Mode or HTTP, with Block Kit rendering.

`run_slack(settings, service, digests, http_port=None)` runs until cancelled;
`SlackDigestPoster(make_client(settings))` posts scheduled digests. With `SlackInstalls`, any
number of workspaces install it (OAuth); `SlackWorkspaces(...).client_for(team_id)` gives a
workspace's client outside a request.
"""

from bot.adapters.slack.app import SlackBot, build_app, build_bot
from bot.adapters.slack.client import make_client
from bot.adapters.slack.install import SlackInstalls, SlackWorkspaces
from bot.adapters.slack.poster import SlackDigestPoster
from bot.adapters.slack.render import render_brief, render_help, render_problem
from bot.adapters.slack.serve import DEFAULT_HTTP_HOST, EVENTS_PATH, run_slack, web_app

__all__ = [
    "DEFAULT_HTTP_HOST",
    "EVENTS_PATH",
    "SlackBot",
    "SlackDigestPoster",
    "SlackInstalls",
    "SlackWorkspaces",
    "build_app",
    "build_bot",
    "make_client",
    "render_brief",
    "render_help",
    "render_problem",
    "run_slack",
    "web_app",
]
