"""The layers of ARCHITECTURE.md, enforced: every import in bot/ and summarizer/ (also those
inside functions and under TYPE_CHECKING) points down the flow chat → adapter → service →
ingest/summarizer/store, never back up; and no module outside the tests grows past 500 lines."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from locations import REPO

PACKAGES = ("bot", "summarizer")
MAX_LINES = 500

# The services beside the brief and digest services that stand on the store alone.
ON_THE_STORE_ALONE = (
    "bot.service",
    "bot.digests",
    "bot.adapters",
    "bot.schedule",
    "bot.ingest",
    "bot.workers",
    "bot.cli",
    "bot.runtime",
)
# What a module may never import, by the layer it is in (the longest matching prefix wins).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "summarizer": ("bot", "summarizer.eval"),
    "summarizer.eval": ("bot",),
    # The two thin entry points of `python -m summarizer.bench` and `summarizer.evaluate`.
    "summarizer.bench": ("bot",),
    "summarizer.evaluate": ("bot",),
    "bot.channels": ("bot",),
    "bot.startup": ("bot",),
    "bot.stopping": ("bot",),
    "bot.logmask": ("bot",),
    "bot.logs": (
        "bot.service",
        "bot.digests",
        "bot.adapters",
        "bot.store",
        "bot.ingest",
        "bot.cli",
    ),
    "bot.inputs": ("bot",),
    "bot.batches": ("bot",),
    "bot.timings": ("bot",),
    # Values every layer may count into; the routes that show them and the readiness facts.
    "bot.metrics": ("bot",),
    "bot.health": (
        "bot.service",
        "bot.digests",
        "bot.adapters",
        "bot.store",
        "bot.ingest",
        "bot.schedule",
        "bot.workers",
        "bot.cli",
        "bot.runtime",
        "bot.config",
    ),
    "bot.config": ("bot.service", "bot.digests", "bot.adapters", "bot.cli", "bot.runtime"),
    "bot.store": (
        "bot.service",
        "bot.digests",
        "bot.adapters",
        "bot.schedule",
        "bot.ingest",
        "bot.cli",
        "bot.runtime",
        "bot.config",
    ),
    "bot.ingest": (
        "bot.service",
        "bot.digests",
        "bot.adapters",
        "bot.schedule",
        "bot.store",
        "bot.cli",
        "bot.runtime",
        "bot.config",
    ),
    "bot.schedule": (
        "bot.service",
        "bot.digests",
        "bot.adapters",
        "bot.ingest",
        "bot.cli",
        "bot.runtime",
        "bot.config",
    ),
    # Where brief work runs: below the brief service, beside ingest (it runs the reader).
    "bot.workers": (
        "bot.service",
        "bot.digests",
        "bot.adapters",
        "bot.schedule",
        "bot.store",
        "bot.cli",
        "bot.runtime",
        "bot.config",
    ),
    # Accepted work kept until answered: a service beside the brief service, on the store.
    "bot.intake": (*ON_THE_STORE_ALONE, "bot.config"),
    # Who said what and search: a service beside the brief service, on the store alone.
    "bot.memory": ON_THE_STORE_ALONE,
    # Story memory (What's new): below the brief and digest services, on the store.
    "bot.whatsnew": ON_THE_STORE_ALONE,
    "bot.service": ("bot.digests", "bot.adapters", "bot.schedule", "bot.cli", "bot.runtime"),
    "bot.digests": ("bot.adapters", "bot.ingest", "bot.workers", "bot.cli", "bot.runtime"),
    "bot.adapters": (
        "bot.store",
        "bot.ingest",
        "bot.workers",
        "bot.schedule",
        "bot.cli",
        "bot.runtime",
    ),
}
ADAPTERS = ("bot.adapters.slack", "bot.adapters.discord", "bot.adapters.console")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((REPO / package).rglob("*.py"))


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module the file imports, absolute, with its line."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the file's own package
                anchor = (package or module_name(path)).split(".")
                base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def layer_of(name: str) -> str | None:
    matching = [prefix for prefix in FORBIDDEN if within(name, prefix)]
    return max(matching, key=len, default=None)


def violations() -> Iterator[str]:
    for path in sources():
        name = module_name(path)
        layer = layer_of(name)
        own_adapter = next((a for a in ADAPTERS if within(name, a)), None)
        for line, imported in imports(path):
            where = f"{path.relative_to(REPO)}:{line} imports {imported}"
            if layer is not None and any(within(imported, f) for f in FORBIDDEN[layer]):
                yield f"{where} (not allowed from {layer})"
            other = next((a for a in ADAPTERS if within(imported, a) and a != own_adapter), None)
            if within(name, "bot.adapters") and other is not None:
                yield f"{where} (adapters share only bot.adapters.presentation)"


def test_every_import_points_down_the_layers() -> None:
    assert list(violations()) == []


def test_no_module_outside_the_tests_is_over_500_lines() -> None:
    long = [
        f"{path.relative_to(REPO)}: {n} lines"
        for path in sources()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert long == []


@pytest.mark.parametrize(
    ("module", "imported", "allowed"),
    [
        ("summarizer.ranking", "bot.service", False),
        ("summarizer.ranking", "summarizer.eval.bench", False),
        ("summarizer.eval.bench", "summarizer.ranking", True),
        ("bot.adapters.slack.app", "bot.store", False),
        ("bot.adapters.slack.app", "bot.service", True),
        ("bot.store.articles", "bot.service", False),
        ("bot.schedule.scheduler", "bot.digests.service", False),
        ("bot.schedule.scheduler", "bot.store.records", True),
        ("bot.digests.runs", "bot.schedule.timing", True),
    ],
)
def test_the_rules_catch_what_they_name(module: str, imported: str, allowed: bool) -> None:
    layer = layer_of(module)
    assert layer is not None
    assert (not any(within(imported, f) for f in FORBIDDEN[layer])) is allowed
