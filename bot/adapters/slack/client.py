"""The Slack Web API client: the configured base URL, retries on 429 (honouring Retry-After)
and on dropped connections, each retry and each 429 counted in the metrics."""

from __future__ import annotations

from typing import Any

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.metrics import Metrics

PLATFORM = "slack"


class RateLimitsSeen(AsyncRetryHandler):
    """First in line, it sees every answer: counts each 429 and never asks for a retry."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__(max_retry_count=1_000_000)
        self.metrics = metrics

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None and response.status_code == 429:
            self.metrics.platform_rate_limited.labels(platform=PLATFORM).inc()
        return False


class CountedRetries(AsyncRetryHandler):
    """Mixed into a retry handler of slack_sdk's: each retry it makes is counted."""

    metrics: Metrics

    def __init__(self, metrics: Metrics, **options: Any) -> None:
        super().__init__(**options)
        self.metrics = metrics

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        self.metrics.platform_retries.labels(platform=PLATFORM).inc()
        await super().prepare_for_next_attempt_async(
            state=state, request=request, response=response, error=error
        )


class ConnectionRetries(CountedRetries, AsyncConnectionErrorRetryHandler):
    """slack_sdk's default: a dropped connection tried again once."""


class RateLimitRetries(CountedRetries, AsyncRateLimitErrorRetryHandler):
    """A 429 tried again after its Retry-After, up to three times."""


def make_client(
    settings: Settings, metrics: Metrics | None = None, *, token: str | None = None
) -> AsyncWebClient:
    """The Web API client for the configured base URL (GovSlack, test stand-ins), with
    `token` (a workspace's installed one) or else SLACK_BOT_TOKEN (OAuth mode: none)."""
    if token is None and settings.slack_bot_token and not settings.slack_oauth():
        token = settings.slack_bot_token.get_secret_value()
    base = (
        settings.slack_api_url
        if settings.slack_api_url.endswith("/")
        else settings.slack_api_url + "/"
    )
    counted = metrics if metrics is not None else Metrics()
    handlers: list[AsyncRetryHandler] = [
        RateLimitsSeen(counted),
        ConnectionRetries(counted),
        RateLimitRetries(counted, max_retry_count=3),
    ]
    return AsyncWebClient(token=token, base_url=base, retry_handlers=handlers)
