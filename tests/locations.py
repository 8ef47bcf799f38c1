"""Where the tests find the repository's own files, wherever in tests/ a test sits."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_55396772dfa231c4.txt"
