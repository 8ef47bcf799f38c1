"""What Briefbot counts for Prometheus: briefs, their latency, digests, platform retries.

One Metrics per running bot, on a registry of its own (never prometheus-client's global one),
so two bots in one process (the tests) never count into each other. Services and adapters are
handed it; the health listener exposes it at /metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

CONTENT_TYPE = CONTENT_TYPE_LATEST
# Briefs take from well under a second (text) to the time limit (a slow site, a long page).
BRIEF_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)
FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


@dataclass(frozen=True)
class Metrics:
    """Briefbot's instruments, all on `registry`."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)
    briefs: Counter = field(init=False)
    brief_seconds: Histogram = field(init=False)
    fetch_seconds: Histogram = field(init=False)
    queue_depth: Gauge = field(init=False)
    digests: Counter = field(init=False)
    platform_retries: Counter = field(init=False)
    platform_rate_limited: Counter = field(init=False)

    def __post_init__(self) -> None:
        on = self.registry
        instruments = {
            "briefs": Counter(
                "briefbot_briefs",
                "Briefs answered, by outcome (briefed, problem, failed), source (link, text) "
                "and platform.",
                ["outcome", "source", "platform"],
                registry=on,
            ),
            "brief_seconds": Histogram(
                "briefbot_brief_seconds",
                "Seconds from a source taken on to its brief or problem.",
                ["source"],
                buckets=BRIEF_BUCKETS,
                registry=on,
            ),
            "fetch_seconds": Histogram(
                "briefbot_fetch_seconds",
                "Seconds fetching a linked page (failed fetches included).",
                buckets=FETCH_BUCKETS,
                registry=on,
            ),
            "queue_depth": Gauge(
                "briefbot_brief_queue_depth",
                "Sources taken on and not yet briefed (waiting for or in a worker).",
                registry=on,
            ),
            "digests": Counter(
                "briefbot_digests",
                "Scheduled digest runs, by how they ended (posted, empty, failed, ...).",
                ["outcome"],
                registry=on,
            ),
            "platform_retries": Counter(
                "briefbot_platform_retries",
                "Platform API calls tried again (rate limits, dropped connections).",
                ["platform"],
                registry=on,
            ),
            "platform_rate_limited": Counter(
                "briefbot_platform_rate_limited",
                "HTTP 429 answers from a platform's API.",
                ["platform"],
                registry=on,
            ),
        }
        for name, instrument in instruments.items():
            object.__setattr__(self, name, instrument)

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format, for GET /metrics."""
        return generate_latest(self.registry)

    def value(self, name: str, **labels: str) -> float:
        """One sample's current value (0 when never set), for tests and the console."""
        found = self.registry.get_sample_value(name, labels)
        return found if found is not None else 0.0
