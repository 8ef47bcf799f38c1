"""Reading the evaluation files: JSON lines, with every problem named by file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class EvalInputError(Exception):
    """The evaluation input cannot be used; str(err) says which file and line."""


def load_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Objects of a JSON-lines file (blank lines skipped), or EvalInputError naming the line.

    Each object gets "_line", its line number, so later checks can point at it too.
    """
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise EvalInputError(f"cannot read {path}: {err.strerror or err}") from None
    rows: list[dict[str, Any]] = []
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise EvalInputError(f"{path}:{number}: not valid JSON ({err.msg})") from None
                if not isinstance(row, dict):
                    raise EvalInputError(f"{path}:{number}: expected a JSON object")
                row["_line"] = number
                rows.append(row)
                if limit is not None and len(rows) >= limit:
                    break
        except UnicodeDecodeError:
            raise EvalInputError(f"{path}: not UTF-8 text") from None
    return rows


def check_articles(path: Path, rows: list[dict[str, Any]]) -> None:
    """The CNN file: every row has an id, the article and its list of highlights."""
    for row in rows:
        ok = (
            isinstance(row.get("id"), str)
            and isinstance(row.get("article"), str)
            and isinstance(row.get("highlights"), list)
            and all(isinstance(h, str) for h in row["highlights"])
        )
        if not ok:
            raise EvalInputError(
                f'{path}:{row["_line"]}: needs "id", "article" and a list of "highlights"'
            )
