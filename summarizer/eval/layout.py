"""Small pieces of the printed report, shared by every section."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.eval.counts import ratio

SNIPPET = 70
LABEL_WIDTH = 36
CELL_WIDTH = 22


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def snippet(text: str, width: int = SNIPPET) -> str:
    """The text on one line, cut to `width` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def share(hits: int, total: int) -> str:
    """A figure with the counts it comes from, so two runs can be compared to the unit."""
    return f"{ratio(hits, total):.3f} ({hits}/{total})"


@dataclass(frozen=True, slots=True)
class Column:
    """One source's figures, in the order of the table's labels; None prints a dash (the
    figure does not apply to that source)."""

    header: str
    cells: Sequence[str | None]


def side_by_side(labels: Sequence[str], columns: Sequence[Column]) -> str:
    """Figures side by side: one row per label, one column per source."""
    header = f"{'':{LABEL_WIDTH}}" + "".join(f"{c.header:<{CELL_WIDTH}}" for c in columns)
    lines = [header.rstrip()]
    for i, label in enumerate(labels):
        cells = (c.cells[i] if i < len(c.cells) else None for c in columns)
        shown = "".join(f"{cell if cell is not None else '–':<{CELL_WIDTH}}" for cell in cells)
        lines.append(f"{label:{LABEL_WIDTH}}{shown}".rstrip())
    return "\n".join(lines)
